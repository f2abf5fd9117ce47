/**
 * Webhooks benchmark: a tier publish that moves ~10,000 accounts, with and without an active
 * webhook endpoint; with one, the time from the publish to the last event reaching a local
 * receiver (signatures verified with the standardwebhooks library).
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx --conditions=react-server scripts/bench/webhooks.ts --accounts 20000 --moved 10000
 *
 * The publish is the admin's (saveTierSchemeDraft + publishTierScheme: tiers, plays, the ledger).
 * Publishes alternate between the seeded scheme and the same scheme with a "Bench" top tier of
 * the `--moved` accounts of highest lifetime value, so each moves that many accounts. The worker
 * (dispatcher + senders, as in the app) and the receiver run in this process.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db/client";
import { loadPublishedScheme } from "@/lib/db/membership/published-rules";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { createWebhookEndpoint, setWebhookEndpointActive } from "@/lib/data/webhooks";
import { env } from "@/lib/env";
import { HANDLERS } from "@/lib/jobs/handlers";
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import type { TierScheme } from "@/lib/segmentation/tier-scheme";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

const { values } = parseArgs({ options: { accounts: { type: "string", default: "20000" }, moved: { type: "string", default: "10000" }, runs: { type: "string", default: "3" } } });
const accounts = Number(values.accounts);
const moved = Number(values.moved);
const runs = Number(values.runs);
process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";

console.log(`Webhooks benchmark, ${accounts.toLocaleString("en-US")} accounts, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
if ((await db.account.count()) === 0) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  await seedDatabase(pool, { accounts, seed: "bench", asOf: new Date("2026-01-15T00:00:00Z"), reset: true });
  await pool.end();
}
let admin = await db.user.findFirst({ where: { role: "ADMIN" } });
admin ??= await db.user.create({ data: { email: "bench-admin@tierwise.local", name: "Bench admin", passwordHash: "x", role: "ADMIN" } });
if ((await db.tierSchemeVersion.count()) === 0) await publishDemoRules(db, { publishedById: admin.id });
await db.$executeRawUnsafe("VACUUM ANALYZE");

const base = (await loadPublishedScheme(db))!;
const [cut] = await db.$queryRaw<{ v: string }[]>`SELECT lifetime_value::text AS v FROM accounts ORDER BY lifetime_value DESC OFFSET ${moved - 1} LIMIT 1`;
const bench: TierScheme = {
  tiers: [
    { key: "bench", name: "Bench", color: "#0f766e", rule: { kind: "group", op: "and", children: [{ kind: "condition", id: "b", field: "lifetimeValue", operator: "gte", value: Number(cut!.v) }] } },
    ...base.tiers,
  ],
};
const schemes: TierScheme[] = [bench, { tiers: base.tiers }];
let turn = 0;

/** One publish; returns its time and the ledger rows it wrote. */
async function publish(): Promise<{ ms: number; events: number }> {
  const scheme = schemes[turn++ % 2]!;
  const before = await db.membershipEvent.count();
  const draft = await db.tierSchemeDraft.findUnique({ where: { id: 1 } });
  const { revision } = await saveTierSchemeDraft(admin!, scheme, draft?.revision ?? 0);
  const started = performance.now();
  await publishTierScheme(admin!, { baseRevision: revision, note: `bench ${turn}` });
  const ms = performance.now() - started;
  return { ms, events: (await db.membershipEvent.count()) - before };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// The receiver: verifies every batch, counts distinct events.
let secret = "";
const seen = new Set<string>();
let requests = 0;
let badSignatures = 0;
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    requests++;
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      const payload = new Webhook(secret).verify(body, request.headers as Record<string, string>) as { events: { id: string }[] };
      for (const event of payload.events) seen.add(event.id);
    } catch {
      badSignatures++;
    }
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
const created = await createWebhookEndpoint(admin, { url, events: [...WEBHOOK_EVENTS], description: "bench" });
secret = created.secret;
await startWorker({ refresh: false, handlers: { "webhook-dispatch": HANDLERS["webhook-dispatch"], "webhook-deliver": HANDLERS["webhook-deliver"] }, pollIntervalMs: 1_000 });

// Runs alternate without and with an active endpoint (the machine's load drifts; pairs share it),
// each pair in the other order than the one before (a publish's cost depends a little on the ones before it).
const without: number[] = [];
const withEndpoint: number[] = [];
const delivered: number[] = [];
async function runWithout(): Promise<void> {
  await setWebhookEndpointActive(admin!, created.endpoint.id, false);
  const off = await publish();
  without.push(off.ms);
  console.log(`  publish without an active endpoint: ${fmt(off.ms)} (${off.events.toLocaleString("en-US")} ledger events)`);
}
async function runWith(): Promise<void> {
  await setWebhookEndpointActive(admin!, created.endpoint.id, true);
  seen.clear();
  requests = 0;
  const started = performance.now();
  const { ms, events } = await publish();
  withEndpoint.push(ms);
  while (seen.size < events) {
    if (performance.now() - started > 300_000) throw new Error(`only ${seen.size} of ${events} events after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const all = performance.now() - started;
  delivered.push(all);
  console.log(`  publish with an endpoint: ${fmt(ms)}; all ${events.toLocaleString("en-US")} events delivered ${fmt(all)} after the publish started (${requests} requests)`);
}
for (let run = 0; run < runs * 2; run++) {
  if (run % 2 === 0) {
    await runWithout();
    await runWith();
  } else {
    await runWith();
    await runWithout();
  }
}
await stopWorker();
server.close();

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};
const slowdown = median(withEndpoint) / median(without) - 1;
console.log(`  median publish: ${fmt(median(without))} without, ${fmt(median(withEndpoint))} with an endpoint (${(slowdown * 100).toFixed(1)}%); median time to deliver all: ${fmt(median(delivered))}; bad signatures: ${badSignatures}`);
console.log(JSON.stringify({ bench: "webhooks", accounts, moved, publishWithoutMs: without.map(Math.round), publishWithMs: withEndpoint.map(Math.round), deliveredAllMs: delivered.map(Math.round), badSignatures }));
await db.$disconnect();
