import "server-only";
import { EventEmitter } from "node:events";
import { runOnce, type WorkerEvents } from "graphile-worker";
import { env } from "@/lib/env";
import { HANDLERS } from "./handlers";
import { liveness } from "./liveness";
import type { JobName } from "./names";
import { queueLogger } from "./setup";
import { taskList } from "./task-list";

/**
 * Run the queued jobs of these names in this process until none is left, then return. For
 * callers that wait for a job's result without a worker of their own (tests, benchmark
 * scripts); the app's worker (lib/jobs/worker.ts) would take the same jobs.
 */
export async function runQueuedJobs(names: readonly JobName[]): Promise<void> {
  const handlers = Object.fromEntries(names.flatMap((name) => (HANDLERS[name] ? [[name, HANDLERS[name]]] : [])));
  const poolIds: string[] = [];
  const events = new EventEmitter() as WorkerEvents;
  // Its jobs are protected from other instances' sweeps as the worker's are.
  events.on("pool:create", ({ workerPool }) => {
    poolIds.push(workerPool.id);
    void liveness()
      .hold(workerPool.id)
      .catch(() => {});
  });
  try {
    await runOnce({ connectionString: env().DATABASE_URL, maxPoolSize: 2, noHandleSignals: true, logger: queueLogger, events, taskList: taskList(handlers) });
  } finally {
    for (const poolId of poolIds) await liveness().release(poolId);
  }
}
