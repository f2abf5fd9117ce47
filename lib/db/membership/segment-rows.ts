/**
 * How the set-based membership writes insert account_segments rows. Those rows match
 * account_segmentation.segment_ids (every write keeps the two in step), so an entering account
 * has no row yet: a plain INSERT goes first, twice as fast as ON CONFLICT's speculative insertion
 * (1,173,069 rows at 1,000,000 accounts: 2.0 s against 4.1 s). A row already there would be a
 * fault; the key refuses it, and the write is undone and made again keeping that row. Rows already
 * there are never looked for with NOT EXISTS: with account_segments analysed empty the planner
 * scanned the table once per inserted row (tests/integration/insert-anti-join.test.ts).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/db/wrapped-errors";
import type { Executor } from "./types";

/** The end of an `INSERT INTO account_segments`: nothing (a row already there fails it), or keeping that row. */
export function keepingExisting(keep: boolean): Prisma.Sql {
  return keep ? Prisma.sql`ON CONFLICT (segment_id, account_id) DO NOTHING` : Prisma.empty;
}

/**
 * Run a write that inserts account_segments rows with a plain insert, and on a duplicate key undo
 * it (a savepoint of the caller's transaction, which this needs) and run it again keeping the rows
 * already there. `restoreKey`: the key was dropped for a bulk write (lib/db/bulk-indexes.ts), so
 * it is built again inside the savepoint, where a duplicate fails its build and undoes the write;
 * the write that keeps existing rows then needs it back first (ON CONFLICT names it).
 */
export async function insertingSegmentRows<T>(
  tx: Executor,
  write: (keepExisting: boolean) => Promise<T>,
  restoreKey?: () => Promise<void>,
): Promise<T> {
  await tx.$executeRaw`SAVEPOINT segment_rows`;
  try {
    const result = await write(false);
    await restoreKey?.();
    await tx.$executeRaw`RELEASE SAVEPOINT segment_rows`;
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT segment_rows`;
    await restoreKey?.();
    return write(true);
  }
}
