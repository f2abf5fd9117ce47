/**
 * Backtest benchmark (issue 12): a 3-tier draft plus the published demo scheme, as of 12 months
 * ago with a 6-month horizon, and suggested thresholds for one condition.
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx scripts/bench/backtest.ts --accounts 100000
 *
 * With DATABASE_URL pointing at a database this script already filled, the seed is skipped. The
 * seed is dated today, so the as-of day and the horizon fall inside the generated history.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { monthsAgo } from "@/lib/backtest/options";
import { backtestTiers } from "@/lib/backtest/run";
import { thresholdDistribution } from "@/lib/backtest/thresholds";
import { db } from "@/lib/db/client";
import { loadPublishedScheme } from "@/lib/db/membership/published-rules";
import { env } from "@/lib/env";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { parseTierScheme } from "@/lib/segmentation/tier-scheme";
import { percentile } from "./http";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    runs: { type: "string", default: "20" },
    suggestions: { type: "string", default: "40" },
  },
});
const accounts = Number(values.accounts);

console.log(`Backtest benchmark, ${accounts.toLocaleString("en-US")} accounts, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`  load: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
if ((await db.account.count()) === 0) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  const start = performance.now();
  await seedDatabase(pool, { accounts, seed: "bench", asOf: new Date(), reset: true });
  await pool.end();
  console.log(`  seed: ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
if ((await db.tierSchemeVersion.count()) === 0) {
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null });
}
await db.$executeRawUnsafe("ANALYZE");

const published = await loadPublishedScheme(db);
if (!published) throw new Error("No published scheme");
// The draft: the demo scheme with Tier 1 on engagement too and a higher Tier 2 bar.
const cond = (id: string, field: string, operator: string, value: unknown) => ({ kind: "condition", id, field, operator, value });
const parsed = parseTierScheme({
  tiers: [
    { key: "strategic", name: "Tier 1 · Strategic", color: "#4f46e5", rule: { kind: "group", op: "and", children: [cond("a", "lifetimeValue", "gte", 200_000), cond("b", "daysSinceLastOrder", "lte", 180)] } },
    { key: "growth", name: "Tier 2 · Growth", color: "#0284c7", rule: { kind: "group", op: "or", children: [cond("a", "lifetimeValue", "gte", 120_000), cond("b", "orders12m", "gte", 6)] } },
    { key: "nurture", name: "Tier 3 · Nurture", color: "#059669", rule: { kind: "group", op: "or", children: [cond("a", "orderCount", "gte", 1), cond("b", "engagementScore", "gte", 10)] } },
  ],
});
if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
const draft = parsed.scheme.tiers;
const options = { asOf: monthsAgo(12), horizonMonths: 6 };

const backtests: number[] = [];
let last: Awaited<ReturnType<typeof backtestTiers>> | null = null;
for (let i = 0; i < Number(values.runs) + 1; i++) {
  const start = performance.now();
  last = await backtestTiers(db, draft, published, options);
  if (i > 0) backtests.push(performance.now() - start); // the first run warms the cache
}
backtests.sort((a, b) => a - b);
console.log(`\nBacktest as of ${options.asOf}, horizon ${options.horizonMonths} months, draft (3 tiers) + published v${published.version}: p50 ${percentile(backtests, 50).toFixed(0)} ms, p95 ${percentile(backtests, 95).toFixed(0)} ms (${backtests.length} runs)`);
if (last) {
  console.log(`  ${last.accounts.toLocaleString("en-US")} accounts as of the day, ${last.createdAfter.toLocaleString("en-US")} created after it left out`);
  for (const [name, groups] of [["draft", last.draft], ["published", last.published ?? []]] as const) {
    for (const g of groups) console.log(`  ${name.padEnd(9)} ${g.name.padEnd(20)} ${String(g.accounts).padStart(8)} accounts  $${Math.round(g.revenuePerAccount).toLocaleString("en-US").padStart(9)}/account  ordered ${(g.orderedShare * 100).toFixed(0).padStart(3)}%  lift ${g.lift?.toFixed(2)}`);
  }
  console.log(`  ${last.verdict}`);
}

const suggestions: number[] = [];
const tier1 = draft[0]!.rule;
for (let i = 0; i < Number(values.suggestions) + 1; i++) {
  const start = performance.now();
  // Alternating: Tier 1's lifetime value (every account), Tier 2's (those Tier 1 does not catch).
  await thresholdDistribution(db, { field: "lifetimeValue", direction: "high", earlier: i % 2 ? [tier1] : [], perRep: 25 });
  if (i > 0) suggestions.push(performance.now() - start);
}
suggestions.sort((a, b) => a - b);
console.log(`\nSuggested thresholds (lifetime value, Tier 1 and Tier 2): p50 ${percentile(suggestions, 50).toFixed(0)} ms, p95 ${percentile(suggestions, 95).toFixed(0)} ms (${suggestions.length} runs)`);
await db.$disconnect();
