import "server-only";
import { db } from "@/lib/db/client";
import { isLockNotAvailable } from "@/lib/db/wrapped-errors";
import { RETRY_WINDOW_MS } from "./backoff";
import { batchBody, eventOf, type LedgerRow, type WebhookEvent } from "./payload";
import { wakeDispatcher, wakeEndpoint } from "./queue";
import { newMessageId } from "./signature";

/**
 * The webhook dispatcher ("webhook-dispatch" job): turns the ledger rows (membership_events)
 * after its stored cursor into deliveries, one per subscribed endpoint and batch of up to
 * BATCH_EVENTS events, and wakes each endpoint's sender. No writer of the ledger knows about
 * webhooks: a statement trigger on the ledger queues this job in the writer's transaction.
 *
 * A publish that moves 50,000 accounts thus becomes 100 deliveries per endpoint (not 50,000
 * requests), sent by one sender job per endpoint, SEND_CONCURRENCY at a time
 * (lib/webhooks/deliver.ts).
 */

export const BATCH_EVENTS = 500;
/** Ledger rows turned into deliveries per run (one transaction); a longer backlog continues in the next run. */
const ROWS_PER_RUN = 20 * BATCH_EVENTS;
/** How long the dispatcher waits for ledger writers to finish, once changes have waited STALE_MS. */
const LOCK_WAIT_MS = 500;
const STALE_MS = 2_000;

/**
 * The highest ledger id below which every row is final. Ids are taken when rows are inserted,
 * not when they commit, so a writer still running may hold ids below rows already committed; a
 * SHARE lock waits for every open writer (as the changes feed does, lib/data/api/membership-changes.ts)
 * and is held only for one index lookup. A lock request that waits also holds up new writers
 * behind it, so it is first asked for without waiting (NOWAIT), and waited for (up to
 * LOCK_WAIT_MS) only once the oldest undispatched change is STALE_MS old: a stream of short
 * writers (live recomputes) is not slowed, and cannot starve the dispatcher either.
 * Null when writers are still open.
 */
