/**
 * Live recompute lag: a client posts orders for random existing accounts at a fixed rate to the
 * batch orders endpoint of a running production build, and an observer polls the database until
 * each write is readable (the account's order count, which the live recompute writes in the same
 * transaction as its tier, segments, plays and score). Prints throughput and the lag from each
 * write's response to the change being readable (p50/p95/max).
 *
 *   npm run build   # first
 *   npx tsx --conditions=react-server scripts/bench/live-recompute.ts [--accounts 100000] [--rate 200] [--seconds 60] [--batch 1]
 *   DATABASE_URL=... npx tsx --conditions=react-server scripts/bench/live-recompute.ts --reuse   # a database seeded with prisma/seed.ts
 *   ... --direct   # no app: writes through SQL + recordPending, drainPendingRecomputes looped in this process
 *
 * Without DATABASE_URL a throw-away embedded PostgreSQL is seeded with --accounts (demo rules and
 * plays). --batch orders per request (each for a different account); requests go out on schedule
 * (open loop), whether or not earlier ones have answered. Lag resolution: the poll interval (20 ms).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../../lib/env";
import { freePort, startEmbeddedDatabase, type RunningDatabase } from "../lib/embedded-db";
import { migrateDeploy } from "../lib/migrate";
import { onShutdown, run, start } from "../lib/run";
import { percentile, waitForServer } from "./http";
import { directWriter, type Writer } from "./live-direct";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    batch: { type: "string", default: "1" },
    reuse: { type: "boolean", default: false },
    direct: { type: "boolean", default: false },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const batch = Number(values.batch);
const POLL_MS = 20;
/** A write not readable after this long counts as lost (reported, not in the percentiles). */
const GIVE_UP_MS = 30_000;

let database: RunningDatabase | undefined;
let stopWriter: (() => Promise<void>) | undefined;
const finish = onShutdown(async () => {
  await stopWriter?.();
  await database?.stop();
});

/** The app's batch orders endpoint, with a key created directly in the database. */
async function apiWriter(url: string): Promise<Writer> {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first (or use --direct).");
  const { createKey } = await import("@/lib/api/keys");
  const { key } = await createKey({ name: "Live recompute bench", scopes: ["accounts:write", "accounts:read"], expiresAt: null, createdById: null });
  const port = await freePort();
  start(process.execPath, ["--import", "tsx", "scripts/app-server.ts", "--port", String(port)], {
    env: {
      DATABASE_URL: url,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      NEXT_TELEMETRY_DISABLED: "1",
      TIERWISE_DISABLE_REFRESH: "1",
      // The benchmark's one key sends far more than the default per-key limit allows.
      TIERWISE_API_RATE_LIMIT: "1000000",
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/sign-in`);
  const day = new Date().toISOString().slice(0, 10);
  return {
    label: `POST /api/v1/orders/batch on ${base}`,
    async write(accountIds) {
      const response = await fetch(`${base}/api/v1/orders/batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ items: accountIds.map((accountId) => ({ accountId, orderedAt: day, amount: 1234.5, productLine: "Bench" })) }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`orders/batch answered ${response.status}: ${text.slice(0, 300)}`);
    },
    async stop() {},
  };
}

