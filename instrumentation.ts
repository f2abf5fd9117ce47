/** Runs once when a server instance starts (Next.js instrumentation hook; not during `next build`). */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is Next.js's own marker of the runtime loading this file, not configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  // Check the whole configuration now: a bad or missing variable stops the server with its name
  // instead of failing the first request that reads it.
  if (serverEnv().TIERWISE_DISABLE_REFRESH) return;
  const { startDailyRefresh } = await import("@/lib/db/refresh");
  startDailyRefresh();
}
