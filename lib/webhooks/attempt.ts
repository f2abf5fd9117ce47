import "server-only";
import { db } from "@/lib/db/client";
import { nextAttemptAt, RETRY_WINDOW_MS } from "./backoff";
import { postWebhook, type PostResult } from "./http";
import { resolveTarget, RefusedTarget } from "./ssrf";
import { firstRetryMs, webhookAllowList } from "./settings";
import { webhookHeaders } from "./signature";

/** A delivery as the sender takes it. */
export interface DueDelivery {
  id: bigint;
  messageId: string;
  payload: string;
  attempts: number;
  retryUntil: Date;
}

export interface SendingEndpoint {
  id: string;
  url: string;
  secret: string;
}

/** One HTTP attempt: the target checked against SSRF rules first (a refusal is a failed attempt). */
async function post(endpoint: SendingEndpoint, delivery: DueDelivery): Promise<PostResult> {
  const started = performance.now();
  try {
    const target = await resolveTarget(endpoint.url, webhookAllowList());
    return await postWebhook(target, delivery.payload, webhookHeaders(endpoint.secret, delivery.messageId, delivery.payload));
  } catch (error) {
    const message = error instanceof RefusedTarget ? error.message : `could not send: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), responseSnippet: null, error: message };
  }
}

/**
 * Send a delivery once and record it: the attempt's row, the delivery's new state (delivered, a
 * later retry, or failed when the retry window is over) and the endpoint's health (an endpoint
 * whose attempts have all failed for 24 hours is deactivated with the reason). Returns whether
 * this deactivated the endpoint.
 */
export async function attemptDelivery(endpoint: SendingEndpoint, delivery: DueDelivery): Promise<{ ok: boolean; disabled: boolean }> {
  const result = await post(endpoint, delivery);
  const now = new Date();
  const attempt = delivery.attempts + 1;
  const next = result.ok ? null : nextAttemptAt(attempt, now, delivery.retryUntil, firstRetryMs());
  const status = result.ok ? "DELIVERED" : next ? "PENDING" : "FAILED";
  const cutoff = new Date(now.getTime() - RETRY_WINDOW_MS);
  const reason = `Every delivery attempt failed for 24 hours (the last: ${result.error ?? "no answer"}).`;
  const disabled = await db.$transaction(async (tx) => {
    // The endpoint's row first, as deleting an endpoint locks it before its deliveries: the same
    // order in both, so a delete during a send waits instead of deadlocking.
    const rows = result.ok
      ? await tx.$queryRaw<{ active: boolean }[]>`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${endpoint.id} RETURNING active`
      : await tx.$queryRaw<{ active: boolean }[]>`
          UPDATE webhook_endpoints SET
            failing_since = COALESCE(failing_since, ${now}),
            active = active AND NOT COALESCE(failing_since <= ${cutoff}, false),
            disabled_at = CASE WHEN active AND failing_since <= ${cutoff} THEN ${now} ELSE disabled_at END,
            disabled_reason = CASE WHEN active AND failing_since <= ${cutoff} THEN ${reason} ELSE disabled_reason END
          WHERE id = ${endpoint.id}
          RETURNING active`;
    if (rows.length === 0) return false; // deleted meanwhile: its deliveries are gone
    await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        endpointId: endpoint.id,
        at: now,
        ok: result.ok,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseSnippet: result.responseSnippet,
        error: result.error,
      },
    });
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { attempts: attempt, status, nextAttemptAt: next ?? now, deliveredAt: result.ok ? now : undefined },
    });
    return rows[0]?.active === false;
    // A busy pool (a publish, an import) must not turn a sent request into a failed job that sends it again.
  }, { maxWait: 15_000 });
  return { ok: result.ok, disabled };
}
