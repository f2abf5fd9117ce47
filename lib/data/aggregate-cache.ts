import "server-only";
import { cache } from "react";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";

/**
 * Aggregates over many accounts (the matrix, segment sizes and trends, a segment's top members)
 * cost hundreds of milliseconds at 100,000 accounts and are the same for everyone who sees the
 * same accounts, so pages share them across requests. An entry is used only while the data stamp
 * it was computed under still holds:
 * - the newest ledger entry (every tier, segment or play entry and exit: publishes, recomputes,
 *   imports, live recomputes that move an account) and the newest audit entry (every admin, import
 *   and API write, reassignment, rule and scoring change) are unchanged, and
 * - no live recompute is pending (an API write's metrics are not in the accounts yet: nothing is
 *   stored until they are).
 * The stamp is read before the data, so a write committing in between makes the entry look older
 * than it is (recomputed at the next request), never newer. MAX_AGE_MS bounds what the stamp cannot
 * see (two writers committing out of id order; the 30-day trend window moving on).
 */
const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 500;

interface Entry {
  stamp: string;
  at: number;
  value: Promise<unknown>;
  /** What the value was computed for beyond its key (sharedAggregateWhile). */
  meta?: unknown;
}

const entries = new Map<string, Entry>();

/** The data stamp, read at most once per request; null while a live recompute is pending (do not store). */
const dataStamp = cache(async (): Promise<string | null> => {
  const [row] = await db.$queryRaw<{ ledger: bigint | null; audit: bigint | null; pending: boolean }[]>`
    SELECT (SELECT max(id) FROM membership_events) AS ledger, (SELECT max(id) FROM audit_log) AS audit,
           EXISTS (SELECT 1 FROM pending_recomputes) AS pending`;
  if (!row || row.pending) return null;
  return `${row.ledger ?? 0}:${row.audit ?? 0}`;
});

/** The accounts an actor sees, as a cache key: everyone who sees all accounts shares one entry. */
export function visibilityKey(actor: Actor): string {
  return canSeeAllAccounts(actor) ? "all" : `owner:${actor.id}`;
}

/**
 * `load()`'s result for `key`, shared with other requests under the same data stamp. Concurrent
 * requests for a missing entry share one load; a failed load is not kept. Callers must not mutate
 * the value.
 */
export async function sharedAggregate<T>(key: string, load: () => Promise<T>): Promise<T> {
  return sharedAggregateWhile(key, undefined, async () => true, load);
}

/**
 * sharedAggregate for a value computed for `meta` (e.g. a time window's start) that a later
 * request asks for with different `meta`: the stored value is reused only when `stillValid(stored
 * meta)` says it is exactly what `load()` would give now; otherwise it is loaded and stored anew.
 */
export async function sharedAggregateWhile<T, M>(key: string, meta: M, stillValid: (stored: M) => Promise<boolean>, load: () => Promise<T>): Promise<T> {
  const stamp = await dataStamp();
  if (stamp === null) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.stamp === stamp && now - hit.at < MAX_AGE_MS && (await stillValid(hit.meta as M))) return hit.value as Promise<T>;

  const value = load();
  entries.delete(key);
  entries.set(key, { stamp, at: now, value, meta });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forget every entry (tests). */
export function clearSharedAggregates(): void {
  entries.clear();
}
