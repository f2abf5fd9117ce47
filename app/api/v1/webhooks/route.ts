import { apiRoute } from "@/lib/api/endpoint";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/api/endpoints/webhooks";
import { createApiWebhookEndpoint, listApiWebhookEndpoints } from "@/lib/data/webhooks-api";

export const GET = apiRoute(listWebhookEndpoints, () => listApiWebhookEndpoints());
export const POST = apiRoute(createWebhookEndpoint, ({ caller, body }) => createApiWebhookEndpoint(caller, body));
