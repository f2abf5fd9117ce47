/**
 * Segmentation benchmark: every row of issue 14's table that is about segmentation, the same at
 * 100,000 and 1,000,000 accounts with the same flags: the first materialisation, the first
 * materialisation of one new segment ("Bench: dormant", recreated on every run), the full
 * recompute with nothing to change (tiers + 10 segments + plays + scores; the first run after the
 * materialisations is reported on its own row: with `--first` it skips every part too, the new
 * segment's publish having kept the stamp, lib/db/membership/recompute-rule.ts; the later ones skip
 * every part, nothing having been written since: lib/db/membership/input-stamp.ts), the same after one account's name is written
 * and after the median account's lifetime value grows by 5,000 (only what the write changed is recomputed,
 * lib/db/membership/recompute-written.ts, or everything when it moved many accounts' ranks), the
 * same with every part run (as on a new day), a tier scheme republish and its restore (each in a transaction, as
 * the app publishes), the segment and tier scheme preview latency, and with `--daily` last the
 * daily refresh on the day after the latest metrics (time-based metrics, then the full recompute;
 * it leaves the database's metrics as of that day, so an import benchmark run afterwards finds
 * every account's metrics not current). It ends with the table and one JSON line.
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx --conditions=react-server scripts/bench/segmentation.ts --accounts 100000
 *
 * With DATABASE_URL pointing at a database this script (or `prisma/seed.ts --seed bench`) already
 * filled, the seed is skipped, so a 1,000,000-account database is seeded once and measured many
 * times; `--first` then clears every membership first to time the first materialisation again
 * (set-based when most accounts are blank, lib/db/membership/materialise.ts; `--first-rows` times
 * the row-by-row path instead, for a before/after pair on the same database).
 * Every step evaluates as of the same moment (`--as-of`, default now): scores and "days since"
 * rules depend on the evaluation date, and a recompute on another date than the materialisation
 * rewrites most scores. (`--conditions=react-server` lets this script import the server-only
 * preview modules.)
 *
 * Previews are timed as the editor makes them: the first answer (on a big database an estimate
 * from a sample, preview-estimate.ts; else the exact one), then, after an estimate, the exact
 * answer the editor asks for next, timed from the start (when the admin sees it).
 * `--previews-only` times just the previews on an already materialised database.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { beginDerivedWrites, dropStamp } from "@/lib/db/membership/input-stamp";
import { loadPublishedScheme, loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { recomputeAll, recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeSegment, recomputeTiers } from "@/lib/db/membership/recompute-rule";
import { metricsAsOfSql, refreshMetricsIfStale } from "@/lib/db/metrics";
import { Prisma } from "@/lib/generated/prisma/client";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { previewSegmentRule } from "@/lib/data/rules/preview";
import { previewTierScheme } from "@/lib/data/rules/tier-preview";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { parseRule, type RuleGroup } from "@/lib/segmentation/schema";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import { percentile } from "./http";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    previews: { type: "string", default: "30" },
    runs: { type: "string", default: "3" },
    first: { type: "boolean", default: false },
    "first-rows": { type: "boolean", default: false },
    "previews-only": { type: "boolean", default: false },
    daily: { type: "boolean", default: false },
    "as-of": { type: "string" },
  },
});
const accounts = Number(values.accounts);
const previewRuns = Number(values.previews);
const runs = Math.max(2, Number(values.runs));
// One evaluation moment for every step (see the header).
const asOf = values["as-of"] ? new Date(`${values["as-of"]}T12:00:00Z`) : new Date();

/** The summary table: issue 14's rows, in its order. */
const table: [row: string, value: string][] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

const time = async <T>(label: string, fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  console.log(`  ${label}: ${seconds(ms)}`);
  return [result, ms];
};

const logStep = (step: string, ms: number) => console.log(`    ${step}: ${seconds(ms)}`);

const fmt = (ms: number) => `${Math.round(ms)} ms`;
const p50p95 = (times: number[]) => `p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}`;
const p95 = (times: number[]) => Math.round(percentile(times, 95));

/**
 * Segment and tier scheme previews, each as the editor makes it: the first answer, then (when
 * that was an estimate) the exact one, timed from the start. Adds their rows to the table.
 */
