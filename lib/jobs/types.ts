/** What a job's handler gets besides its payload. */
export interface JobContext {
  /** The queue's id of the job. */
  id: string;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker shuts down and the job did not finish in time. */
  signal: AbortSignal;
}

/**
 * A job's body. Throwing fails this attempt: the queue tries again later (with growing delays)
 * until the job's attempts run out, and the admin Jobs page shows the job as failed.
 */
export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;
