import { apiRoute } from "@/lib/api/endpoint";
import { listTierMembers } from "@/lib/api/endpoints/segments";
import { apiActor } from "@/lib/data/api/actor";
import { listTierMembers as listMembers } from "@/lib/data/api/segmentation";

export const GET = apiRoute(listTierMembers, ({ caller, params, query }) => listMembers(apiActor(caller), params.key, query));
