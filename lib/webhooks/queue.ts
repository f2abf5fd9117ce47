import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { MAX_ATTEMPTS } from "@/lib/jobs/names";

type Executor = Pick<Db, "$executeRaw">;

/**
 * Wake an endpoint's sender job ("webhook-deliver"). One job per endpoint (job key) in a queue of
 * its own (queue name): graphile-worker runs the jobs of one queue one at a time across every
 * instance, so one endpoint is never sent two batches by two workers at once, while different
 * endpoints are served in parallel. lib/jobs/queue.ts has no queue names, hence this call.
 *
 * `later`: the sender's own wake-up for its next retry. It must never postpone a wake-up someone
 * queued for now (new deliveries), so it keeps an existing job's time (preserve_run_at); "now"
 * wake-ups replace a later time.
 */
export async function wakeEndpoint(endpointId: string, options: { tx?: Executor; later?: Date } = {}): Promise<void> {
  const executor = options.tx ?? db;
  await executor.$executeRaw`SELECT graphile_worker.add_job(
    identifier => 'webhook-deliver',
    payload => json_build_object('endpointId', ${endpointId}::text),
    queue_name => ${`webhook:${endpointId}`}::text,
    run_at => ${options.later ?? null}::timestamptz,
    max_attempts => ${MAX_ATTEMPTS["webhook-deliver"]}::int,
    job_key => ${`webhook-deliver:${endpointId}`}::text,
    job_key_mode => ${options.later ? "preserve_run_at" : "replace"}::text
  )`;
}

/** Run the dispatcher again soon (after a busy ledger, or to continue a long backlog). */
export async function wakeDispatcher(later?: Date): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    identifier => 'webhook-dispatch', payload => '{}'::json, run_at => ${later ?? null}::timestamptz,
    max_attempts => ${MAX_ATTEMPTS["webhook-dispatch"]}::int, job_key => 'webhook-dispatch')`;
}
