/**
 * The background jobs Tierwise runs on its queue (lib/jobs/queue.ts), with what the admin Jobs
 * page calls them. Client-safe: no server code here.
 */
export const JOB_NAMES = ["import-run", "daily-refresh", "live-recompute", "live-scores", "webhook-dispatch", "webhook-deliver"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOB_LABELS: Readonly<Record<JobName, string>> = {
  "import-run": "CSV import run",
  "daily-refresh": "Daily refresh",
  "live-recompute": "Live recompute",
  "live-scores": "Live scores",
  "webhook-dispatch": "Webhook dispatch",
  "webhook-deliver": "Webhook delivery",
};

/**
 * Attempts before a job is left as failed. An import run records its own failures on the import
 * (the page shows them) and does not throw for them, so its attempts are for crashes and outages.
 */
export const MAX_ATTEMPTS: Readonly<Record<JobName, number>> = {
  "import-run": 3,
  "daily-refresh": 3,
  "live-recompute": 10,
  "live-scores": 10,
  // Both record HTTP failures on the deliveries (their own retries); these attempts are for outages.
  "webhook-dispatch": 25,
  "webhook-deliver": 25,
};

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}
