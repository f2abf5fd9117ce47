/** A job as the admin Jobs page shows it. Client-safe: types only. */

export type JobState = "running" | "queued" | "failed" | "completed";

export interface JobView {
  id: string;
  /** The job's name ("import-run"…) and its label ("CSV import run"…). */
  name: string;
  label: string;
  /** What the job is about, e.g. "Dry run of accounts.csv". */
  about: string;
  state: JobState;
  attempts: number;
  maxAttempts: number | null;
  queuedAt: string;
  /** Queued: when it may start (later than now for a retry that waits). */
  runAt: string | null;
  /** Running: since when; completed: when its last attempt started. */
  startedAt: string | null;
  finishedAt: string | null;
  /** The last attempt's error, one line. */
  lastError: string | null;
}

export interface JobsOverview {
  running: JobView[];
  queued: JobView[];
  failed: JobView[];
  completed: JobView[];
}