async function measurePreviews(tiers: TierDefinition[]) {
  const times = { segmentFirst: [] as number[], segmentExact: [] as number[], tierFirst: [] as number[], tierExact: [] as number[] };
  // The exact pass on its own (what the first answer was before estimates): the before/after pair under the same load.
  const alone = { segment: [] as number[], tier: [] as number[] };
  let estimated = 0;
  const segments = await loadPublishedSegments(db);
  for (let i = 0; i < previewRuns; i++) {
    const segment = segments[i % segments.length]!;
    let start = performance.now();
    const first = await previewSegmentRule(segment.rule, segment.id, true, null, "estimate");
    times.segmentFirst.push(performance.now() - start);
    const exactStart = performance.now();
    if (first.estimate) await previewSegmentRule(segment.rule, segment.id, true, null, "exact");
    times.segmentExact.push(performance.now() - start);
    alone.segment.push(performance.now() - (first.estimate ? exactStart : start));
    start = performance.now();
    const tierFirst = await previewTierScheme(tiers, null, "estimate");
    times.tierFirst.push(performance.now() - start);
    const tierExactStart = performance.now();
    if (tierFirst.estimate) await previewTierScheme(tiers, null, "exact");
    times.tierExact.push(performance.now() - start);
    alone.tier.push(performance.now() - (tierFirst.estimate ? tierExactStart : start));
    if (first.estimate && tierFirst.estimate) estimated++;
  }
  for (const list of [...Object.values(times), ...Object.values(alone)]) list.sort((a, b) => a - b);
  const firstIs = estimated > 0 ? `an estimate in ${estimated} of ${previewRuns} runs` : "exact";
  console.log(`  segment preview (count + sample + diff): first answer (${firstIs}) ${p50p95(times.segmentFirst)}; exact answer ${p50p95(times.segmentExact)} (the exact pass alone ${p50p95(alone.segment)})`);
  console.log(`  tier scheme preview (per-tier counts + overlap + transition matrix + samples): first answer ${p50p95(times.tierFirst)}; exact answer ${p50p95(times.tierExact)} (the exact pass alone ${p50p95(alone.tier)})`);
  table.push([`segment preview, first answer (${firstIs}; ${previewRuns} runs over ${segments.length} segments)`, p50p95(times.segmentFirst)]);
  table.push([`segment preview, exact answer (from the start)`, p50p95(times.segmentExact)]);
  table.push([`tier scheme preview, first answer (${previewRuns} runs)`, p50p95(times.tierFirst)]);
  table.push([`tier scheme preview, exact answer (from the start)`, p50p95(times.tierExact)]);
  return {
    segmentPreviewP95Ms: p95(times.segmentFirst),
    segmentPreviewExactP95Ms: p95(times.segmentExact),
    tierPreviewP95Ms: p95(times.tierFirst),
    tierPreviewExactP95Ms: p95(times.tierExact),
  };
}

const cond = (id: string, field: string, operator: string, value: unknown) => ({ kind: "condition", id, field, operator, value });
const DORMANT = "Bench: dormant";
const EXTRA_SEGMENTS: { name: string; rule: unknown }[] = [
  { name: "Bench: big spenders", rule: { kind: "group", op: "and", children: [cond("a", "avgOrderValue", "gte", 20_000)] } },
  { name: "Bench: EMEA healthcare", rule: { kind: "group", op: "and", children: [cond("a", "region", "any_of", ["EMEA"]), cond("b", "industry", "any_of", ["Healthcare"])] } },
  { name: DORMANT, rule: { kind: "group", op: "or", children: [cond("a", "daysSinceLastOrder", "gt", 365), cond("b", "orderCount", "eq", 0)] } },
  { name: "Bench: analytics stack", rule: { kind: "group", op: "and", children: [cond("a", "technologies", "in_category", ["ANALYTICS"]), cond("b", "engagementScore", "gte", 20)] } },
];

/** A benchmark rule parsed, as the app publishes it. */
function published(rule: unknown): RuleGroup {
  const parsed = parseRule(rule);
  if (!parsed.ok) throw new Error(`bench rule does not parse: ${parsed.errors[0]?.message}`);
  return parsed.rule;
}

/** Remove a benchmark segment and every trace of its members, so its first materialisation can be timed again. */
async function dropSegment(name: string): Promise<void> {
  const old = await db.segment.findFirst({ where: { name } });
  if (!old) return;
  await db.$transaction(async (tx) => {
    // Derived writes, as when the app archives a segment (recomputeSegment): no input changed.
    await beginDerivedWrites(tx);
    await tx.$executeRaw`UPDATE account_segmentation SET segment_ids = array_remove(segment_ids, ${old.id}::int) WHERE ${old.id}::int = ANY(segment_ids)`;
    await tx.$executeRaw`DELETE FROM account_segments WHERE segment_id = ${old.id}`;
    await tx.$executeRaw`DELETE FROM membership_events WHERE segment_id = ${old.id}`;
    await tx.segmentVersion.deleteMany({ where: { segmentId: old.id } });
    await tx.segment.delete({ where: { id: old.id } });
  }, LONG_TRANSACTION);
}

