/**
 * Segmentation benchmark: full recompute of the tier scheme + 10 segments + scores, and the
 * rule editor's preview latency.
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx --conditions=react-server scripts/bench/segmentation.ts --accounts 100000
 *
 * With DATABASE_URL pointing at a database this script (or `prisma/seed.ts --seed bench`) already
 * filled, the seed is skipped, so a 1,000,000-account database is seeded once and measured many
 * times; `--first` then clears every membership first to time the first materialisation again.
 * (`--conditions=react-server` lets this script import the server-only preview module.)
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loadPublishedScheme, loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { recomputeAll, recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeSegment, recomputeTiers } from "@/lib/db/membership/recompute-rule";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { previewSegmentRule } from "@/lib/data/rules/preview";
import { previewTierScheme } from "@/lib/data/rules/tier-preview";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { percentile } from "./http";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    previews: { type: "string", default: "30" },
    runs: { type: "string", default: "3" },
    first: { type: "boolean", default: false },
  },
});
const accounts = Number(values.accounts);
const previewRuns = Number(values.previews);
const runs = Number(values.runs);

const time = async <T>(label: string, fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  console.log(`  ${label}: ${(ms / 1000).toFixed(2)} s`);
  return [result, ms];
};

const logStep = (step: string, ms: number) => console.log(`    ${step}: ${(ms / 1000).toFixed(2)} s`);

const cond = (id: string, field: string, operator: string, value: unknown) => ({ kind: "condition", id, field, operator, value });
const EXTRA_SEGMENTS: { name: string; rule: unknown }[] = [
  { name: "Bench: big spenders", rule: { kind: "group", op: "and", children: [cond("a", "avgOrderValue", "gte", 20_000)] } },
  { name: "Bench: EMEA healthcare", rule: { kind: "group", op: "and", children: [cond("a", "region", "any_of", ["EMEA"]), cond("b", "industry", "any_of", ["Healthcare"])] } },
  { name: "Bench: dormant", rule: { kind: "group", op: "or", children: [cond("a", "daysSinceLastOrder", "gt", 365), cond("b", "orderCount", "eq", 0)] } },
  { name: "Bench: analytics stack", rule: { kind: "group", op: "and", children: [cond("a", "technologies", "in_category", ["ANALYTICS"]), cond("b", "engagementScore", "gte", 20)] } },
];

console.log(`Segmentation benchmark, ${accounts.toLocaleString("en-US")} accounts, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
if ((await db.account.count()) === 0) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  await time("seed", () => seedDatabase(pool, { accounts, seed: "bench", asOf: new Date("2026-01-15T00:00:00Z"), reset: true }));
  await pool.end();
} else {
  console.log(`  using the ${(await db.account.count()).toLocaleString("en-US")} accounts already in the database`);
}

let firstMs: number | null = null;
if ((await db.tierSchemeVersion.count()) === 0) {
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  [, firstMs] = await time("first materialisation (demo scheme + 6 segments + scores, every account enters)", () =>
    publishDemoRules(db, { publishedById: admin?.id ?? null }),
  );
} else if (values.first) {
  await db.$executeRaw`TRUNCATE account_segments, membership_events`;
  await db.$executeRaw`UPDATE account_segmentation SET tier_id = NULL, tier_rank = 9999, segment_ids = '{}',
    priority_score = 0, score_value = 0, score_fit = 0, score_engagement = 0`;
  await db.$executeRaw`VACUUM ANALYZE account_segmentation`;
  [, firstMs] = await time("first materialisation (memberships cleared; every account enters)", () =>
    recomputeEverything(db, { reason: "RULE_PUBLISHED" }, { onStep: logStep }),
  );
}
for (const extra of EXTRA_SEGMENTS) {
  if (await db.segment.findFirst({ where: { name: extra.name } })) continue;
  const segment = await db.segment.create({ data: { name: extra.name, kind: "MIXED", draftRule: extra.rule as object, publishedVersion: 1 } });
  await db.segmentVersion.create({ data: { segmentId: segment.id, version: 1, rule: extra.rule as object, note: "bench" } });
  await time(`first materialisation of "${extra.name}"`, () =>
    recomputeSegment(db, { id: segment.id, rule: extra.rule as RuleGroup }, { reason: "RULE_PUBLISHED", ruleVersion: 1 }),
  );
}
// Measure the steady state autovacuum reaches a few minutes after a bulk load or a first
// materialisation, not tables full of dead row versions and unset visibility bits.
await time("vacuum", () => db.$executeRawUnsafe("VACUUM ANALYZE"));
const segmentCount = (await loadPublishedSegments(db)).length;
const fullTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  const [unchanged, ms] = await time(`full recompute, tier scheme + ${segmentCount} segments + scores (both cores)`, () =>
    recomputeEverything(db, { reason: "DATA_CHANGE" }, { onStep: logStep }),
  );
  console.log(`    ${JSON.stringify(unchanged)}`);
  fullTimes.push(ms);
}
const [, sequentialMs] = await time(`the same on one connection, in one transaction (recomputeAll)`, () =>
  db.$transaction((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }), LONG_TRANSACTION),
);

// A realistic republish: Tier 1 threshold raised, so accounts move and the ledger records them.
const scheme = (await loadPublishedScheme(db))!;
const stricter = structuredClone(scheme);
const first = stricter.tiers[0]!.rule.children[0] as { value: number };
first.value = first.value * 2;
const [moved, republishMs] = await time("republish tier scheme with Tier 1 threshold doubled (tiers only)", () =>
  recomputeTiers(db, { version: scheme.version + 1, tiers: stricter.tiers }, { reason: "RULE_PUBLISHED", ruleVersion: scheme.version + 1 }),
);
console.log(`    accounts moved: ${moved}`);
await time("restore the published scheme", () => recomputeTiers(db, scheme, { reason: "RULE_RESTORED", ruleVersion: scheme.version }));

const previewTimes: number[] = [];
const tierPreviewTimes: number[] = [];
const segments = await loadPublishedSegments(db);
for (let i = 0; i < previewRuns; i++) {
  const segment = segments[i % segments.length]!;
  let start = performance.now();
  await previewSegmentRule(segment.rule, segment.id, true);
  previewTimes.push(performance.now() - start);
  start = performance.now();
  await previewTierScheme(stricter.tiers);
  tierPreviewTimes.push(performance.now() - start);
}
previewTimes.sort((a, b) => a - b);
tierPreviewTimes.sort((a, b) => a - b);
const fmt = (ms: number) => `${Math.round(ms)} ms`;
console.log(`  segment preview (count + sample + diff): p50 ${fmt(percentile(previewTimes, 50))}, p95 ${fmt(percentile(previewTimes, 95))}`);
console.log(`  tier scheme preview (per-tier counts + overlap + transition matrix + samples): p50 ${fmt(percentile(tierPreviewTimes, 50))}, p95 ${fmt(percentile(tierPreviewTimes, 95))}`);
console.log(
  JSON.stringify({
    bench: "segmentation",
    accounts,
    firstMaterialisationMs: firstMs === null ? null : Math.round(firstMs),
    fullRecomputeMs: fullTimes.map(Math.round),
    sequentialRecomputeMs: Math.round(sequentialMs),
    republishTiersMs: Math.round(republishMs),
    segmentPreviewP95Ms: Math.round(percentile(previewTimes, 95)),
    tierPreviewP95Ms: Math.round(percentile(tierPreviewTimes, 95)),
  }),
);
await db.$disconnect();
