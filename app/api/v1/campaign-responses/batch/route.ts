import { apiRoute } from "@/lib/api/endpoint";
import { createCampaignResponses } from "@/lib/api/endpoints/activity-writes";
import { createApiCampaignResponses } from "@/lib/data/api/writes/activity";

export const POST = apiRoute(createCampaignResponses, ({ caller, body }) => createApiCampaignResponses(caller, body.items));
