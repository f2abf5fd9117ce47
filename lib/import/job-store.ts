import "server-only";
import { db } from "@/lib/db/client";
import type { ImportJob, Prisma } from "@/lib/generated/prisma/client";
import { EMPTY_SUMMARY, isImportStatus, type ImportStatus, type ImportSummary } from "./job";

/**
 * The ImportJob row as the data layer (lib/data/import/) and the runner share it: its JSON
 * summary read and written, and status changes that only one request can win. No user checks
 * here: callers have made them.
 */

/** The stored summary over the defaults, so a summary written by an older version still reads. */
export function summaryOf(job: Pick<ImportJob, "summary">): ImportSummary {
  const stored = job.summary && typeof job.summary === "object" && !Array.isArray(job.summary) ? (job.summary as Partial<ImportSummary>) : {};
  return { ...EMPTY_SUMMARY, ...stored };
}

export function statusOf(job: Pick<ImportJob, "status">): ImportStatus {
  return isImportStatus(job.status) ? job.status : "FAILED";
}

export async function saveSummary(jobId: string, summary: ImportSummary, data: Prisma.ImportJobUpdateInput = {}): Promise<void> {
  await db.importJob.update({ where: { id: jobId }, data: { ...data, summary: summary as unknown as Prisma.InputJsonValue } });
}

/** Move a job from one of `from` to `to`; false when another request got there first. */
export async function transition(jobId: string, from: readonly ImportStatus[], to: ImportStatus, data: Prisma.ImportJobUpdateManyMutationInput = {}): Promise<boolean> {
  const { count } = await db.importJob.updateMany({ where: { id: jobId, status: { in: [...from] } }, data: { ...data, status: to } });
  return count === 1;
}
