import "server-only";
import { EventEmitter } from "node:events";
import { parseCronItems, run, type Runner, type WorkerEvents } from "graphile-worker";
import { settleDeadImportRuns } from "@/lib/data/import/interrupted";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { HANDLERS } from "./handlers";
import { liveness, LIVENESS_GRACE_MS, unlockJobsOfDeadWorkers } from "./liveness";
import { MAX_ATTEMPTS, type JobName } from "./names";
import { enqueueJob } from "./queue";
import { queueLogger } from "./setup";
import { taskList } from "./task-list";
import type { JobHandler } from "./types";

/**
 * The queue's worker: every app instance runs one (instrumentation.ts), so several instances
 * share the work. New jobs reach it through LISTEN/NOTIFY (milliseconds); the poll below is only
 * the fallback for jobs scheduled for later and retries.
 */

export interface WorkerOptions {
  /** Schedule the daily refresh (hourly check, cron) and check once at start. */
  refresh: boolean;
  /** Jobs run at once by this instance: an import must not hold up live recomputes. */
  concurrency?: number;
  pollIntervalMs?: number;
  /** How often the jobs of dead instances are looked for, and how old their locks must be. */
  sweepEveryMs?: number;
  sweepGraceMs?: number;
  /** Tests replace the handlers. */
  handlers?: Partial<Record<JobName, JobHandler>>;
}

interface Running {
  runner: Runner;
  sweeper: NodeJS.Timeout;
  poolIds: string[];
}

const globalForWorker = globalThis as unknown as { tierwiseWorker?: Promise<Running> };

/** The hourly cron line: refreshIfStale does the work once a day, in whichever instance gets the job. */
const DAILY_REFRESH_CRON = parseCronItems([
  {
    task: "daily-refresh",
    match: "0 * * * *",
    identifier: "daily-refresh",
    options: { backfillPeriod: 0, maxAttempts: MAX_ATTEMPTS["daily-refresh"], jobKey: "daily-refresh" },
  },
]);

export function startWorker(options: WorkerOptions): Promise<void> {
  // One worker per process, however often this is called (dev reloads, tests).
  globalForWorker.tierwiseWorker ??= begin(options).catch((error: unknown) => {
    globalForWorker.tierwiseWorker = undefined;
    throw error;
  });
  return globalForWorker.tierwiseWorker.then(() => {});
}

async function begin(options: WorkerOptions): Promise<Running> {
  const concurrency = options.concurrency ?? 3;
  const poolIds: string[] = [];
  const events = new EventEmitter() as WorkerEvents;
  events.on("pool:create", ({ workerPool }) => {
    poolIds.push(workerPool.id);
    void liveness()
      .hold(workerPool.id)
      .catch((error: unknown) => logUnexpected("jobs liveness lock", error));
  });
  const runner = await run({
    connectionString: env().DATABASE_URL,
    concurrency,
    // LISTEN holds one connection; getting and completing jobs need a couple more.
    maxPoolSize: concurrency + 2,
    pollInterval: options.pollIntervalMs ?? 2_000,
    noHandleSignals: true,
    logger: queueLogger,
    events,
    taskList: taskList(options.handlers ?? HANDLERS),
    parsedCronItems: options.refresh ? DAILY_REFRESH_CRON : [],
  });
  runner.promise.catch((error: unknown) => logUnexpected("job worker", error));

  const graceMs = options.sweepGraceMs ?? LIVENESS_GRACE_MS;
  // Import commits of dead instances are marked interrupted before their jobs are given back.
  const sweep = () =>
    unlockJobsOfDeadWorkers(graceMs, settleDeadImportRuns)
      .then((dead) => dead.length && queueLogger.warn(`jobs of stopped workers ${dead.join(", ")} are queued again`))
      .catch((error: unknown) => logUnexpected("jobs sweep", error));
  // At start, before saying it is up: the jobs of instances that died (this one before a
  // restart, say) are settled at once, not at the first interval.
  await sweep();
  const sweeper = setInterval(sweep, options.sweepEveryMs ?? 5_000);
  sweeper.unref();

  // A server that was down at the hour still refreshes stale metrics as it starts.
  if (options.refresh) await enqueueJob("daily-refresh", {}, { key: "daily-refresh" });
  return { runner, sweeper, poolIds };
}

/**
 * Stop taking jobs and let the running ones finish (SIGTERM). Jobs still running when the process
 * exits anyway are given back by another instance's sweep, as after a crash.
 */
export async function stopWorker(): Promise<void> {
  const started = globalForWorker.tierwiseWorker;
  if (!started) return;
  globalForWorker.tierwiseWorker = undefined;
  const { runner, sweeper, poolIds } = await started;
  clearInterval(sweeper);
  await runner.stop();
  for (const poolId of poolIds) await liveness().release(poolId);
}