async function finalLedgerId(wait: boolean): Promise<bigint | null> {
  try {
    return await db.$transaction(async (tx) => {
      if (wait) await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${LOCK_WAIT_MS}`);
      await tx.$executeRawUnsafe(`LOCK TABLE membership_events IN SHARE MODE${wait ? "" : " NOWAIT"}`);
      const [row] = await tx.$queryRaw<{ max: bigint | null }[]>`SELECT max(id) AS max FROM membership_events`;
      return row?.max ?? 0n;
    });
  } catch (error) {
    if (isLockNotAvailable(error)) return null;
    throw error;
  }
}

/** How long the oldest change not yet dispatched has waited (0 when none is visible). */
async function backlogAgeMs(): Promise<number> {
  const [row] = await db.$queryRaw<{ ms: number | null }[]>`
    SELECT (extract(epoch FROM now() - e.at) * 1000)::float8 AS ms FROM membership_events e
    WHERE e.id > COALESCE((SELECT last_event_id FROM webhook_dispatch_cursor WHERE id = 1), 0)
    ORDER BY e.id LIMIT 1`;
  return row?.ms ?? 0;
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

function readLedger(tx: Tx, after: bigint, upTo: bigint, limit: number): Promise<LedgerRow[]> {
  return tx.$queryRaw<LedgerRow[]>`
    SELECT e.id, e.at, e.scope, e.change, e.reason, e.rule_version, e.detail,
      CASE e.scope WHEN 'TIER' THEN tv.note WHEN 'SEGMENT' THEN sv.note ELSE pv.note END AS note,
      a.id AS account_id, a.name AS account_name, a.domain AS account_domain,
      u.id AS owner_id, u.name AS owner_name, u.email AS owner_email,
      t.key AS to_key, t.name AS to_name, f.key AS from_key, f.name AS from_name,
      e.segment_id, s.name AS segment_name, e.play_id, p.name AS play_name
    FROM membership_events e
    JOIN accounts a ON a.id = e.account_id
    LEFT JOIN users u ON u.id = a.owner_id
    LEFT JOIN tiers t ON t.id = e.tier_id
    LEFT JOIN tiers f ON f.id = e.from_tier_id
    LEFT JOIN segments s ON s.id = e.segment_id
    LEFT JOIN plays p ON p.id = e.play_id
    LEFT JOIN tier_scheme_versions tv ON e.scope = 'TIER' AND tv.version = e.rule_version
    LEFT JOIN segment_versions sv ON sv.segment_id = e.segment_id AND sv.version = e.rule_version
    LEFT JOIN play_versions pv ON pv.play_id = e.play_id AND pv.version = e.rule_version
    WHERE e.id > ${after} AND e.id <= ${upTo}
    ORDER BY e.id
    LIMIT ${limit}`;
}

/** Returns how many deliveries were created. */
export async function dispatchLedger(): Promise<{ deliveries: number }> {
  let horizon = await finalLedgerId(false);
  if (horizon === null && (await backlogAgeMs()) > STALE_MS) horizon = await finalLedgerId(true);
  if (horizon === null) {
    await wakeDispatcher(new Date(Date.now() + 1_000));
    return { deliveries: 0 };
  }
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO webhook_dispatch_cursor (id, last_event_id) VALUES (1, ${horizon}) ON CONFLICT (id) DO NOTHING`;
      // The cursor row's lock makes dispatchers take turns (one waits for the other to commit).
      const [cursor] = await tx.$queryRaw<{ last_event_id: bigint }[]>`SELECT last_event_id FROM webhook_dispatch_cursor WHERE id = 1 FOR UPDATE`;
      const after = cursor?.last_event_id ?? horizon;
      const endpoints = await tx.webhookEndpoint.findMany({ where: { active: true }, select: { id: true, events: true } });
      if (endpoints.length === 0 || after >= horizon) {
        if (horizon > after) await tx.$executeRaw`UPDATE webhook_dispatch_cursor SET last_event_id = ${horizon} WHERE id = 1`;
        return { deliveries: 0, more: false };
      }
      const rows = await readLedger(tx, after, horizon, ROWS_PER_RUN);
      const events = rows.map(eventOf);
      const now = new Date();
      const retryUntil = new Date(now.getTime() + RETRY_WINDOW_MS);
      const data: { endpointId: string; messageId: string; eventCount: number; eventTypes: string[]; payload: string; retryUntil: Date }[] = [];
      for (const endpoint of endpoints) {
        const wanted = new Set(endpoint.events);
        const mine = events.filter((event) => wanted.has(event.type));
        for (let start = 0; start < mine.length; start += BATCH_EVENTS) {
          const batch: WebhookEvent[] = mine.slice(start, start + BATCH_EVENTS);
          data.push({
            endpointId: endpoint.id,
            messageId: newMessageId(),
            eventCount: batch.length,
            eventTypes: [...new Set(batch.map((event) => event.type))],
            payload: batchBody(batch, now),
            retryUntil,
          });
        }
      }
      if (data.length > 0) await tx.webhookDelivery.createMany({ data });
      for (const endpointId of new Set(data.map((d) => d.endpointId))) await wakeEndpoint(endpointId, { tx });
      const last = rows.length === ROWS_PER_RUN ? rows[rows.length - 1]!.id : horizon;
      await tx.$executeRaw`UPDATE webhook_dispatch_cursor SET last_event_id = ${last} WHERE id = 1`;
      return { deliveries: data.length, more: last < horizon };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (result.more) await wakeDispatcher();
  return { deliveries: result.deliveries };
}

/**
 * Start an endpoint at the present: when no other endpoint is active, the cursor may be far
 * behind (nothing moved it); an endpoint receives the changes recorded after it is registered or
 * reactivated, not the ledger's history.
 */
export async function skipLedgerHistory(tx: Tx): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO webhook_dispatch_cursor (id, last_event_id) VALUES (1, (SELECT COALESCE(max(id), 0) FROM membership_events))
    ON CONFLICT (id) DO UPDATE SET last_event_id = GREATEST(webhook_dispatch_cursor.last_event_id, EXCLUDED.last_event_id)
    WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE active)`;
}
