import "server-only";
import { recordApiAudit } from "@/lib/api/audit";
import type { ApiCaller } from "@/lib/api/caller";
import { getEndpoint, listEndpoints, registerEndpoint, removeEndpoint } from "@/lib/webhooks/manage";
import type { WebhookEndpointInput } from "@/lib/webhooks/schema";
import type { NewWebhookEndpoint, WebhookEndpointView } from "@/lib/webhooks/view";

/** Webhook endpoints through the API: apiRoute has checked the key's webhooks:manage scope. */

const keyLabel = (caller: ApiCaller) => `API key ${caller.name} (${caller.prefix})`;

export async function listApiWebhookEndpoints(): Promise<{ data: WebhookEndpointView[] }> {
  return { data: await listEndpoints() };
}

export async function createApiWebhookEndpoint(caller: ApiCaller, input: WebhookEndpointInput): Promise<NewWebhookEndpoint> {
  const created = await registerEndpoint(input, keyLabel(caller));
  await recordApiAudit(caller, "API_WRITE", `Webhook endpoint ${created.endpoint.url}`, { webhookEndpointId: created.endpoint.id, created: true });
  return created;
}

export async function deleteApiWebhookEndpoint(caller: ApiCaller, id: string): Promise<{ id: string; deleted: true }> {
  const { url } = await getEndpoint(id);
  await removeEndpoint(id);
  await recordApiAudit(caller, "API_WRITE", `Webhook endpoint ${url}`, { webhookEndpointId: id, deleted: true });
  return { id, deleted: true };
}
