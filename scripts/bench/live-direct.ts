/**
 * The live-recompute benchmark without the app (`--direct`): each write is an order inserted with
 * its account recorded as pending in one transaction (what an API write does, minus HTTP), and
 * drainPendingRecomputes and drainPendingScores run in two loops in this process in place of the
 * queue's worker (which starts a drain within milliseconds of a job being queued). Prints the
 * batches' sizes and times.
 */
import pg from "pg";
import { percentile } from "./http";

export interface Writer {
  label: string;
  write(accountIds: number[]): Promise<void>;
  stop(): Promise<void>;
}

export async function directWriter(url: string): Promise<Writer> {
  const { db } = await import("@/lib/db/client");
  const { drainPendingRecomputes } = await import("@/lib/live/drain");
  const { drainPendingScores, SCORE_WINDOW_MS } = await import("@/lib/live/scores");
  const day = new Date().toISOString().slice(0, 10);
  const writers = new pg.Pool({ connectionString: url, max: 8 });
  const batches: { accounts: number; ms: number }[] = [];
  let running = true;
  const scoreBatches: { accounts: number; ms: number }[] = [];
  // The queue's worker runs the two jobs side by side (concurrency 3): so do these two loops.
  const loop = async (drain: () => Promise<{ accounts: number }>) => {
    while (running) {
      const { accounts } = await drain();
      if (accounts === 0) await new Promise((r) => setTimeout(r, 5));
    }
  };
  const drainer = Promise.all([
    loop(() => drainPendingRecomputes({ onBatch: ({ accounts, ms }) => batches.push({ accounts, ms }) })),
    // As the live-scores job: it runs SCORE_WINDOW_MS after the first drain that queued it.
    loop(async () => {
      await new Promise((r) => setTimeout(r, SCORE_WINDOW_MS));
      return drainPendingScores({ onBatch: (batch) => scoreBatches.push(batch) });
    }),
  ]);
  return {
    label: "SQL insert + recordPending in one transaction, drainPendingRecomputes looped in-process",
    async write(accountIds) {
      // The same two statements as an API write (orders, then recordPending's insert), on a pool
      // of their own like an app instance's, so the writes queue there rather than time out.
      const client = await writers.connect();
      try {
        await client.query("BEGIN");
        await client.query(
          "INSERT INTO orders (account_id, ordered_at, amount, product_line) SELECT unnest($1::int[]), $2::date, 1234.5, 'Bench'",
          [accountIds, day],
        );
        await client.query("INSERT INTO pending_recomputes (account_id, detail) SELECT unnest($1::int[]), 'Live recompute bench'", [accountIds]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async stop() {
      running = false;
      await drainer;
      const ms = batches.map((b) => b.ms).sort((a, b) => a - b);
      const sizes = batches.map((b) => b.accounts).sort((a, b) => a - b);
      console.log(`  drained batches: ${batches.length}; accounts per batch p50 ${percentile(sizes, 50)}, max ${sizes.at(-1)}; batch time p50 ${Math.round(percentile(ms, 50))} ms, p95 ${Math.round(percentile(ms, 95))} ms, max ${Math.round(ms.at(-1) ?? NaN)} ms`);
      const scoreMs = scoreBatches.map((b) => b.ms).sort((a, b) => a - b);
      const scoreSizes = scoreBatches.map((b) => b.accounts).sort((a, b) => a - b);
      console.log(`  score batches: ${scoreBatches.length}; accounts per batch p50 ${percentile(scoreSizes, 50)}, max ${scoreSizes.at(-1)}; batch time p50 ${Math.round(percentile(scoreMs, 50))} ms, p95 ${Math.round(percentile(scoreMs, 95))} ms`);
      await writers.end();
      await db.$disconnect();
    },
  };
}
