import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { MAX_ATTEMPTS, type JobName } from "./names";

export type { JobName } from "./names";

/** Anything that can run SQL for the enqueue: the Prisma client, or a transaction's client. */
type Executor = Pick<Db, "$executeRaw">;

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Executor;
  /**
   * Deduplication: at most one queued job per key. Enqueueing again while one waits replaces its
   * payload and run time; while one runs, a new job is queued (so a change made after a run
   * started is not lost).
   */
  key?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /**
   * With `key`: enqueueing again while one waits keeps its run time instead of replacing it, so
   * the writes of a window share one run (graphile-worker's 'preserve_run_at').
   */
  keepRunAt?: boolean;
  /**
   * A named queue: its jobs run one at a time across every instance, and a job waiting for its
   * turn holds no worker slot (a job that would only wait for a lock held by the same kind of job
   * would otherwise occupy one, and keep other jobs from starting).
   */
  queue?: string;
}

/**
 * Queue a background job (graphile-worker's `add_job`, plain SQL, so it can join any transaction).
 * A worker in some app instance starts it within milliseconds: inserting a job notifies the
 * listening workers (LISTEN/NOTIFY), no polling delay.
 */
export async function enqueueJob(name: JobName, payload: object, options: EnqueueOptions = {}): Promise<void> {
  const executor = options.tx ?? db;
  await executor.$executeRaw`SELECT graphile_worker.add_job(
    identifier => ${name},
    payload => ${JSON.stringify(payload)}::json,
    queue_name => ${options.queue ?? null}::text,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${MAX_ATTEMPTS[name]}::int,
    job_key => ${options.key ?? null}::text,
    job_key_mode => ${options.keepRunAt ? "preserve_run_at" : "replace"}::text
  )`;
}

/** Whether a job with this key is waiting or running (not done, not failed for good). */
export async function isJobPending(key: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ pending: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM graphile_worker._private_jobs
      WHERE key = ${key} AND (locked_at IS NOT NULL OR attempts < max_attempts)
    ) AS pending`;
  return row?.pending ?? false;
}
