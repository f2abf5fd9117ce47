/**
 * The daily refresh: some metrics and therefore some memberships change with the calendar alone
 * (days since last order, 30/90-day engagement, "within the last N days" rules). It runs as the
 * "daily-refresh" job (lib/jobs/): scheduled hourly by the queue's cron and once when a worker
 * starts; the first run of a day does the work, and an advisory lock inside
 * refreshMetricsIfStale keeps two runs from doing it twice.
 *
 * The other runs of the day catch up: the live recompute scores a written account against all
 * accounts but leaves the accounts it passed in value with their old ranks, and a full recompute
 * of what was written since the last one puts them right (lib/db/membership/recompute-written.ts;
 * nothing is read when nothing was written). Not while the day's refresh is still to be done
 * (another worker may be doing it): its own full recompute follows it.
 */
import { db } from "@/lib/db/client";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { metricsAreCurrent, refreshMetricsIfStale } from "@/lib/db/metrics";

/** Whether this run refreshed the day's metrics (false: it caught up, or the refresh was running elsewhere). */
export async function refreshIfStale(options: { asOf?: Date } = {}): Promise<boolean> {
  const refreshed = await refreshMetricsIfStale(db, options);
  if (refreshed) {
    await recomputeEverything(db, { reason: "DATA_CHANGE", detail: "Daily refresh of time-based metrics" }, options);
  } else if (await metricsAreCurrent(db, options.asOf)) {
    await recomputeEverything(db, { reason: "DATA_CHANGE", detail: "Hourly catch-up of changed accounts" }, options);
  }
  return refreshed;
}