try {
  const given = env().DATABASE_URL;
  let url = given;
  if (!url) {
    database = await startEmbeddedDatabase({ dataDir: path.join("data", `bench-live-${process.pid}`), persistent: false, quiet: true });
    url = database.url;
  }
  process.env.DATABASE_URL = url;
  if (!(values.reuse && given)) {
    await migrateDeploy(url);
    await run("npx", ["tsx", "prisma/seed.ts", "--accounts", values.accounts, "--seed", "bench", "--reset"], { env: { DATABASE_URL: url } });
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: counted } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts");
  const accounts = counted[0]!.n;
  const writer = values.direct ? await directWriter(url) : await apiWriter(url);
  stopWriter = writer.stop;

  // Every write goes to an account not yet written (while there are any), so "its order count
  // went up by one" identifies the write.
  const { rows: idRows } = await client.query<{ id: number; order_count: number }>("SELECT id, order_count FROM accounts ORDER BY random()");
  const initial = new Map(idRows.map((r) => [r.id, r.order_count]));
  const written = new Map<number, number>();
  let next = 0;
  const pickAccount = () => idRows[next++ % idRows.length]!.id;

  interface Pending { accountId: number; expected: number; answeredAt: number }
  const waiting: Pending[] = [];
  const lags: number[] = [];
  const writeMs: number[] = [];
  let failures = 0;
  let lost = 0;
  let sending = true;

  const observer = (async () => {
    while (sending || waiting.length > 0) {
      const polledAt = performance.now();
      if (waiting.length > 0) {
        const ids = [...new Set(waiting.map((w) => w.accountId))];
        const { rows } = await client.query<{ id: number; order_count: number }>("SELECT id, order_count FROM accounts WHERE id = ANY($1::int[])", [ids]);
        const counts = new Map(rows.map((r) => [r.id, r.order_count]));
        for (let i = waiting.length - 1; i >= 0; i--) {
          const w = waiting[i]!;
          if ((counts.get(w.accountId) ?? 0) >= w.expected) lags.push(polledAt - w.answeredAt);
          else if (polledAt - w.answeredAt > GIVE_UP_MS) lost++;
          else continue;
          waiting.splice(i, 1);
        }
      }
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (performance.now() - polledAt))));
    }
  })();

  const requests = Math.round((rate * seconds) / batch);
  const interval = (1000 * batch) / rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < requests; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ids = Array.from({ length: batch }, pickAccount);
    const expected = ids.map((id) => {
      const n = (written.get(id) ?? 0) + 1;
      written.set(id, n);
      return (initial.get(id) ?? 0) + n;
    });
    const sentAt = performance.now();
    inFlight.push(
      writer.write(ids).then(
        () => {
          const answeredAt = performance.now();
          writeMs.push(answeredAt - sentAt);
          ids.forEach((accountId, k) => waiting.push({ accountId, expected: expected[k]!, answeredAt }));
        },
        (error: unknown) => {
          failures++;
          if (failures <= 3) console.error(error instanceof Error ? error.message : error);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const sendSeconds = (performance.now() - started) / 1000;
  sending = false;
  await observer;
  await client.end();

  lags.sort((a, b) => a - b);
  writeMs.sort((a, b) => a - b);
  const ms = (x: number) => `${Math.round(x)} ms`;
  const orders = writeMs.length * batch;
  console.log(`\nLive recompute, ${accounts.toLocaleString("en-US")} accounts; ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`  writer: ${writer.label}; ${batch} order(s) per request, target ${rate} orders/s for ${seconds} s`);
  console.log(`  orders written: ${orders} in ${sendSeconds.toFixed(1)} s = ${(orders / sendSeconds).toFixed(1)} orders/s; failed requests: ${failures}`);
  console.log(`  write response: p50 ${ms(percentile(writeMs, 50))}, p95 ${ms(percentile(writeMs, 95))}, max ${ms(writeMs.at(-1) ?? NaN)}`);
  console.log(`  lag from response to readable (${lags.length} writes, ${lost} not readable within ${GIVE_UP_MS / 1000} s): p50 ${ms(percentile(lags, 50))}, p95 ${ms(percentile(lags, 95))}, max ${ms(lags.at(-1) ?? NaN)}`);
  console.log(JSON.stringify({ bench: "live-recompute", accounts, rate, seconds, batch, direct: values.direct, orders, failures, lost, lagP50: Math.round(percentile(lags, 50)), lagP95: Math.round(percentile(lags, 95)), lagMax: Math.round(lags.at(-1) ?? NaN) }));
  await writer.stop();
  stopWriter = undefined;
  await finish(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}
