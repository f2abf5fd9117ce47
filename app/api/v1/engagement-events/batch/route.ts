import { apiRoute } from "@/lib/api/endpoint";
import { upsertEngagementEvents } from "@/lib/api/endpoints/activity-writes";
import { upsertApiEvents } from "@/lib/data/api/writes/activity";

export const POST = apiRoute(upsertEngagementEvents, ({ caller, body }) => upsertApiEvents(caller, body.items));
