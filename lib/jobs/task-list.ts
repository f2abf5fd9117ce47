import "server-only";
import type { TaskList } from "graphile-worker";
import { logUnexpected } from "@/lib/log";
import { recordCompleted } from "./history";
import type { JobName } from "./names";
import type { JobHandler } from "./types";

/** The handlers as graphile-worker tasks: each run that succeeds is also kept for the admin page. */
export function taskList(handlers: Partial<Record<JobName, JobHandler>>): TaskList {
  const tasks: TaskList = {};
  for (const [name, handler] of Object.entries(handlers)) {
    tasks[name] = async (payload, helpers) => {
      const { job } = helpers;
      const startedAt = new Date();
      await handler(payload, { id: job.id, attempt: job.attempts, maxAttempts: job.max_attempts, signal: helpers.abortSignal });
      // The work is done: a history row that cannot be written must not make the queue run it again.
      await recordCompleted({ id: job.id, name, payload, attempts: job.attempts, queuedAt: job.created_at, startedAt }).catch((error) =>
        logUnexpected(`job history (${name} ${job.id})`, error),
      );
    };
  }
  return tasks;
}
