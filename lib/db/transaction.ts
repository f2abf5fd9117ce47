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
