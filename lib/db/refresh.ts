/**
 * The daily refresh: some metrics and therefore some memberships change with the calendar alone
 * (days since last order, 30/90-day engagement, "within the last N days" rules). Every app
 * instance checks hourly; an advisory lock lets exactly one of them do the work each day.
 */
import { db } from "@/lib/db/client";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { refreshMetricsIfStale } from "@/lib/db/metrics";

const HOUR = 60 * 60 * 1000;

export async function refreshIfStale(): Promise<boolean> {
  const refreshed = await refreshMetricsIfStale(db);
  if (refreshed) {
    await recomputeEverything(db, { reason: "DATA_CHANGE", detail: "Daily refresh of time-based metrics" });
  }
  return refreshed;
}

let timer: NodeJS.Timeout | undefined;

export function startDailyRefresh(): void {
  if (timer) return;
  const run = () => refreshIfStale().catch((error) => console.error("daily refresh failed", error));
  void run();
  timer = setInterval(run, HOUR);
  timer.unref();
}
