import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Run a failed job again (ADMIN only): its attempts start over and it is due now. Only a job that
 * failed for good can be retried; the workers hear of it at once (the queue's own notification).
 */
export async function retryJob(actor: Actor, jobId: string): Promise<void> {
  assertRole(actor, "ADMIN");
  const id = /^\d{1,18}$/.test(jobId) ? BigInt(jobId) : null;
  if (id === null) throw new AppError("NOT_FOUND", "That job no longer exists.");
  const retried = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT r.id FROM graphile_worker.reschedule_jobs(
        (SELECT array_agg(id) FROM graphile_worker._private_jobs WHERE id = ${id} AND locked_at IS NULL AND attempts >= max_attempts),
        run_at => now(), attempts => 0) r`;
    if (rows.length > 0) await tx.$executeRaw`SELECT pg_notify('jobs:insert', '{"count":1}')`;
    return rows.length > 0;
  });
  if (retried) return;
  const exists = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM graphile_worker._private_jobs WHERE id = ${id}`;
  throw exists.length > 0
    ? new AppError("CONFLICT", "Only a failed job can be retried; this one is queued or running.")
    : new AppError("NOT_FOUND", "That job no longer exists (it may have completed).");
}
