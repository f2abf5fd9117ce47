import type { Db } from "@/lib/db/client";

/**
 * The one setting for transactions that do set-based work over many accounts: publishing or
 * restoring a rule, rescoring, reassigning accounts, the full recompute, the metrics refresh and
 * an all-or-nothing import. Prisma's 5 s default would abort a publish at 100k accounts; the
 * bound is set by the longest legitimate one, an import of a large file (minutes at 1M rows),
 * and a connection may be busy with another long transaction for a while before this one starts.
 */
export const LONG_TRANSACTION = { maxWait: 30_000, timeout: 60 * 60_000 } as const;

/**
 * Ranking a million accounts sorts ~100 MB; PostgreSQL's default work_mem would spill it to
 * disk. Transaction-local, so it ends with the caller's transaction (and is a no-op outside one).
 */
export async function allowLargeSorts(db: Pick<Db, "$queryRaw">): Promise<void> {
  await db.$queryRaw`SELECT set_config('work_mem', '256MB', true)`;
}

/**
 * Runs `work` on the caller's transaction, or in a LONG_TRANSACTION of its own when given the
 * client itself (whose statements could each run on another pooled connection): for work whose
 * statements share a temporary table or a lock.
 */
export async function onOneTransaction<E extends object, T>(db: E, work: (tx: E) => Promise<T>): Promise<T> {
  if (!("$transaction" in db)) return work(db);
  return (db as unknown as Db).$transaction((tx) => work(tx as unknown as E), LONG_TRANSACTION);
}
