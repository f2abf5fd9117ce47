/**
 * The live recompute's to-do list (pending_recomputes): one row per write and account, appended in
 * the writer's transaction (so it exists iff the write commits) and taken by a drain in the
 * transaction that recomputes the accounts (so a failed drain leaves it).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export type PendingExecutor = Pick<Db, "$executeRaw" | "$queryRaw">;

export interface PendingAccount {
  accountId: number;
  /** The ledger detail of the write that changed it, e.g. "API write by key CRM sync". */
  detail: string;
}

/** Record the accounts as pending (duplicates within one call are written once). */
export async function recordPending(tx: PendingExecutor, accountIds: readonly number[], detail: string): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  if (!ids.every((id) => Number.isSafeInteger(id))) throw new Error("recordPending: account ids must be integers");
  await tx.$executeRaw`INSERT INTO pending_recomputes (account_id, detail) SELECT unnest(${ids}::int[]), ${detail}`;
}

/**
 * Take (delete) up to `limit` of the oldest pending rows, skipping rows another drain holds; in
 * the caller's transaction, so they come back if it rolls back. One entry per account: the
 * oldest write's detail, or several entries when writes with different details are pending.
 */
export async function takePending(tx: PendingExecutor, limit: number): Promise<PendingAccount[]> {
  const rows = await tx.$queryRaw<{ account_id: number; detail: string }[]>`
    WITH taken AS (
      DELETE FROM pending_recomputes WHERE id IN (
        SELECT id FROM pending_recomputes ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ) RETURNING account_id, detail
    )
    SELECT DISTINCT account_id, detail FROM taken`;
  return rows.map((r) => ({ accountId: r.account_id, detail: r.detail }));
}

/** How many writes are pending (the queue page, tests). */
export async function countPending(db: PendingExecutor, accountIds?: readonly number[]): Promise<number> {
  const only = accountIds ? Prisma.sql`WHERE account_id = ANY(${[...accountIds]}::int[])` : Prisma.empty;
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pending_recomputes ${only}`;
  return row?.n ?? 0;
}

/** After the membership change of these accounts: their scores are due (one row per account). */
export async function recordPendingScores(tx: PendingExecutor, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`INSERT INTO pending_scores (account_id) SELECT unnest(${[...new Set(accountIds)]}::int[]) ON CONFLICT DO NOTHING`;
}

/** Take (delete) up to `limit` accounts whose scores are due, in the caller's transaction. */
export async function takePendingScores(tx: PendingExecutor, limit: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ account_id: number }[]>`
    DELETE FROM pending_scores WHERE account_id IN (
      SELECT account_id FROM pending_scores ORDER BY queued_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) RETURNING account_id`;
  return rows.map((r) => r.account_id);
}

/** How many accounts wait for their scores (tests, the queue page). */
export async function countPendingScores(db: PendingExecutor): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pending_scores`;
  return row?.n ?? 0;
}
