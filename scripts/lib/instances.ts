/**
 * Several app instances on one port: Node's cluster module forks the workers and hands them the
 * connections in turn. One Node process renders on one core, so on a machine with two cores two
 * instances serve about a fifth more pages than one (docs/benchmarks.md, "Load"); the instances
 * share the database exactly as instances behind a load balancer do (jobs, caches keyed by the
 * data stamp, sign-in throttling and preview cancellation all live in PostgreSQL).
 *
 * A worker that dies after it has served for a while is replaced; one that dies while starting
 * (a bad variable, a port in use) stops them all with its exit code, so `npm start` fails loudly
 * instead of restarting a broken server for ever.
 */
import cluster, { type Worker } from "node:cluster";

/** A worker that exits within this long of its start is a failed start, not a crash to recover from. */
export const START_GRACE_MS = 10_000;

export interface InstancesOptions {
  instances: number;
  /** The worker's script and its arguments (scripts/app-server.ts: `--port 3000`). */
  exec: string;
  args: readonly string[];
  /** Node flags of the workers (a TypeScript worker: `--import tsx`); none of this process's go with them. */
  execArgv?: readonly string[];
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  /** A worker that exits within this long of its start is a failed start (tests shorten it). */
  startGraceMs?: number;
}

/** Fork the workers; resolves with the exit code once every worker has stopped for good. */
export function runInstances({ instances, exec, args, execArgv = [], env = {}, log = console.log, startGraceMs = START_GRACE_MS }: InstancesOptions): Promise<number> {
  cluster.setupPrimary({ exec, args: [...args], execArgv: [...execArgv] });
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let exitCode = 0;

  const fork = () => startedAt.set(cluster.fork(env), Date.now());
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of startedAt.keys()) if (!worker.isDead()) worker.process.kill(signal);
  };

  return new Promise((resolve) => {
    cluster.on("exit", (worker, code, signal) => {
      const started = startedAt.get(worker) ?? Date.now();
      startedAt.delete(worker);
      if (!stopping) {
        if (Date.now() - started < startGraceMs) {
          log(`An app instance stopped while starting (${signal ?? `exit code ${code}`}); stopping the others.`);
          exitCode = code || 1;
          stopAll("SIGTERM");
        } else {
          log(`An app instance stopped (${signal ?? `exit code ${code}`}); starting a new one.`);
          fork();
        }
      }
      if (startedAt.size === 0) resolve(exitCode);
    });
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stopAll(signal));
    for (let i = 0; i < instances; i++) fork();
  });
}
