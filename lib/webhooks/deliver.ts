import "server-only";
import { z } from "@/lib/validation/zod";
import { db } from "@/lib/db/client";
import { attemptDelivery, type DueDelivery } from "./attempt";
import { wakeEndpoint } from "./queue";

/**
 * An endpoint's sender ("webhook-deliver" job, one per endpoint, never two at once: see
 * lib/webhooks/queue.ts). It sends the endpoint's due deliveries oldest first, SEND_CONCURRENCY
 * at a time, until none is due, then schedules itself for the earliest retry. The deliveries
 * table is the truth: a sender killed mid-request (kill -9) leaves its deliveries PENDING and due,
 * and the job, given back by the queue's sweep, sends them again with the same webhook-id.
 */

export const SEND_CONCURRENCY = 4;
/** A sender yields its worker after this long, so one busy endpoint cannot hold a worker for ever. */
const RUN_BUDGET_MS = 60_000;

const payloadSchema = z.object({ endpointId: z.string().min(1) });

function dueDeliveries(endpointId: string, limit: number): Promise<DueDelivery[]> {
  return db.webhookDelivery.findMany({
    where: { endpointId, status: "PENDING", nextAttemptAt: { lte: new Date() } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, messageId: true, payload: true, attempts: true, retryUntil: true },
  });
}

export async function deliverForEndpoint(payload: unknown): Promise<void> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return;
  const { endpointId } = parsed.data;
  const started = Date.now();
  for (;;) {
    const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true, url: true, secret: true, active: true } });
    // Deleted: its deliveries went with it. Inactive: they wait until it is activated again.
    if (!endpoint?.active) return;
    const due = await dueDeliveries(endpointId, SEND_CONCURRENCY);
    if (due.length === 0) break;
    const results = await Promise.all(due.map((delivery) => attemptDelivery(endpoint, delivery)));
    if (results.some((result) => result.disabled)) return;
    if (Date.now() - started > RUN_BUDGET_MS) {
      await wakeEndpoint(endpointId);
      return;
    }
  }
  const next = await db.webhookDelivery.findFirst({
    where: { endpointId, status: "PENDING" },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  if (next) await wakeEndpoint(endpointId, { later: next.nextAttemptAt });
}
