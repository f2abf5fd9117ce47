/** Runs once when a server instance starts (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.TIERWISE_DISABLE_REFRESH === "1") return;
  const { startDailyRefresh } = await import("@/lib/db/refresh");
  startDailyRefresh();
}
