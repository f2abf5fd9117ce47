import { apiRoute } from "@/lib/api/endpoint";
import { deleteWebhookEndpoint } from "@/lib/api/endpoints/webhooks";
import { deleteApiWebhookEndpoint } from "@/lib/data/webhooks-api";

export const DELETE = apiRoute(deleteWebhookEndpoint, ({ caller, params }) => deleteApiWebhookEndpoint(caller, params.id));
