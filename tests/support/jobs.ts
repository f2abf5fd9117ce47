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
