import "server-only";
import { recordAudit } from "@/lib/audit";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { getEndpoint, listAttempts, listEndpoints, queueTestEvent, redeliver, registerEndpoint, removeEndpoint, setEndpointActive } from "@/lib/webhooks/manage";
import type { WebhookEndpointInput } from "@/lib/webhooks/schema";
import type { NewWebhookEndpoint, WebhookAttemptView, WebhookEndpointView } from "@/lib/webhooks/view";

/** Webhook endpoints on the "API & webhooks" admin page: ADMIN only; registering, (de)activating and deleting are audited. */

const auditActor = (actor: Actor) => ({ id: actor.id, email: actor.email ?? actor.id });

async function nameOf(actor: Actor): Promise<string> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  return user?.name ?? actor.email ?? "An admin";
}

export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointView[]> {
  assertRole(actor, "ADMIN");
  return listEndpoints();
}

export async function createWebhookEndpoint(actor: Actor, input: WebhookEndpointInput): Promise<NewWebhookEndpoint> {
  assertRole(actor, "ADMIN");
  const created = await registerEndpoint(input, await nameOf(actor));
  await recordAudit({ actor: auditActor(actor), action: "WEBHOOK_ENDPOINT_CREATED", target: created.endpoint.url, details: { endpointId: created.endpoint.id, events: input.events } });
  return created;
}

export async function deleteWebhookEndpoint(actor: Actor, id: string): Promise<void> {
  assertRole(actor, "ADMIN");
  const { url } = await getEndpoint(id);
  await removeEndpoint(id);
  await recordAudit({ actor: auditActor(actor), action: "WEBHOOK_ENDPOINT_DELETED", target: url, details: { endpointId: id } });
}

export async function setWebhookEndpointActive(actor: Actor, id: string, active: boolean): Promise<void> {
  assertRole(actor, "ADMIN");
  await setEndpointActive(id, active, await nameOf(actor));
  const { url } = await getEndpoint(id);
  await recordAudit({ actor: auditActor(actor), action: "WEBHOOK_ENDPOINT_UPDATED", target: url, details: { endpointId: id, active } });
}

export async function sendWebhookTestEvent(actor: Actor, endpointId: string): Promise<{ messageId: string }> {
  assertRole(actor, "ADMIN");
  return queueTestEvent(endpointId);
}

export async function redeliverWebhook(actor: Actor, deliveryId: string): Promise<{ messageId: string }> {
  assertRole(actor, "ADMIN");
  return redeliver(BigInt(deliveryId));
}

export async function listWebhookAttempts(actor: Actor, endpointId: string): Promise<WebhookAttemptView[]> {
  assertRole(actor, "ADMIN");
  return listAttempts(endpointId);
}
