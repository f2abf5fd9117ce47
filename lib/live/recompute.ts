/**
 * Live recompute after an API write (docs: README "Live recompute"). The writer calls
 * markForRecompute inside its transaction; the "live-recompute" job (lib/jobs/handlers.ts) runs
 * drainPendingRecomputes, which recomputes derived metrics, tiers, segments and plays for only the
 * accounts written, with ledger reason DATA_CHANGE and the write's detail, and queues the
 * "live-scores" job (drainPendingScores) for their priority scores right after it commits.
 */
import { enqueueJob } from "@/lib/jobs/queue";
import { recordPending, type PendingExecutor } from "./pending";

export { drainPendingRecomputes } from "./drain";
export { drainPendingScores } from "./scores";

/** The one job key: at most one live-recompute job waits at a time; it drains everything pending. */
export const LIVE_RECOMPUTE_JOB_KEY = "live-recompute";

/**
 * Inside the writer's transaction: record the accounts as pending and enqueue the (deduplicated)
 * live-recompute job, so both exist iff the write commits.
 */
export async function markForRecompute(
  tx: PendingExecutor,
  accountIds: readonly number[],
  because: { detail: string },
): Promise<void> {
  if (accountIds.length === 0) return;
  await recordPending(tx, accountIds, because.detail);
  // Its own queue: one drain at a time (they are serialised anyway), and one waiting holds no worker slot.
  await enqueueJob("live-recompute", {}, { tx, key: LIVE_RECOMPUTE_JOB_KEY, queue: LIVE_RECOMPUTE_JOB_KEY });
}
