/**
 * The daily refresh: some metrics and therefore some memberships change with the calendar alone
 * (days since last order, 30/90-day engagement, "within the last N days" rules). It runs as the
 * "daily-refresh" job (lib/jobs/): scheduled hourly by the queue's cron and once when a worker
 * starts; the first run of a day does the work, and an advisory lock inside
 * refreshMetricsIfStale keeps two runs from doing it twice.
 */
import { db } from "@/lib/db/client";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { refreshMetricsIfStale } from "@/lib/db/metrics";

export async function refreshIfStale(): Promise<boolean> {
  const refreshed = await refreshMetricsIfStale(db);
  if (refreshed) {
    await recomputeEverything(db, { reason: "DATA_CHANGE", detail: "Daily refresh of time-based metrics" });
  }
  return refreshed;
}
