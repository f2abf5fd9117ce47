import { apiRoute } from "@/lib/api/endpoint";
import { getTierScheme } from "@/lib/api/endpoints/segments";
import { getApiTierScheme } from "@/lib/data/api/segmentation";

export const GET = apiRoute(getTierScheme, () => getApiTierScheme());
