/**
 * The live recompute's second step: priority scores of the accounts whose tiers, segments and
 * plays a drain has just committed. A score ranks the account's lifetime value and potential
 * against every account: two index scans whatever the batch's size (1-2 s at 1,000,000 accounts
 * on a busy machine), so it runs in a job of its own right after the membership change commits
 * instead of holding that change back, and one batch takes every account waiting by then.
 */
import { db } from "@/lib/db/client";
import { loadScoring } from "@/lib/db/membership/published-rules";
import { recomputeScopedScores } from "@/lib/db/membership/recompute-all";
import { enqueueJob } from "@/lib/jobs/queue";
import { recordPendingScores, takePendingScores, type PendingExecutor } from "./pending";

/** The one job key: at most one live-scores job waits at a time; it drains everything pending. */
export const LIVE_SCORES_JOB_KEY = "live-scores";

/** Arbitrary constant naming the "live scores" advisory lock (next to the live recompute's 727_010). */
export const LIVE_SCORES_LOCK_KEY = 727_011;

/** Accounts scored per transaction: far more than a drain's batch, as a batch costs the same whatever its size. */
export const SCORE_BATCH = 50_000;

/**
 * The job runs this long after the first membership drain that queued it, and takes every
 * account drained by then: one pair of scans per window instead of one per drain batch (which
 * at 1,000,000 accounts would keep a core busy and slow the membership drains down).
 */
export const SCORE_WINDOW_MS = 1_000;

const SCORE_TRANSACTION = { maxWait: 30_000, timeout: 5 * 60_000 } as const;

/** Inside the membership drain's transaction: the accounts' scores are due, in a job queued iff it commits. */
export async function markScoresDue(tx: PendingExecutor, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await recordPendingScores(tx, accountIds);
  // Its own queue: a job queued while one runs waits for it without holding a worker slot (three
  // score jobs queued behind each other would otherwise fill the worker and hold the drains back).
  await enqueueJob("live-scores", {}, {
    tx,
    key: LIVE_SCORES_JOB_KEY,
    queue: LIVE_SCORES_JOB_KEY,
    runAt: new Date(Date.now() + SCORE_WINDOW_MS),
    keepRunAt: true,
  });
}

/**
 * Score every account waiting, batch after batch. Serialised by an advisory lock like the
 * membership drain; a batch that fails rolls back and its accounts wait for the job's retry.
 */
export async function drainPendingScores(options: { asOf?: Date; onBatch?: (batch: { accounts: number; ms: number }) => void } = {}): Promise<{ accounts: number }> {
  let accounts = 0;
  for (;;) {
    const started = performance.now();
    const scored = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${LIVE_SCORES_LOCK_KEY}::bigint)`;
      const ids = await takePendingScores(tx, SCORE_BATCH);
      if (ids.length === 0) return 0;
      await recomputeScopedScores(tx, await loadScoring(tx), options.asOf ?? new Date(), ids);
      return ids.length;
    }, SCORE_TRANSACTION);
    if (scored === 0) return { accounts };
    accounts += scored;
    options.onBatch?.({ accounts: scored, ms: performance.now() - started });
  }
}
