import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ImportJob } from "@/lib/generated/prisma/client";
import { RUNNING_STATUSES, STALE_AFTER_MS, type ImportJobView } from "@/lib/import/job";
import { statusOf, summaryOf } from "@/lib/import/job-store";
import { isImportKind } from "@/lib/import/kinds";
import { settleDeadImportRuns } from "./interrupted";

/** Reading import jobs (ADMIN only): one job as the page polls it, and the recent ones. */

const RECENT_JOBS = 12;

type People = ReadonlyMap<string, { name: string; email: string }>;

/**
 * The job as the page sees it; `users` names its creator (an empty map when nobody needs the name).
 * A run is interrupted (`stale`) when its instance is known dead (`interrupted`, from the queue's
 * liveness locks: at once) or, as a fallback, when its heartbeat stopped long ago.
 */
export function toView(job: ImportJob, users: People = new Map(), now = Date.now(), interrupted: ReadonlySet<string> = new Set()): ImportJobView {
  const summary = summaryOf(job);
  const status = statusOf(job);
  const heartbeat = summary.progress ? Date.parse(summary.progress.heartbeatAt) : job.createdAt.getTime();
  return {
    id: job.id,
    kind: isImportKind(job.kind) ? job.kind : "accounts",
    fileName: job.fileName,
    status,
    totalRows: job.totalRows,
    processed: job.processed,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdBy: job.createdById ? (users.get(job.createdById) ?? null) : null,
    summary,
    stale: RUNNING_STATUSES.includes(status) && (interrupted.has(job.id) || now - heartbeat > STALE_AFTER_MS),
  };
}

async function usersById(ids: (string | null)[]): Promise<People> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}

/**
 * The job an action is about, as the page sees it (runs of dead instances settled first), so an
 * action allows exactly what the page offers: a run shown interrupted can be started again.
 */
export async function findJobView(jobId: string): Promise<{ job: ImportJob; view: ImportJobView }> {
  const interrupted = await settleDeadImportRuns();
  const job = await findJob(jobId);
  return { job, view: toView(job, new Map(), Date.now(), interrupted) };
}

/** The job an action or upload part is about; the callers have checked the user. */
export async function findJob(jobId: string): Promise<ImportJob> {
  const job = typeof jobId === "string" && jobId.length <= 40 ? await db.importJob.findUnique({ where: { id: jobId } }) : null;
  if (!job) throw new AppError("NOT_FOUND", "That import no longer exists. Start again by uploading the file.");
  return job;
}

/** Reads settle the runs of dead instances first, so the page never shows a dead run as running. */
export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJobView | null> {
  assertRole(actor, "ADMIN");
  const interrupted = await settleDeadImportRuns();
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) return null;
  return toView(job, await usersById([job.createdById]), Date.now(), interrupted);
}

export async function listImportJobs(actor: Actor, limit = RECENT_JOBS): Promise<ImportJobView[]> {
  assertRole(actor, "ADMIN");
  const interrupted = await settleDeadImportRuns();
  const jobs = await db.importJob.findMany({ where: { status: { notIn: ["UPLOADING", "DISCARDED"] } }, orderBy: { createdAt: "desc" }, take: limit });
  const users = await usersById(jobs.map((j) => j.createdById));
  return jobs.map((job) => toView(job, users, Date.now(), interrupted));
}
