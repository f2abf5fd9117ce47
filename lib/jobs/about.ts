import "server-only";
import { importRunPayload } from "@/lib/import/runner";
import type { JobName } from "./names";

/** What a job is about, in a few words, from its payload (the admin Jobs page). */
export function describeJob(name: string, payload: unknown): string {
  switch (name as JobName) {
    case "import-run": {
      const run = importRunPayload.safeParse(payload);
      if (!run.success) return "An import";
      return `${run.data.mode === "commit" ? "Commit" : "Dry run"} of ${run.data.fileName}`;
    }
    case "daily-refresh":
      return "Time-based metrics, tiers and segments (once a day); accounts changed since (hourly)";
    case "live-recompute":
      return "Accounts changed through the API";
    case "live-scores":
      return "Priority scores of accounts changed through the API";
    case "webhook-dispatch":
      return "New membership changes, batched for the webhook endpoints";
    case "webhook-deliver":
      return "Batches for one webhook endpoint";
    default:
      return "";
  }
}