console.log(`Segmentation benchmark, ${accounts.toLocaleString("en-US")} accounts, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, as of ${asOf.toISOString()}, load ${load()}`);
if (values["previews-only"]) {
  // The same drafts as below: the published segments, and the tier scheme with Tier 1's threshold doubled.
  const stricter = structuredClone((await loadPublishedScheme(db))!);
  (stricter.tiers[0]!.rule.children[0] as { value: number }).value *= 2;
  const previews = await measurePreviews(stricter.tiers);
  console.log(`\n| previews at ${accounts.toLocaleString("en-US")} accounts (load ${load()} at the end) | measured |\n|---|---|`);
  for (const [row, value] of table) console.log(`| ${row} | ${value} |`);
  console.log(JSON.stringify({ bench: "segmentation-previews", accounts, ...previews, load: os.loadavg() }));
  await db.$disconnect();
  process.exit(0);
}
if ((await db.account.count()) === 0) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  const [, seedMs] = await time("seed", () => seedDatabase(pool, { accounts, seed: "bench", asOf: new Date("2026-01-15T00:00:00Z"), reset: true }));
  table.push(["seed", seconds(seedMs)]);
  await pool.end();
} else {
  console.log(`  using the ${(await db.account.count()).toLocaleString("en-US")} accounts already in the database`);
}

// The dormant segment is recreated on every run, so its first materialisation is always timed.
// Removed before the first materialisation, whose stamp then names the rules without it: its
// publish leaves the stamp naming them with it, as a publish in the app does (recompute-rule.ts).
await dropSegment(DORMANT);

let firstMs: number | null = null;
if ((await db.tierSchemeVersion.count()) === 0) {
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  [, firstMs] = await time("first materialisation (demo scheme + 6 segments + plays + scores, every account enters)", () =>
    publishDemoRules(db, { publishedById: admin?.id ?? null, asOf }),
  );
} else if (values.first || values["first-rows"]) {
  await db.$executeRaw`TRUNCATE account_segments, membership_events`;
  await db.$executeRaw`UPDATE account_segmentation SET tier_id = NULL, tier_rank = 9999, segment_ids = '{}', play_ids = '{}', whitespace = '{}',
    priority_score = 0, score_value = 0, score_fit = 0, score_engagement = 0`;
  await db.$executeRaw`VACUUM ANALYZE account_segmentation`;
  // The clearing update wrote a second entry for every row into each index: built again, the
  // indexes are as a new install's. (The materialisation rebuilds the secondary ones itself; after
  // repeated clears the primary key, grown to 53 MB beside a rebuilt 42 MB (tier_rank,
  // priority_score, account_id) index, had the planner walk that index for the republish's key
  // lookups: 188 ms instead of a few ms for 13,019 ids.)
  await db.$executeRaw`REINDEX TABLE account_segmentation`;
  [, firstMs] = await time("first materialisation (memberships cleared; every account enters)", () =>
    recomputeEverything(db, { reason: "RULE_PUBLISHED" }, { asOf, onStep: logStep, bulk: values["first-rows"] ? false : undefined }),
  );
}
table.push(["first materialisation (every account enters its tier, segments, plays, score)", firstMs === null ? "not run (--first)" : seconds(firstMs)]);

