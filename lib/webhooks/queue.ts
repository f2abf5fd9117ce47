import "server-only";
import type { Db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";

type Executor = Pick<Db, "$executeRaw">;

/**
 * Wake an endpoint's sender job ("webhook-deliver"). One job per endpoint (job key) in a queue of
 * its own (queue name): graphile-worker runs the jobs of one queue one at a time across every
 * instance, so one endpoint is never sent two batches by two workers at once, while different
 * endpoints are served in parallel.
 *
 * `later`: the sender's own wake-up for its next retry. It must never postpone a wake-up someone
 * queued for now (new deliveries), so it keeps an existing job's time (preserve_run_at); "now"
 * wake-ups replace a later time.
 */
export async function wakeEndpoint(endpointId: string, options: { tx?: Executor; later?: Date } = {}): Promise<void> {
  await enqueueJob("webhook-deliver", { endpointId }, {
    tx: options.tx,
    queue: `webhook:${endpointId}`,
    runAt: options.later,
    key: `webhook-deliver:${endpointId}`,
    keepRunAt: !!options.later,
  });
}

/** Run the dispatcher again soon (after a busy ledger, or to continue a long backlog). */
export async function wakeDispatcher(later?: Date): Promise<void> {
  await enqueueJob("webhook-dispatch", {}, { runAt: later, key: "webhook-dispatch" });
}
