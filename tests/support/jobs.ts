/**
 * The job queue in integration tests: a worker inside the test process (the app runs one in every
 * instance; tests that go through actions, which queue a job and return, need one too), and
 * emptying the queue between tests.
 */
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { HANDLERS } from "@/lib/jobs/handlers";
import type { JobName } from "@/lib/jobs/names";
import type { JobHandler } from "@/lib/jobs/types";
import { startWorker, stopWorker } from "@/lib/jobs/worker";

/** Run a worker for these jobs (only these: jobs other test files left queued stay put) while the file's tests run. */
export function runWorker(names: readonly JobName[]): void {
  const handlers: Partial<Record<JobName, JobHandler>> = {};
  for (const name of names) handlers[name] = HANDLERS[name];
  beforeAll(() => startWorker({ refresh: false, handlers, pollIntervalMs: 200 }));
  afterAll(() => stopWorker());
}

/** Forget every queued, running, failed and completed job. */
export async function clearJobs(): Promise<void> {
  await db.$executeRawUnsafe("DELETE FROM graphile_worker._private_jobs");
  await db.$executeRawUnsafe("TRUNCATE job_runs RESTART IDENTITY");
}

/** Poll `check` until it returns something truthy, or fail after `timeoutMs` naming what was awaited. */
export async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface QueueRow {
  id: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: Date | null;
  locked_by: string | null;
  run_at: Date;
  key: string | null;
  payload: unknown;
}

/** The queue's rows for a job name (graphile-worker's tables). */
export async function queueRows(name: string): Promise<QueueRow[]> {
  return db.$queryRaw<QueueRow[]>`
    SELECT j.id::text AS id, j.attempts, j.max_attempts, j.last_error, j.locked_at, j.locked_by, j.run_at, j.key, j.payload
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = ${name} ORDER BY j.id`;
}
