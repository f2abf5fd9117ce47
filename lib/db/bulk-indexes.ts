/**
 * Bulk writes without per-row index maintenance: a write that adds or rewrites most of a table's
 * rows drops the table's secondary indexes first and builds them again after it. A build sorts
 * every row once (with PostgreSQL's parallel workers); the write would insert each row into each
 * index one at a time (docs/benchmarks.md: sessions 14 to 16). Used by the first
 * materialisation (lib/db/membership/materialise.ts), large imports (lib/import/run.ts) and
 * rescores that change most scores (writeScoreChanges, lib/db/membership/scores.ts).
 *
 * Dropping takes the table's exclusive lock until the transaction ends: pages that read it wait
 * for the write. Only tables that lose an index are locked.
 */
import type { Db } from "./client";

/** The Prisma client or a transaction of it. */
export type BulkExecutor = Pick<Db, "$executeRaw" | "$queryRaw">;

/**
 * A table's secondary indexes are dropped before a write and built again after it when the write
 * adds or rewrites at least this share of the rows the table then holds. At 1,000,000 accounts the
 * first materialisation's write took 38.5 s with the indexes and 20.3 s without, and the eight
 * builds 4.5 s (session 14); 90,000 of 100,000 accounts' metrics took 4.7 s with the 16 secondary
 * indexes of `accounts` and 0.32 s without (session 15).
 */
export const REBUILD_SHARE = 0.2;

/**
 * How long a write waits for the tables' exclusive locks (no reader may use an index while it is
 * missing) before it keeps the indexes and writes through them. A waiting lock request also holds
 * up every reader behind it, so the wait is short.
 */
export const REBUILD_LOCK_WAIT_MS = 2_000;

/**
 * Drops the secondary indexes (not unique, backing no constraint) of these tables in the caller's
 * transaction, through prisma/post-migrate.sql's bulk_drop_indexes (it runs as the tables' owner:
 * the app's role owns nothing), which keeps their definitions for buildAgain. When another
 * transaction holds one of the tables past REBUILD_LOCK_WAIT_MS (or waits for one this transaction
 * holds, and PostgreSQL breaks the cycle by cancelling this request), nothing is dropped and the
 * write goes through the indexes. Returns the names of the dropped indexes; rolled back, the
 * transaction restores them. Indexes built again in a transaction that updated rows without them
 * cannot serve that transaction's later reads (pg_index.indcheckxmin): build them last.
 *
 * `keys`: tables whose primary key goes too (only account_segments and membership_events, which
 * no foreign key points at). A key no longer refuses a duplicate: a write that could make one
 * builds the key again (buildAgain with its name) before its savepoint ends. A key table not
 * locked for its secondary indexes keeps its key when someone holds it.
 */
export async function dropSecondaryIndexes(tx: BulkExecutor, tables: readonly string[], keys: readonly KeyedTable[] = []): Promise<string[]> {
  if (tables.length === 0 && keys.length === 0) return [];
  const [row] = await tx.$queryRaw<{ names: string[] }[]>`
    SELECT bulk_drop_indexes(${[...tables]}::text[], ${REBUILD_LOCK_WAIT_MS}::int, ${[...keys]}::text[]) AS names`;
  return row?.names ?? [];
}

/** The tables whose primary key a bulk write may drop (bulk_drop_indexes' `keys`). */
export type KeyedTable = "account_segments" | "membership_events";

/** Builds the indexes this transaction dropped again, exactly as they were: all, or those named. */
export async function buildAgain(tx: BulkExecutor, dropped: readonly string[], only?: readonly string[]): Promise<void> {
  if (dropped.length === 0) return;
  if (only) {
    const names = only.filter((name) => dropped.includes(name));
    if (names.length > 0) await tx.$queryRaw`SELECT bulk_build_indexes(${names}::text[]) AS built`;
  } else {
    await tx.$queryRaw`SELECT bulk_build_indexes() AS built`;
  }
}
