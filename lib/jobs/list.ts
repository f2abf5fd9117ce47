import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { describeJob } from "./about";
import { isJobName, JOB_LABELS } from "./names";
import type { JobsOverview, JobState, JobView } from "./view";

/**
 * The admin Jobs page's data (ADMIN only): the queue's jobs as graphile-worker keeps them (its
 * tables, read directly: the library's `jobs` view leaves out the payload the page describes
 * them by) and the recently completed runs (job_runs).
 */

const QUEUE_LIMIT = 200;
const COMPLETED_LIMIT = 25;

interface QueueRow {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  created_at: Date;
  locked_at: Date | null;
}

/** An error message as one short line: never a stack trace or a multi-line dump on the page. */
export function oneLine(message: string | null): string | null {
  const line = message?.split("\n").find((part) => part.trim())?.trim();
  if (!line) return null;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function label(name: string): string {
  return isJobName(name) ? JOB_LABELS[name] : name;
}

function stateOf(row: QueueRow): JobState {
  if (row.locked_at) return "running";
  return row.attempts >= row.max_attempts ? "failed" : "queued";
}

function fromQueue(row: QueueRow): JobView {
  const state = stateOf(row);
  return {
    id: row.id,
    name: row.name,
    label: label(row.name),
    about: describeJob(row.name, row.payload),
    state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    queuedAt: row.created_at.toISOString(),
    runAt: state === "queued" ? row.run_at.toISOString() : null,
    startedAt: row.locked_at?.toISOString() ?? null,
    finishedAt: null,
    lastError: oneLine(row.last_error),
  };
}

export async function listJobs(actor: Actor): Promise<JobsOverview> {
  assertRole(actor, "ADMIN");
  const [rows, runs] = await Promise.all([
    db.$queryRaw<QueueRow[]>`
      SELECT j.id::text AS id, t.identifier AS name, j.payload, j.attempts, j.max_attempts, j.last_error, j.run_at, j.created_at, j.locked_at
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      ORDER BY j.run_at, j.id LIMIT ${QUEUE_LIMIT}`,
    db.jobRun.findMany({ orderBy: { id: "desc" }, take: COMPLETED_LIMIT }),
  ]);
  const jobs = rows.map(fromQueue);
  const completed: JobView[] = runs.map((run) => ({
    id: run.jobId.toString(),
    name: run.name,
    label: label(run.name),
    about: describeJob(run.name, run.payload),
    state: "completed",
    attempts: run.attempts,
    maxAttempts: null,
    queuedAt: run.queuedAt.toISOString(),
    runAt: null,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    lastError: null,
  }));
  return {
    running: jobs.filter((job) => job.state === "running"),
    queued: jobs.filter((job) => job.state === "queued"),
    failed: jobs.filter((job) => job.state === "failed"),
    completed,
  };
}
