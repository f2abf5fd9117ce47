import "server-only";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { queueLogger } from "./setup";

/**
 * Jobs of a dead instance are given back within seconds, not graphile-worker's 4 hours.
 *
 * graphile-worker marks a running job with the id of the worker pool that took it (`locked_by`)
 * and by itself frees only jobs locked for over 4 hours. Here every pool of this process holds a
 * session-level advisory lock named after its id, on one dedicated connection. When the process
 * dies (kill -9, out of memory, a lost host), PostgreSQL ends that session and the locks go with
 * it, so "locked by a pool whose advisory lock nobody holds" means "locked by a dead process".
 * Every running worker sweeps for such jobs every few seconds and unlocks them (the library's
 * `force_unlock_workers`); this or another instance then runs them again.
 */

/** Arbitrary first key of the pools' advisory locks (the second is a hash of the pool id). */
const LIVENESS_NAMESPACE = 727_100;

class Liveness {
  private client: pg.Client | null = null;
  private readonly held = new Set<string>();
  /** Lock changes run one after another on the one connection. */
  private chain: Promise<unknown> = Promise.resolve();

  /** Hold the lock that says "pool `poolId` is alive" until `release` (or until the process ends). */
  hold(poolId: string): Promise<void> {
    this.held.add(poolId);
    return this.serial(() => this.lock(poolId));
  }

  /** Let go of a pool's lock; the connection closes when no pool is left. */
  release(poolId: string): Promise<void> {
    return this.serial(async () => {
      if (!this.held.delete(poolId) || !this.client) return;
      if (this.held.size > 0) {
        await this.client.query("SELECT pg_advisory_unlock($1::int, hashtext($2::text))", [LIVENESS_NAMESPACE, poolId]);
        return;
      }
      const client = this.client;
      this.client = null;
      await client.end();
    });
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => {});
    return next;
  }

  private async lock(poolId: string): Promise<void> {
    if (!this.held.has(poolId)) return; // released before its turn came
    const client = this.client ?? (await this.open());
    await client.query("SELECT pg_advisory_lock($1::int, hashtext($2::text))", [LIVENESS_NAMESPACE, poolId]);
  }

  /**
   * Take every held pool's lock again, retrying (up to every 5 s) while the database is out of
   * reach (a restart): the instance is alive and must look alive again once it is back.
   */
  private async relock(attempt: number): Promise<void> {
    if (this.held.size === 0) return;
    try {
      for (const poolId of [...this.held]) await this.serial(() => this.lock(poolId));
      if (attempt > 0) queueLogger.warn(`liveness locks taken again after ${attempt + 1} attempts`);
    } catch (error) {
      // A half-opened connection is dropped so the next attempt opens a fresh one.
      const client = this.client;
      this.client = null;
      await client?.end().catch(() => {});
      if (attempt === 0) queueLogger.error(`liveness locks not taken again yet (${(error as Error).message}); retrying`);
      const timer = setTimeout(() => void this.relock(attempt + 1), Math.min(5_000, 250 * 2 ** attempt));
      timer.unref();
    }
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL, keepAlive: true, application_name: "tierwise-jobs-liveness" });
    client.on("error", (error) => {
      // The locks went with the connection: take them again on a new one, or other instances
      // would soon take this instance's running jobs for a dead one's.
      queueLogger.error(`liveness connection lost (${error.message}); taking its locks again`);
      if (this.client !== client) return;
      this.client = null;
      void this.relock(0);
    });
    await client.connect();
    // The server side of TCP keepalive: a host that vanishes without closing its connection is
    // noticed after about 20 + 5 x 4 seconds, and its locks go.
    await client.query("SET tcp_keepalives_idle = 20; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 4");
    this.client = client;
    return client;
  }
}

const globalForLiveness = globalThis as unknown as { tierwiseLiveness?: Liveness };

/** The one liveness connection of the process. */
export function liveness(): Liveness {
  globalForLiveness.tierwiseLiveness ??= new Liveness();
  return globalForLiveness.tierwiseLiveness;
}

/** How long a pool may hold jobs before its liveness lock counts: it takes the lock a moment after it starts. */
export const LIVENESS_GRACE_MS = 5_000;

/** A job locked by a worker pool whose process is gone. */
export interface DeadJob {
  id: string;
  name: string;
  payload: unknown;
  lockedBy: string;
}

/**
 * The one test of "the instance running this job is dead": the job is locked by a pool whose
 * advisory lock nobody holds (PostgreSQL let it go with the session of the process that died),
 * and was locked longer than `graceMs` ago. Exact, no timeout: no heartbeat has to go stale.
 */
export async function jobsOfDeadWorkers(graceMs = LIVENESS_GRACE_MS, name?: string): Promise<DeadJob[]> {
  return db.$queryRaw<DeadJob[]>`
    SELECT j.id::text AS id, t.identifier AS name, j.payload, j.locked_by AS "lockedBy"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => ${graceMs / 1000}::double precision)
      AND (${name ?? null}::text IS NULL OR t.identifier = ${name ?? null}::text)
      AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid::bigint = ${LIVENESS_NAMESPACE}::bigint
          AND l.objid::bigint = (hashtext(j.locked_by)::bigint & 4294967295))
    ORDER BY j.id`;
}

/**
 * Unlock the jobs of pools that are not alive (they run again, here or elsewhere). `first` sees
 * exactly the jobs about to be given back, before they are (a job that must not simply run again
 * is settled there). Returns the dead pools' ids.
 */
export async function unlockJobsOfDeadWorkers(graceMs = LIVENESS_GRACE_MS, first?: (jobs: readonly DeadJob[]) => Promise<unknown>): Promise<string[]> {
  const jobs = await jobsOfDeadWorkers(graceMs);
  if (jobs.length === 0) return [];
  await first?.(jobs);
  const dead = [...new Set(jobs.map((job) => job.lockedBy))];
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${dead}::text[])`;
  return dead;
}
