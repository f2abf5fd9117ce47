import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ImportSummary } from "@/lib/import/job";
import { summaryOf } from "@/lib/import/job-store";
import { importRunPayload } from "@/lib/import/runner";
import { jobsOfDeadWorkers, LIVENESS_GRACE_MS, type DeadJob } from "@/lib/jobs/liveness";

/**
 * Import runs whose app instance died (kill -9, out of memory, a lost host), found at once by the
 * queue's liveness locks (lib/jobs/liveness.ts) instead of a heartbeat going stale after minutes.
 * Called by every worker's sweep (at start and every few seconds) before the queue gives the dead
 * instance's jobs back, and by the import page's reads.
 *
 * - A commit is marked interrupted: back to "ready to commit" (its dry run still stands) with a
 *   message telling the admin to commit again. It is never replayed behind their back: the commit
 *   was one transaction, so nothing of it was written, and the admin decides when to run it.
 * - A dry run writes nothing and is simply run again by the queue; until a worker takes it, the
 *   page shows it as interrupted.
 */

export const INTERRUPTED_COMMIT =
  "The commit was interrupted: the server running it stopped before it finished, so nothing was written. Commit again to import the file.";

/**
 * Settle the import runs of dead instances (`dead`: the queue's jobs of dead instances, as the
 * sweep found them; else looked up here); returns the ids of imports whose dry run is interrupted.
 */
export async function settleDeadImportRuns(dead?: readonly DeadJob[]): Promise<Set<string>> {
  const interruptedDryRuns = new Set<string>();
  for (const job of dead ?? (await jobsOfDeadWorkers(LIVENESS_GRACE_MS, "import-run"))) {
    if (job.name !== "import-run") continue;
    const payload = importRunPayload.safeParse(job.payload);
    if (!payload.success) continue;
    const { importJobId, mode, claim } = payload.data;
    if (mode === "dryRun") interruptedDryRuns.add(importJobId);
    else await interruptCommit(importJobId, claim);
  }
  return interruptedDryRuns;
}

async function interruptCommit(importJobId: string, claim: string): Promise<void> {
  const job = await db.importJob.findUnique({ where: { id: importJobId } });
  if (!job || job.status !== "COMMITTING") return;
  const summary = summaryOf(job);
  if (summary.progress?.startedAt !== claim) return; // a later run's claim: not this job's business
  // Killed between COMMIT and recording the outcome: the import is in. The queue runs the job
  // again, and importing the same file again changes nothing, so that run records it as committed.
  const committed = await db.auditLog.findFirst({ where: { action: "IMPORT_COMMITTED", details: { path: ["jobId"], equals: importJobId } }, select: { id: true } });
  if (committed) return;
  const now = new Date();
  const interrupted: ImportSummary = { ...summary, progress: null, failure: { mode: "commit", message: INTERRUPTED_COMMIT, at: now.toISOString() } };
  // Only while the claim is still this one (one writer wins; a new commit has a new claim).
  await db.importJob.updateMany({
    where: { id: importJobId, status: "COMMITTING", summary: { path: ["progress", "startedAt"], equals: claim } },
    data: { status: "CHECKED", finishedAt: now, summary: interrupted as unknown as Prisma.InputJsonValue },
  });
}
