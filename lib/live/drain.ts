/**
 * The live recompute's worker side: take the pending accounts and recompute derived metrics,
 * tiers, segments and plays for only those accounts, in one transaction per batch; their scores
 * follow in the live-scores job (./scores.ts) queued by the same transaction.
 */
import { db } from "@/lib/db/client";
import { recomputeAccounts, type AccountsBecause, type RecomputeSummary } from "@/lib/db/membership/recompute-all";
import type { Executor } from "@/lib/db/membership/types";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { livePeerGroups } from "./peer-groups";
import { takePending, type PendingAccount } from "./pending";
import { markScoresDue } from "./scores";

/** Arbitrary constant naming the "live recompute" advisory lock (the metrics refresh uses 727_001). */
export const LIVE_RECOMPUTE_LOCK_KEY = 727_010;

/**
 * Pending writes taken per transaction: the bound keeps one transaction's ledger writes and locks
 * short when a backlog has built up (after a restart, a burst of imports).
 */
export const DRAIN_BATCH = 5_000;

/** A drain that waits longer than this for another one (or a batch that runs longer) fails and is retried. */
const DRAIN_TRANSACTION = { maxWait: 30_000, timeout: 5 * 60_000 } as const;

export interface DrainOptions {
  /** The evaluation date (default now). */
  asOf?: Date;
  /** Called after each batch (benchmarks, logs). */
  onBatch?: (batch: { accounts: number; ms: number; summary: RecomputeSummary }) => void;
}

/**
 * Recompute every pending account, batch after batch until none is left (writes that commit
 * while a batch runs are taken by the next one, so a burst coalesces into few batches). Drains
 * are serialised by a transaction-scoped advisory lock: a second drain (another worker, another
 * instance) waits for the first batch to commit, then takes what is left, so no two drains
 * recompute the same accounts at once and no pending row is left behind by a drain that gave up.
 * A batch that fails rolls back: its accounts stay pending and the job's retry takes them again.
 */
export async function drainPendingRecomputes(options: DrainOptions = {}): Promise<{ accounts: number }> {
  let accounts = 0;
  for (;;) {
    const started = performance.now();
    const peers = await livePeerGroups();
    const batch = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${LIVE_RECOMPUTE_LOCK_KEY}::bigint)`;
      const pending = await takePending(tx, DRAIN_BATCH);
      if (pending.length === 0) return null;
      const causes = byDetail(pending);
      const ids = causes.flatMap((c) => c.accountIds);
      const asOf = options.asOf ?? new Date();
      await recomputeAccountMetrics(tx, { accountIds: ids, asOf });
      const summary = await recomputeAccounts(tx as Executor, causes, { asOf, peers, scores: false });
      await markScoresDue(tx, ids);
      return { accounts: ids.length, summary };
    }, DRAIN_TRANSACTION);
    if (!batch) return { accounts };
    accounts += batch.accounts;
    options.onBatch?.({ accounts: batch.accounts, ms: performance.now() - started, summary: batch.summary });
  }
}

/** One cause per ledger detail; an account pending for several writes is recomputed once, under its oldest write's detail. */
function byDetail(pending: readonly PendingAccount[]): AccountsBecause[] {
  const seen = new Set<number>();
  const groups = new Map<string, number[]>();
  for (const { accountId, detail } of pending) {
    if (seen.has(accountId)) continue;
    seen.add(accountId);
    const group = groups.get(detail) ?? [];
    if (group.length === 0) groups.set(detail, group);
    group.push(accountId);
  }
  return [...groups].map(([detail, accountIds]) => ({ because: { reason: "DATA_CHANGE", detail }, accountIds }));
}