let oneSegmentMs = 0;
for (const extra of EXTRA_SEGMENTS) {
  if (await db.segment.findFirst({ where: { name: extra.name } })) continue;
  const segment = await db.segment.create({ data: { name: extra.name, kind: "MIXED", draftRule: extra.rule as object, publishedVersion: 1 } });
  await db.segmentVersion.create({ data: { segmentId: segment.id, version: 1, rule: extra.rule as object, note: "bench" } });
  const [changes, ms] = await time(`first materialisation of "${extra.name}"`, () =>
    // In a transaction, as the app publishes (lib/data/rules/segments.ts).
    // The rule as the app publishes it: parsed, so it equals the published version's.
    db.$transaction((tx) => recomputeSegment(tx, { id: segment.id, rule: published(extra.rule) }, { reason: "RULE_PUBLISHED", ruleVersion: 1 }, { asOf }), LONG_TRANSACTION),
  );
  if (extra.name === DORMANT) {
    oneSegmentMs = ms;
    table.push([`first materialisation of one new segment ("dormant", ${changes.entered.toLocaleString("en-US")} accounts enter)`, seconds(ms)]);
  }
}
// Measure the steady state autovacuum reaches a few minutes after a bulk load or a first
// materialisation, not tables full of dead row versions and unset visibility bits.
await time("vacuum", () => db.$executeRawUnsafe("VACUUM ANALYZE"));
const segmentCount = (await loadPublishedSegments(db)).length;
const fullTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  const [summary, ms] = await time(`full recompute, tier scheme + ${segmentCount} segments + plays + scores (run ${run + 1})`, () =>
    recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf, onStep: logStep }),
  );
  console.log(`    ${JSON.stringify(summary)}`);
  if (run === 0) table.push([`full recompute right after the materialisations (${JSON.stringify(summary)})`, seconds(ms)]);
  else fullTimes.push(ms);
}
const range = (times: number[]) => `${seconds(Math.min(...times))} - ${seconds(Math.max(...times))}`;
table.push([`full recompute, tiers + ${segmentCount} segments + plays + scores, nothing changes (runs 2-${runs})`, range(fullTimes)]);
// After one account is written (its name: nothing it is ranked by moves), only what it can have
// changed is recomputed (lib/db/membership/recompute-written.ts).
const pathOf = (steps: string[]) =>
  steps.includes("read scores") ? "every part ran" : steps.includes("find written accounts") ? "only what the write changed" : "nothing read";
const timedRecompute = async (label: string) => {
  const steps: string[] = [];
  const [summary, ms] = await time(label, () =>
    recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf, onStep: (step, stepMs) => (steps.push(step), logStep(step, stepMs)) }),
  );
  console.log(`    ${JSON.stringify(summary)}, ${pathOf(steps)}`);
  return { ms, path: pathOf(steps) };
};
await db.$executeRaw`UPDATE accounts SET name = name WHERE id = (SELECT min(id) FROM accounts)`;
const { ms: changedMs, path: changedPath } = await timedRecompute("full recompute after one account's name was written");
table.push([`full recompute after one account was written (its name: ${changedPath})`, seconds(changedMs)]);
// An order of 5,000 lifts the median account's lifetime value past every account valued in
// between: their value ranks move, so they are rescored too (or every account is read, when more
// than MOVED_MAX may have moved, as from the dense low end).
const [median] = await db.$queryRaw<{ id: number }[]>`SELECT id FROM accounts ORDER BY lifetime_value, id OFFSET ${Math.floor(accounts / 2)} LIMIT 1`;
await db.$executeRaw`UPDATE accounts SET lifetime_value = lifetime_value + 5000 WHERE id = ${median!.id}`;
const passed = await db.$queryRaw<{ n: number }[]>`
  SELECT count(*)::int AS n FROM accounts a, (SELECT lifetime_value AS v FROM accounts WHERE id = ${median!.id}) w
  WHERE a.lifetime_value > w.v - 5000 AND a.lifetime_value <= w.v AND a.id <> ${median!.id}`;
const { ms: valueMs, path: valuePath } = await timedRecompute("full recompute after the median account's lifetime value grew by 5,000");
table.push([
  `full recompute after the median account's lifetime value grew by 5,000 (it passed ${passed[0]!.n.toLocaleString("en-US")} accounts: ${valuePath})`,
  seconds(valueMs),
]);
await db.$executeRaw`UPDATE accounts SET lifetime_value = lifetime_value - 5000 WHERE id = ${median!.id}`;
// Every part, as on a new evaluation day (the stamp dropped); this also puts the value back.
await dropStamp(db, "full");
const { ms: everyPartMs } = await timedRecompute("full recompute with every part run (the stamp dropped)");
table.push(["full recompute with every part run (as on a new day; the stamp dropped)", seconds(everyPartMs)]);
const [, sequentialMs] = await time(`the same on one connection, in one transaction (recomputeAll)`, () =>
  db.$transaction((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }, { asOf }), LONG_TRANSACTION),
);
table.push(["the same on one connection, in one transaction (recomputeAll)", seconds(sequentialMs)]);

