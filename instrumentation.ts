/** Runs once when a server instance starts (Next.js instrumentation hook; not during `next build`). */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is Next.js's own marker of the runtime loading this file, not configuration. The
  // Node-only code sits inside this branch so the bundler leaves it out of the edge build.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { serverEnv } = await import("@/lib/env");
    // Check the whole configuration now: a bad or missing variable stops the server with its name
    // instead of failing the first request that reads it.
    const config = serverEnv();
    // Every instance runs a worker of the job queue (imports, the daily refresh, live recomputes).
    const { startWorker, stopWorker } = await import("@/lib/jobs/worker");
    await startWorker({ refresh: !config.TIERWISE_DISABLE_REFRESH });
    // The live recompute's whitespace peer groups cost a pass over every account (seconds at a
    // million): read them now, in the background, not on the first API write's drain.
    const { warmPeerGroups } = await import("@/lib/live/peer-groups");
    warmPeerGroups();
    // Next.js closes the server and exits on these signals; meanwhile the worker stops taking jobs
    // and lets running ones finish. A job still running at exit is queued again by another
    // instance (or this one after its restart), as after a crash.
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopWorker());
  }
}
