import "server-only";
import { cache } from "react";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { jsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Aggregates over many accounts (the matrix, segment sizes and trends, a segment's top members)
 * cost hundreds of milliseconds at 100,000 accounts and are the same for everyone who sees the
 * same accounts, so pages share them across requests. An entry is used only while the data stamp
 * it was computed under still holds:
 * - no transaction that writes data the pages show has committed since: the stamp is the number
 *   of such transactions whose commit the stamp's statement sees (data_changes' rows, one per
 *   writing transaction, plus the count of rows already pruned; prisma/post-migrate.sql's
 *   note_data_change triggers). Unlike the newest ledger or audit id it also changes when two
 *   writers commit out of id order, and when a write leaves no ledger or audit entry; a sign-in,
 *   which writes only bookkeeping the pages do not show, does not change it;
 * - no live recompute is pending (an API write's metrics are not in the accounts yet: nothing is
 *   stored until they are).
 * The stamp is read before the data, so a write committing in between makes the entry look older
 * than it is (recomputed at the next request), never newer. MAX_AGE_MS only bounds windows
 * relative to the clock (a segment's 30-day trend moving on): the stamp sees every write.
 */
const MAX_AGE_MS = 10 * 60_000;
const MAX_ENTRIES = 500;
/** Past this many data_changes rows a stamp read prunes them (one statement; they are small). */
const PRUNE_ABOVE = 500;

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
  const [row] = await jsonRows<{ written: number; rows: number; pending: boolean }>(Prisma.sql`
    SELECT COALESCE(p.count, 0) + c.n AS written, c.n::int AS rows, EXISTS (SELECT 1 FROM pending_recomputes) AS pending
    FROM (SELECT count(*) AS n FROM data_changes) c LEFT JOIN data_changes_pruned p ON p.id = 1`);
  if (row && row.rows > PRUNE_ABOVE) await pruneDataChanges();
  if (!row || row.pending) return null;
  return String(row.written);
});

/**
 * Delete the rows of transactions every snapshot taken from now on sees as committed (older than
 * this statement's xmin) and add their number to the pruned count in the same statement, so any
 * one statement's sum is unchanged. Two pruners cannot count a row twice: the second waits for
 * the first's row locks and then finds the rows gone.
 */
async function pruneDataChanges(): Promise<void> {
  await db.$executeRaw`
    WITH gone AS (
      DELETE FROM data_changes WHERE xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint RETURNING 1
    )
    INSERT INTO data_changes_pruned (id, count) SELECT 1, count(*) FROM gone
    ON CONFLICT (id) DO UPDATE SET count = data_changes_pruned.count + EXCLUDED.count`;
}

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
