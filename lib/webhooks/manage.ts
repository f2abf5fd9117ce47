import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { RETRY_WINDOW_MS } from "./backoff";
import { skipLedgerHistory } from "./dispatch";
import type { DeliveryStatus, WebhookEventType } from "./events";
import { batchBody, testEvent } from "./payload";
import { wakeEndpoint } from "./queue";
import type { WebhookEndpointInput } from "./schema";
import { webhookAllowList } from "./settings";
import { newMessageId, newSigningSecret } from "./signature";
import { RefusedTarget, resolveTarget } from "./ssrf";
import type { NewWebhookEndpoint, WebhookAttemptView, WebhookEndpointView } from "./view";

/**
 * Webhook endpoint management with no permission check of its own: lib/data/webhooks.ts (ADMIN
 * users) and lib/data/webhooks-api.ts (keys with webhooks:manage) check the caller first.
 */

const NOT_FOUND = "That webhook endpoint no longer exists.";

async function endpointViews(where: { id?: string } = {}): Promise<WebhookEndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({ where, orderBy: { createdAt: "desc" }, omit: { secret: true } });
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [pending, last] = await Promise.all([
    db.webhookDelivery.groupBy({ by: ["endpointId"], where: { endpointId: { in: ids }, status: "PENDING" }, _count: { _all: true } }),
    db.$queryRaw<{ endpoint_id: string; at: Date; ok: boolean }[]>`
      SELECT DISTINCT ON (endpoint_id) endpoint_id, at, ok FROM webhook_attempts
      WHERE endpoint_id = ANY(${ids}::text[]) ORDER BY endpoint_id, id DESC`,
  ]);
  return rows.map((row) => {
    const latest = last.find((attempt) => attempt.endpoint_id === row.id);
    return {
      id: row.id,
      url: row.url,
      description: row.description,
      // Only WEBHOOK_EVENTS values are ever stored (the input schema's enum).
      events: row.events as WebhookEventType[],
      active: row.active,
      disabledReason: row.disabledReason,
      disabledAt: row.disabledAt?.toISOString() ?? null,
      failingSince: row.failingSince?.toISOString() ?? null,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      pending: pending.find((group) => group.endpointId === row.id)?._count._all ?? 0,
      lastAttemptAt: latest?.at.toISOString() ?? null,
      lastAttemptOk: latest?.ok ?? null,
    };
  });
}

export const listEndpoints = () => endpointViews();

export async function getEndpoint(id: string): Promise<WebhookEndpointView> {
  const [view] = await endpointViews({ id });
  if (!view) throw new AppError("NOT_FOUND", NOT_FOUND);
  return view;
}

/** Register an endpoint: its URL must resolve to an allowed address now (and is checked again at every attempt). */
export async function registerEndpoint(input: WebhookEndpointInput, createdBy: string): Promise<NewWebhookEndpoint> {
  try {
    await resolveTarget(input.url, webhookAllowList());
  } catch (error) {
    if (error instanceof RefusedTarget) throw new AppError("INVALID", error.message, { fieldErrors: { url: error.message } });
    throw error;
  }
  const secret = newSigningSecret();
  const id = await db.$transaction(async (tx) => {
    await skipLedgerHistory(tx);
    const row = await tx.webhookEndpoint.create({ data: { url: input.url, events: input.events, description: input.description, secret, createdBy } });
    return row.id;
  });
  return { endpoint: await getEndpoint(id), secret };
}

export async function removeEndpoint(id: string): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", NOT_FOUND);
}

/**
 * Deactivate: nothing is sent and no new deliveries are made for it (changes while it is inactive
 * are not sent later); pending deliveries wait. Activate: pending deliveries resume, new changes
 * are delivered, and the 24-hour failure clock starts over.
 */
export async function setEndpointActive(id: string, active: boolean, by: string): Promise<void> {
  const changed = await db.$transaction(async (tx) => {
    if (active) await skipLedgerHistory(tx);
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id },
      data: active
        ? { active: true, disabledReason: null, disabledAt: null, failingSince: null }
        : { active: false, disabledReason: `Deactivated by ${by}.`, disabledAt: new Date() },
    });
    return count > 0;
  });
  if (!changed) throw new AppError("NOT_FOUND", NOT_FOUND);
  if (active) await wakeEndpoint(id);
}

/** Queue a delivery of one "webhook.test" event (an inactive endpoint is refused: it is sent nothing). */
export async function queueTestEvent(endpointId: string): Promise<{ messageId: string }> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { active: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", NOT_FOUND);
  if (!endpoint.active) throw new AppError("CONFLICT", "Activate the endpoint first: an inactive endpoint is sent nothing.");
  const now = new Date();
  const event = testEvent(endpointId, now);
  const messageId = newMessageId();
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.create({
      data: { endpointId, messageId, eventCount: 1, eventTypes: [event.type], payload: batchBody([event], now), retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS) },
    });
    await wakeEndpoint(endpointId, { tx });
  });
  return { messageId };
}

/** Send a delivery again now, with the same webhook-id and body, and a new 24-hour retry window. */
export async function redeliver(deliveryId: bigint): Promise<{ messageId: string }> {
  const now = new Date();
  const delivery = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ endpoint_id: string; message_id: string; active: boolean }[]>`
      UPDATE webhook_deliveries d SET status = 'PENDING', next_attempt_at = ${now}, retry_until = ${new Date(now.getTime() + RETRY_WINDOW_MS)}
      FROM webhook_endpoints e WHERE d.id = ${deliveryId} AND e.id = d.endpoint_id
      RETURNING d.endpoint_id, d.message_id, e.active`;
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", "That delivery no longer exists.");
    if (!row.active) throw new AppError("CONFLICT", "Activate the endpoint first: an inactive endpoint is sent nothing.");
    await wakeEndpoint(row.endpoint_id, { tx });
    return row;
  });
  return { messageId: delivery.message_id };
}

/** The endpoint's newest attempts, each with its delivery (the admin page's log). */
export async function listAttempts(endpointId: string, limit = 50): Promise<WebhookAttemptView[]> {
  const rows = await db.webhookAttempt.findMany({
    where: { endpointId },
    orderBy: { id: "desc" },
    take: limit,
    include: { delivery: { select: { id: true, messageId: true, eventCount: true, eventTypes: true, status: true, attempts: true, nextAttemptAt: true } } },
  });
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    ok: row.ok,
    statusCode: row.statusCode,
    latencyMs: row.latencyMs,
    responseSnippet: row.responseSnippet,
    error: row.error,
    delivery: {
      id: String(row.delivery.id),
      messageId: row.delivery.messageId,
      eventCount: row.delivery.eventCount,
      eventTypes: row.delivery.eventTypes,
      status: row.delivery.status as DeliveryStatus,
      attempts: row.delivery.attempts,
      nextAttemptAt: row.delivery.status === "PENDING" ? row.delivery.nextAttemptAt.toISOString() : null,
    },
  }));
}
