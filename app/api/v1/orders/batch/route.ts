import { apiRoute } from "@/lib/api/endpoint";
import { upsertOrders } from "@/lib/api/endpoints/activity-writes";
import { upsertApiOrders } from "@/lib/data/api/writes/activity";

export const POST = apiRoute(upsertOrders, ({ caller, body }) => upsertApiOrders(caller, body.items));
