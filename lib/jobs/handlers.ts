import "server-only";
import { refreshIfStale } from "@/lib/db/refresh";
import { runQueuedImport } from "@/lib/import/runner";
import { drainPendingRecomputes, drainPendingScores } from "@/lib/live/recompute";
import { deliverForEndpoint } from "@/lib/webhooks/deliver";
import { dispatchLedger } from "@/lib/webhooks/dispatch";
import type { JobName } from "./names";
import type { JobHandler } from "./types";

/** The one map from a job's name to what runs it (every worker runs every job it names). */
export const HANDLERS: Partial<Record<JobName, JobHandler>> = {
  "import-run": runQueuedImport,
  "daily-refresh": async () => {
    await refreshIfStale();
  },
  "live-recompute": async () => {
    await drainPendingRecomputes();
  },
  "live-scores": async () => {
    await drainPendingScores();
  },
  "webhook-dispatch": async () => {
    await dispatchLedger();
  },
  "webhook-deliver": deliverForEndpoint,
};