// A realistic republish: Tier 1 threshold raised, so accounts move and the ledger records them.
const scheme = (await loadPublishedScheme(db))!;
const stricter = structuredClone(scheme);
const first = stricter.tiers[0]!.rule.children[0] as { value: number };
first.value = first.value * 2;
// As the app publishes (lib/data/rules/tier-scheme.ts): in a transaction, the new version's row
// first (the recompute reads the scheme the stored tiers follow from the version the stamp names).
const publish = (tiers: TierDefinition[], reason: "RULE_PUBLISHED" | "RULE_RESTORED") =>
  db.$transaction(async (tx) => {
    const last = await tx.tierSchemeVersion.findFirst({ orderBy: { version: "desc" } });
    const version = (last?.version ?? 0) + 1;
    const definition = { ...(last?.definition as object), tiers } as unknown as Prisma.InputJsonValue;
    await tx.tierSchemeVersion.create({ data: { version, definition, note: "benchmark", restoredFrom: reason === "RULE_RESTORED" ? scheme.version : null } });
    return recomputeTiers(tx, { version, tiers }, { reason, ruleVersion: version }, { asOf });
  }, LONG_TRANSACTION);
const [moved, republishMs] = await time("republish tier scheme with Tier 1 threshold doubled (tiers, whitespace and plays follow)", () =>
  publish(stricter.tiers, "RULE_PUBLISHED"),
);
console.log(`    accounts moved: ${moved}`);
table.push([`republish the tier scheme (${moved.toLocaleString("en-US")} accounts move)`, seconds(republishMs)]);
const [, restoreMs] = await time("restore the published scheme", () => publish(scheme.tiers, "RULE_RESTORED"));
table.push(["restore the published tier scheme (the same accounts move back)", seconds(restoreMs)]);

const previews = await measurePreviews(stricter.tiers);

// The daily refresh as the job runs it (lib/db/refresh.ts), on the day after the latest metrics:
// the time-based metrics in chunks (refreshMetricsIfStale), then the full recompute on that new
// day (every part runs; recency moves most scores). Last, as it moves the database to that day.
let daily: { metricsMs: number; recomputeMs: number } | null = null;
if (values.daily) {
  // The day the metrics are as of is the later of a row's day and the last refresh's (metricsAsOfSql):
  // a day on which no account's metrics changed leaves no row with that day.
  const [next] = await db.$queryRaw<{ day: string }[]>`
    SELECT (GREATEST(max(${Prisma.raw(metricsAsOfSql("a"))}), ${asOf.toISOString().slice(0, 10)}::date) + 1)::text AS day FROM accounts a`;
  const nextDay = next!.day;
  const refreshDay = new Date(`${nextDay}T12:00:00Z`);
  const [, metricsMs] = await time(`daily refresh: time-based metrics as of ${nextDay} (in chunks)`, () => refreshMetricsIfStale(db, { asOf: refreshDay }));
  const [refreshSummary, recomputeMs] = await time(`daily refresh: full recompute as of ${nextDay}`, () =>
    recomputeEverything(db, { reason: "DATA_CHANGE", detail: "bench" }, { asOf: refreshDay, onStep: logStep }),
  );
  console.log(`    ${JSON.stringify(refreshSummary)}`);
  daily = { metricsMs, recomputeMs };
  table.push(["daily refresh, the next day: time-based metrics (committed in chunks of accounts)", seconds(metricsMs)]);
  table.push([`daily refresh, the next day: full recompute (${refreshSummary.scoreChanges.toLocaleString("en-US")} scores change)`, seconds(recomputeMs)]);
}

console.log(`\n| step at ${accounts.toLocaleString("en-US")} accounts (load ${load()} at the end) | measured |\n|---|---|`);
for (const [row, value] of table) console.log(`| ${row} | ${value} |`);
console.log(
  JSON.stringify({
    bench: "segmentation",
    accounts,
    asOf: asOf.toISOString(),
    firstMaterialisationMs: firstMs === null ? null : Math.round(firstMs),
    oneNewSegmentMs: Math.round(oneSegmentMs),
    fullRecomputeMs: fullTimes.map(Math.round),
    fullRecomputeAfterWriteMs: Math.round(changedMs),
    fullRecomputeAfterValueWriteMs: Math.round(valueMs),
    fullRecomputeEveryPartMs: Math.round(everyPartMs),
    sequentialRecomputeMs: Math.round(sequentialMs),
    republishTiersMs: Math.round(republishMs),
    restoreTiersMs: Math.round(restoreMs),
    dailyMetricsMs: daily && Math.round(daily.metricsMs),
    dailyRecomputeMs: daily && Math.round(daily.recomputeMs),
    ...previews,
    load: os.loadavg(),
  }),
);
await db.$disconnect();
