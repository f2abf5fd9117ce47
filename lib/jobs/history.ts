import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The queue deletes a job as soon as it succeeds; the admin page's "recently completed" list is
 * kept in job_runs. Only the newest rows matter there, so older ones are pruned now and then.
 */

const KEEP = 1_000;
const PRUNE_EVERY_MS = 60_000;
let lastPrune = 0;

export interface FinishedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  queuedAt: Date;
  startedAt: Date;
}

export async function recordCompleted(job: FinishedJob): Promise<void> {
  await db.jobRun.create({
    data: {
      jobId: BigInt(job.id),
      name: job.name,
      payload: (job.payload ?? {}) as Prisma.InputJsonValue,
      attempts: job.attempts,
      queuedAt: job.queuedAt,
      startedAt: job.startedAt,
    },
  });
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = Date.now();
  await db.$executeRaw`DELETE FROM job_runs WHERE id <= (SELECT max(id) FROM job_runs) - ${KEEP}::int`;
}
