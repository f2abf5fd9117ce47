/**
 * The SQL compiler and the in-memory evaluator must agree: over ~300 random accounts, every
 * random valid rule selects the same ids in PostgreSQL as the evaluator does over
 * loadAccountFacts. Also checks the facts loader against the generated data, compileTierCase
 * against assignTier, play audiences (compileAudience against checkAudience), and rules as of a
 * random past day (the backtest's accounts as of the day against metrics recomputed in memory).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadAccountFacts } from "@/lib/db/account-facts";
import { db } from "@/lib/db/client";
import { INDUSTRIES } from "@/lib/domain/industries";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  CampaignChannel,
  CampaignOutcome,
  DevicePreference,
  EngagementType,
  HostingPreference,
  JourneyStage,
  LoyaltyStatus,
  Region,
  TechAdoption,
  TechCategory,
  UsageRate,
} from "@/lib/generated/prisma/enums";
import { addDays, daysBetween, toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import { assignTier, evaluateRule, matchesRule } from "@/lib/segmentation/evaluate";
import type { AccountFacts, TechnologyFact } from "@/lib/segmentation/facts";
import { FIELD_LIST, staticOptions, type FieldDefinition } from "@/lib/segmentation/fields";
import { operatorsFor } from "@/lib/segmentation/operators";
import { BENEFIT_SUGGESTIONS, NON_RESPONSE_OUTCOMES } from "@/lib/segmentation/options";
import { listConditions, type RuleGroup, type RuleNode } from "@/lib/segmentation/rule";
import { parseRule } from "@/lib/segmentation/schema";
import { compileRule, compileSchemeDisagreement, compileTierCase } from "@/lib/segmentation/sql";
import { checkAudience, compileAudience, type Membership } from "@/lib/plays/audience";
import { accountsAsOf } from "@/lib/backtest/as-of";
import { metricsAsOf, type DatedEvent, type DatedOrder } from "@/lib/backtest/as-of-facts";
import type { PlayAudience } from "@/lib/plays/definition";
import { resetDatabase } from "../support/reset-db";

const ACCOUNTS = 300;
/** Rules are checked in batches, one query per batch: each rule is a boolean column. */
const RULES_PER_QUERY = 20;
const RULE_RUNS = 1_000;
const TIER_RUNS = 150;
const AS_OF = new Date("2026-03-15T22:45:00Z");
const AS_OF_DAY = toIsoDate(AS_OF);

// ---- Random data, generated once from a fixed seed --------------------------------------

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20_260_315);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (p: number) => random() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
function some<T>(items: readonly T[], max: number): T[] {
  return [...new Set(Array.from({ length: int(0, max) }, () => pick(items)))];
}
/** Money with cents, sometimes round, sometimes repeated, so equality operators have hits. */
function money(max: number): string {
  if (chance(0.15)) return pick(["0.00", "1000.00", "250000.00", "180000.10"]);
  return (int(0, max * 100) / 100).toFixed(2);
}
const day = (min: number, max: number): IsoDate => addDays(AS_OF_DAY, int(min, max));
const dateOf = (iso: IsoDate) => new Date(`${iso}T00:00:00Z`);

const NAME_WORDS = ["Acme", "Globex", "Initech", "Über", "Straße", "ÉCOLE", "İzmir", "Ωmega", "50%", "under_score", "Nordwind", "São", "Umbrella", "hooli"];
const COUNTRIES = ["Germany", "France", "United States", "Österreich", "Brasil", "Türkiye", "Japan", "ΕΛΛΆΔΑ"];
const TAGS = [...BENEFIT_SUGGESTIONS, "custom tag", "Security"];
const USERS = ["user-a", "user-b", "user-c", "user-d"];

interface Seed {
  facts: AccountFacts[];
  technologies: { id: number; category: string }[];
}

async function seed(): Promise<Seed> {
  await db.user.createMany({ data: USERS.map((id) => ({ id, email: `${id}@example.com`, name: id, passwordHash: "x" })) });
  const categories = Object.values(TechCategory);
  const technologies = Array.from({ length: 24 }, (_, i) => ({ id: i + 1, name: `Tech ${i + 1}`, vendor: "Vendor", category: categories[i % categories.length] ?? "CRM" }));
  await db.technology.createMany({ data: technologies });

  const facts: AccountFacts[] = [];
  const accountRows: Prisma.AccountCreateManyInput[] = [];
  const techRows: Prisma.AccountTechnologyCreateManyInput[] = [];
  const responseRows: Prisma.CampaignResponseCreateManyInput[] = [];

  for (let id = 1; id <= ACCOUNTS; id++) {
    const ordered = chance(0.8);
    const firstOrderAt = ordered ? day(-1500, -200) : null;
    const lastOrderAt = ordered ? (chance(0.05) ? day(1, 10) : day(-400, 0)) : null;
    const name = `${pick(NAME_WORDS)} ${pick(NAME_WORDS)} ${id}`;
    const benefits = some(TAGS, 4);
    const nullBenefits = benefits.length === 0 && chance(0.5);
    const row = {
      id,
      name,
      domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example`,
      industry: pick(INDUSTRIES),
      country: pick(COUNTRIES),
      region: pick(Object.values(Region)),
      employeeCount: chance(0.1) ? pick([10, 100, 1000]) : int(1, 50_000),
      annualRevenue: money(500_000_000),
      ownerId: chance(0.2) ? null : pick(USERS),
      potential: chance(0.3) ? "0.00" : money(2_000_000),
      loyaltyStatus: pick(Object.values(LoyaltyStatus)),
      usageRate: pick(Object.values(UsageRate)),
      journeyStage: pick(Object.values(JourneyStage)),
      benefitsSought: benefits,
      hostingPreference: pick(Object.values(HostingPreference)),
      devicePreference: pick(Object.values(DevicePreference)),
      techAdoption: pick(Object.values(TechAdoption)),
      lifetimeValue: ordered ? money(1_000_000) : "0.00",
      orderCount: ordered ? int(1, 80) : 0,
      avgOrderValue: ordered ? money(50_000) : "0.00",
      orders12m: ordered ? int(0, 20) : 0,
      firstOrderAt: firstOrderAt && dateOf(firstOrderAt),
      lastOrderAt: lastOrderAt && dateOf(lastOrderAt),
      engagement30d: int(0, 30),
      engagement90d: int(0, 90),
      engagementScore: int(0, 100),
    };
    accountRows.push(row);

    const owned: TechnologyFact[] = some(technologies, 5)
      .sort((a, b) => a.id - b.id)
      .map((tech) => {
        const first = chance(0.05) ? day(1, 30) : day(-900, 0);
        return { technologyId: tech.id, category: tech.category, firstDetectedAt: first, lastDetectedAt: addDays(first, int(0, 60)) };
      });
    for (const tech of owned) {
      techRows.push({ accountId: id, technologyId: tech.technologyId, firstDetectedAt: dateOf(tech.firstDetectedAt), lastDetectedAt: dateOf(tech.lastDetectedAt), confidence: random() });
    }
    const responses = Array.from({ length: int(0, 4) }, () => ({
      accountId: id,
      campaign: "Spring launch",
      channel: pick(Object.values(CampaignChannel)),
      respondedAt: dateOf(day(-300, 0)),
      outcome: pick(Object.values(CampaignOutcome)),
    }));
    responseRows.push(...responses);
    const responded = new Set(responses.filter((r) => !NON_RESPONSE_OUTCOMES.includes(r.outcome)).map((r) => r.channel));

    facts.push({
      id,
      name: row.name,
      domain: row.domain,
      industry: row.industry,
      country: row.country,
      region: row.region,
      employeeCount: row.employeeCount,
      annualRevenue: Number(row.annualRevenue),
      owner: row.ownerId,
      lifetimeValue: Number(row.lifetimeValue),
      orderCount: row.orderCount,
      avgOrderValue: Number(row.avgOrderValue),
      orders12m: row.orders12m,
      firstOrderAt,
      lastOrderAt,
      potential: Number(row.potential),
      loyaltyStatus: row.loyaltyStatus,
      usageRate: row.usageRate,
      engagement30d: row.engagement30d,
      engagement90d: row.engagement90d,
      engagementScore: row.engagementScore,
      journeyStage: row.journeyStage,
      benefitsSought: nullBenefits ? [] : benefits,
      respondedChannels: Object.values(CampaignChannel).filter((channel) => responded.has(channel)),
      technologies: owned,
      hostingPreference: row.hostingPreference,
      devicePreference: row.devicePreference,
      techAdoption: row.techAdoption,
    });
    if (nullBenefits) row.benefitsSought = ["__null__"];
  }

  await db.account.createMany({ data: accountRows });
  // Prisma writes lists as arrays; a NULL list (legal in the column) needs raw SQL.
  await db.$executeRaw`UPDATE accounts SET benefits_sought = NULL WHERE benefits_sought = ARRAY['__null__']`;
  await db.accountTechnology.createMany({ data: techRows });
  await db.campaignResponse.createMany({ data: responseRows });
  return { facts, technologies };
}

// ---- Random rules, with values drawn near the data's own values --------------------------

let data: Seed;
let loaded: Map<number, AccountFacts>;

function valuesOf(field: FieldDefinition): unknown[] {
  return data.facts.map((facts) => (field.key === "daysSinceLastOrder" ? (facts.lastOrderAt === null ? null : daysBetween(facts.lastOrderAt, AS_OF_DAY)) : (facts as Record<string, unknown>)[field.key]));
}

function numberArb(field: Extract<FieldDefinition, { type: "number" | "money" }>): fc.Arbitrary<number> {
  const seen = valuesOf(field).filter((v): v is number => typeof v === "number");
  const step = field.integer ? 1 : 0.01;
  return fc.oneof(
    fc.constantFrom(...seen),
    fc.tuple(fc.constantFrom(...seen), fc.constantFrom(-1, 1)).map(([v, sign]) => Math.round((v + sign * step) * 100) / 100),
    fc.integer({ min: -10, max: Math.ceil(Math.max(10, ...seen)) }),
  );
}

function dateArb(field: FieldDefinition): fc.Arbitrary<IsoDate> {
  const seen = valuesOf(field).filter((v): v is string => typeof v === "string");
  return fc.tuple(fc.constantFrom(...seen), fc.integer({ min: -1, max: 1 })).map(([iso, shift]) => addDays(iso, shift));
}

/** Day counts that hit the data's boundaries: the distance of real dates from asOf, ±1. */
function daysArb(dates: IsoDate[]): fc.Arbitrary<number> {
  const distances = dates.map((iso) => daysBetween(iso, AS_OF_DAY)).filter((d) => d >= 0);
  return fc.oneof(fc.constantFrom(...distances).chain((d) => fc.constantFrom(d, d + 1, Math.max(0, d - 1))), fc.integer({ min: 0, max: 2000 }));
}

function textArb(field: FieldDefinition, operator: string): fc.Arbitrary<string> {
  const seen = valuesOf(field).filter((v): v is string => typeof v === "string");
  const recase = (s: string, how: number) => (how === 0 ? s : how === 1 ? s.toUpperCase() : s.toLowerCase());
  return fc
    .tuple(fc.constantFrom(...seen), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 2 }))
    .map(([s, a, b]) => {
      const chars = [...s];
      if (operator === "equals") return s;
      const start = operator === "starts_with" ? 0 : a % chars.length;
      const end = Math.min(chars.length, start + 1 + (b % 8));
      return chars.slice(start, end).join("");
    })
    .chain((s) => fc.integer({ min: 0, max: 2 }).map((how) => recase(s, how)))
    .filter((s) => s.trim().length > 0);
}

function subset<T>(items: readonly T[], maxLength = 3): fc.Arbitrary<T[]> {
  return fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength });
}

function valueArb(field: FieldDefinition, operator: string): fc.Arbitrary<unknown> {
  switch (field.type) {
    case "number":
    case "money": {
      if (operator === "is_empty" || operator === "is_not_empty") return fc.constant(null);
      const n = numberArb(field);
      if (operator === "between") return fc.tuple(n, n).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
      return n;
    }
    case "date": {
      const seen = valuesOf(field).filter((v): v is string => typeof v === "string");
      if (operator === "within_last_days" || operator === "more_than_days_ago") return daysArb(seen);
      const d = dateArb(field);
      if (operator === "between") return fc.tuple(d, d).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
      return d;
    }
    case "enum":
      return subset(field.options.kind === "dynamic" ? [...USERS, "user-nobody"] : staticOptions(field).map((o) => o.value));
    case "text":
      return textArb(field, operator);
    case "tags":
      return subset(field.options ? field.options.map((o) => o.value) : [...TAGS, "unused tag"]);
    case "technology": {
      const ids = data.technologies.map((tech) => tech.id);
      if (operator === "in_category") return subset(Object.values(TechCategory));
      if (operator === "detected_within_days") {
        const firsts = data.facts.flatMap((facts) => facts.technologies.map((tech) => tech.firstDetectedAt));
        return fc.record({ days: daysArb(firsts), technologyIds: fc.option(subset(ids), { nil: undefined }) }, { requiredKeys: ["days"] });
      }
      return subset(ids);
    }
  }
}

/** Value arbitraries are built once per field and operator (they scan the data). */
const valueArbs = new Map<string, fc.Arbitrary<unknown>>();
function cachedValueArb(field: FieldDefinition, operator: string): fc.Arbitrary<unknown> {
  const key = `${field.key}:${operator}`;
  let arb = valueArbs.get(key);
  if (!arb) valueArbs.set(key, (arb = valueArb(field, operator)));
  return arb;
}

const conditionArb: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(...FIELD_LIST.flatMap((field) => operatorsFor(field.type).map((operator) => ({ field, operator: operator.key }))))
  .chain(({ field, operator }) => cachedValueArb(field, operator).map((value) => ({ kind: "condition", id: "", field: field.key, operator, value })));

function groupArb(levels: number): fc.Arbitrary<Record<string, unknown>> {
  const child = levels > 1 ? fc.oneof({ arbitrary: conditionArb, weight: 3 }, { arbitrary: groupArb(levels - 1), weight: 1 }) : conditionArb;
  return fc.record({
    kind: fc.constant("group"),
    op: fc.constantFrom("and", "or"),
    negate: fc.boolean(),
    children: fc.array(child, { minLength: 0, maxLength: 4 }),
  });
}

/** Number the conditions (ids must be unique) and validate: generated rules must be valid. */
function toRule(raw: Record<string, unknown>): RuleGroup {
  let n = 0;
  const number = (node: unknown): unknown => {
    const record = node as Record<string, unknown>;
    if (record.kind === "condition") return { ...record, id: `c${++n}` };
    return { ...record, children: (record.children as unknown[]).map(number) };
  };
  const parsed = parseRule(JSON.parse(JSON.stringify(number(raw))));
  if (!parsed.ok) throw new Error(`Generated an invalid rule: ${parsed.errors.map((e) => e.message).join("; ")}`);
  return parsed.rule;
}

const ruleArb = groupArb(4).map(toRule);

/**
 * Ids matched by each rule, from one query with a column per rule. In a select list a NULL would
 * show, so this also checks that compiled rules are never NULL (which NOT and OR rely on).
 */
async function sqlMatches(rules: readonly RuleGroup[]): Promise<number[][]> {
  const columns = rules.map((rule, i) => Prisma.sql`${compileRule(rule, AS_OF)} AS ${Prisma.raw(`m${i}`)}`);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT a.id, ${Prisma.join(columns)} FROM accounts a ORDER BY a.id`,
  );
  return rules.map((_, i) => {
    const values = rows.map((row) => row[`m${i}`]);
    expect(values.every((value) => typeof value === "boolean"), "a compiled rule evaluated to NULL").toBe(true);
    return rows.filter((row) => row[`m${i}`] === true).map((row) => Number(row.id));
  });
}

/** `traced`: use the tracing evaluator (slower: it formats every value for display). */
function evaluatorMatches(rule: RuleGroup, traced = false): number[] {
  const matches = traced ? (facts: AccountFacts) => evaluateRule(rule, facts, AS_OF).matched : (facts: AccountFacts) => matchesRule(rule, facts, AS_OF);
  return [...loaded.values()].filter(matches).map((facts) => facts.id).sort((a, b) => a - b);
}

// ---- Tests ---------------------------------------------------------------------------

beforeAll(async () => {
  await resetDatabase();
  data = await seed();
  loaded = await loadAccountFacts(db, data.facts.map((facts) => facts.id));
});

afterAll(() => db.$disconnect());

describe("loadAccountFacts", () => {
  test("returns exactly the generated accounts, with numbers, dates and derived lists", async () => {
    expect(loaded.size).toBe(ACCOUNTS);
    for (const expected of data.facts) expect(loaded.get(expected.id), `account ${expected.id}`).toEqual(expected);
    expect((await loadAccountFacts(db, [1, 1, 999_999])).size).toBe(1);
  });
});

describe("SQL compiler and evaluator agree", () => {
  test(`on ${RULE_RUNS} random rules`, async () => {
    const seen = new Set<string>();
    let selective = 0;
    let checked = 0;
    await fc.assert(
      // A batch of rules per run; a failure names the failing rule, and fast-check shrinks it.
      fc.asyncProperty(fc.array(ruleArb, { minLength: RULES_PER_QUERY, maxLength: RULES_PER_QUERY }), async (rules) => {
        const fromSql = await sqlMatches(rules);
        rules.forEach((rule, i) => {
          // Every 10th rule goes through the tracing evaluator too (it is much slower).
          expect(fromSql[i], JSON.stringify(rule)).toEqual(evaluatorMatches(rule, checked++ % 10 === 0));
          listConditions(rule).forEach(({ condition }) => seen.add(`${condition.field}:${condition.operator}`));
          const count = fromSql[i]?.length ?? 0;
          if (count > 0 && count < ACCOUNTS) selective += 1;
        });
      }),
      { numRuns: RULE_RUNS / RULES_PER_QUERY },
    );
    // The property only means something if every operator of every field was exercised and
    // rules were neither always true nor always false.
    const all = FIELD_LIST.flatMap((field) => operatorsFor(field.type).map((operator) => `${field.key}:${operator.key}`));
    expect(all.filter((combination) => !seen.has(combination))).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(RULE_RUNS);
    expect(selective).toBeGreaterThan(checked * 0.3);
  }, 120_000);

  test("every single condition selects the same accounts in both", async () => {
    // A denser check per operator: single-condition rules are where off-by-one bugs show.
    const rules = fc.sample(conditionArb, { numRuns: 600, seed: 42 }).map((condition) => toRule({ kind: "group", op: "and", children: [condition] }));
    let selective = 0;
    for (let start = 0; start < rules.length; start += 50) {
      const batch = rules.slice(start, start + 50);
      const fromSql = await sqlMatches(batch);
      batch.forEach((rule, i) => {
        expect(fromSql[i], JSON.stringify(rule.children[0])).toEqual(evaluatorMatches(rule));
        const count = fromSql[i]?.length ?? 0;
        if (count > 0 && count < ACCOUNTS) selective += 1;
      });
    }
    expect(selective).toBeGreaterThan(rules.length * 0.5);
  }, 120_000);
});

describe("compileTierCase and assignTier agree", () => {
  const SCHEMES_PER_QUERY = 5;
  const schemeArb = fc
    .array(groupArb(3).map(toRule), { minLength: 1, maxLength: 4 })
    .map((rules) => rules.map((rule, i) => ({ key: `tier-${i}`, rule })));

  test(`on ${TIER_RUNS} random tier schemes`, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(schemeArb, { minLength: SCHEMES_PER_QUERY, maxLength: SCHEMES_PER_QUERY }), async (schemes) => {
        const ids = schemes.map((tiers) => new Map(tiers.map((tier, i) => [tier.key, 100 + i])));
        const columns = schemes.map((tiers, s) => Prisma.sql`${compileTierCase(tiers, ids[s] ?? new Map(), AS_OF)} AS ${Prisma.raw(`t${s}`)}`);
        const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT a.id, ${Prisma.join(columns)} FROM accounts a ORDER BY a.id`);
        schemes.forEach((tiers, s) => {
          const fromSql = rows.map((row) => [Number(row.id), row[`t${s}`]]);
          const fromEvaluator = [...loaded.values()]
            .sort((a, b) => a.id - b.id)
            .map((facts) => {
              const key = assignTier(tiers, facts, AS_OF).tierKey;
              return [facts.id, key === null ? null : (ids[s]?.get(key) ?? -1)];
            });
          expect(fromSql, JSON.stringify(tiers)).toEqual(fromEvaluator);
          checked += 1;
        });
      }),
      { numRuns: TIER_RUNS / SCHEMES_PER_QUERY },
    );
    expect(checked).toBe(TIER_RUNS);
  }, 120_000);
});

describe("compileSchemeDisagreement covers every account two schemes place apart", () => {
  const SCHEMES = 200;
  const schemeArb = fc
    .array(groupArb(3).map(toRule), { minLength: 1, maxLength: 4 })
    .map((rules) => rules.map((rule, i) => ({ key: `tier-${i}`, rule })));
  /** The same tree with some conditions' values drawn again (same field, same operator). */
  function revalued(node: RuleNode): fc.Arbitrary<RuleNode> {
    if (node.kind === "condition") {
      const field = FIELD_LIST.find((f) => f.key === node.field)!;
      return fc.oneof(fc.constant(node), cachedValueArb(field, node.operator).map((value) => ({ ...node, value }) as RuleNode));
    }
    return fc.tuple(...node.children.map(revalued)).map((children) => ({ ...node, children }));
  }
  const pairArb = schemeArb.chain((before) =>
    fc.tuple(...before.map((tier) => revalued(tier.rule))).map((rules) => ({
      before,
      after: before.map((tier, i) => ({ key: tier.key, rule: toRule(rules[i] as unknown as Record<string, unknown>) })),
    })),
  );
  const ids = new Map(["tier-0", "tier-1", "tier-2", "tier-3"].map((key, i) => [key, 100 + i]));

  test(`on ${SCHEMES} random schemes, each against itself with some values changed`, async () => {
    let narrowed = 0;
    let apart = 0;
    let found = 0;
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ before, after }) => {
        const changed = compileSchemeDisagreement(before, after, AS_OF);
        if (!changed) return;
        narrowed += 1;
        const [row] = await db.$queryRaw<{ apart: number; outside: number; inside: number }[]>(Prisma.sql`
          SELECT count(*) FILTER (WHERE x.apart)::int AS apart, count(*) FILTER (WHERE x.apart AND NOT x.changed)::int AS outside,
                 count(*) FILTER (WHERE x.changed)::int AS inside
          FROM (SELECT ${compileTierCase(before, ids, AS_OF)} IS DISTINCT FROM ${compileTierCase(after, ids, AS_OF)} AS apart,
                       COALESCE(${changed}, FALSE) AS changed FROM accounts a) x`);
        expect(row!.outside, JSON.stringify({ before, after })).toBe(0);
        apart += row!.apart;
        if (row!.apart > 0) found += 1;
      }),
      { numRuns: SCHEMES, seed: 20_261_207 },
    );
    // Only meaningful if most pairs got a condition and many had accounts placed apart.
    expect(narrowed).toBeGreaterThan(SCHEMES * 0.3);
    expect(found).toBeGreaterThan(narrowed * 0.2);
    expect(apart).toBeGreaterThan(0);
  }, 120_000);

  test("every field and operator: one condition with its value drawn again", async () => {
    const pairs = fc.sample(
      conditionArb.chain((condition) => {
        const field = FIELD_LIST.find((f) => f.key === condition.field)!;
        return cachedValueArb(field, condition.operator as string).map((value) => [condition, { ...condition, value }] as const);
      }),
      { numRuns: 1_200, seed: 1_207 },
    );
    const covered = new Set<string>();
    let apart = 0;
    for (let start = 0; start < pairs.length; start += 100) {
      const batch = pairs
        .slice(start, start + 100)
        .map(([b, a]) => ({ b: toRule({ kind: "group", op: "and", children: [b] }), a: toRule({ kind: "group", op: "and", children: [a] }) }))
        .map(({ b, a }) => ({ b, a, changed: compileSchemeDisagreement([{ key: "tier-0", rule: b }], [{ key: "tier-0", rule: a }], AS_OF) }))
        .filter((pair) => pair.changed !== null);
      if (batch.length === 0) continue;
      const columns = batch.map(
        ({ b, a, changed }, i) =>
          Prisma.sql`count(*) FILTER (WHERE ${compileRule(b, AS_OF)} IS DISTINCT FROM ${compileRule(a, AS_OF)})::int AS ${Prisma.raw(`apart${i}`)},
            count(*) FILTER (WHERE ${compileRule(b, AS_OF)} IS DISTINCT FROM ${compileRule(a, AS_OF)} AND NOT COALESCE(${changed!}, FALSE))::int AS ${Prisma.raw(`outside${i}`)}`,
      );
      const [row] = await db.$queryRaw<Record<string, number>[]>(Prisma.sql`SELECT ${Prisma.join(columns)} FROM accounts a`);
      batch.forEach(({ b, a }, i) => {
        expect(row![`outside${i}`], JSON.stringify([b.children[0], a.children[0]])).toBe(0);
        const condition = b.children[0] as { field: string; operator: string };
        const field = FIELD_LIST.find((f) => f.key === condition.field)!;
        if (row![`apart${i}`]! > 0) {
          apart += 1;
          covered.add(`${field.sql.kind === "daysSince" ? "days since" : field.type}:${condition.operator}`);
        }
      });
    }
    // Each operator of each field kind with a condition form had pairs that placed accounts apart.
    const forms = [
      ...["eq", "neq", "lt", "lte", "gt", "gte", "between"].flatMap((op) => [`number:${op}`, `money:${op}`, `days since:${op}`]),
      ...["before", "after", "between", "within_last_days", "more_than_days_ago"].map((op) => `date:${op}`),
      "enum:any_of",
      "enum:none_of",
    ];
    expect(forms.filter((form) => !covered.has(form))).toEqual([]);
    expect(apart).toBeGreaterThan(200);
  }, 120_000);

  test("schemes that differ in more than values get no condition", () => {
    const [a, b] = fc.sample(groupArb(2).map(toRule), { numRuns: 2, seed: 7 }) as [RuleGroup, RuleGroup];
    const tier = (key: string, rule: RuleGroup) => ({ key, rule });
    const gte = (value: number): RuleGroup => toRule({ kind: "group", op: "and", children: [{ kind: "condition", field: "lifetimeValue", operator: "gte", value }] });
    const gt = (value: number): RuleGroup => toRule({ kind: "group", op: "and", children: [{ kind: "condition", field: "lifetimeValue", operator: "gt", value }] });
    const named = (value: string): RuleGroup => toRule({ kind: "group", op: "and", children: [{ kind: "condition", field: "name", operator: "contains", value }] });
    // Reordered, added or renamed tiers; another operator; a changed text condition.
    expect(compileSchemeDisagreement([tier("x", a), tier("y", b)], [tier("y", b), tier("x", a)], AS_OF)).toBeNull();
    expect(compileSchemeDisagreement([tier("x", a)], [tier("x", a), tier("y", b)], AS_OF)).toBeNull();
    expect(compileSchemeDisagreement([tier("x", a)], [tier("z", a)], AS_OF)).toBeNull();
    expect(compileSchemeDisagreement([tier("x", gte(1))], [tier("x", gt(1))], AS_OF)).toBeNull();
    expect(compileSchemeDisagreement([tier("x", named("a"))], [tier("x", named("b"))], AS_OF)).toBeNull();
    // The same rules: nobody is placed apart. A bar raised: one range of the field.
    expect(compileSchemeDisagreement([tier("x", a)], [tier("x", a)], AS_OF)?.text).toBe("FALSE");
    const raised = compileSchemeDisagreement([tier("x", gte(250_000))], [tier("x", gte(500_000))], AS_OF);
    expect(raised?.text).toBe('(a."lifetime_value" BETWEEN CAST($1 AS numeric) AND CAST($2 AS numeric))');
    expect(raised?.values).toEqual([250_000, 500_000]);
  });
});

describe("play audiences: compileAudience and checkAudience agree", () => {
  const AUDIENCE_RUNS = 300;
  const PER_QUERY = 20;
  const TIER_KEYS = ["t1", "t2", "t3"];
  const TIER_IDS = new Map(TIER_KEYS.map((key, i) => [key, 101 + i]));
  const SEGMENTS = [1, 2, 3, 4, 5];
  const CATEGORIES = Object.values(TechCategory);
  const sortedSubset = <T>(items: readonly T[], max: number) => [...some(items, max)].sort() as T[];
  // Each account's computed tier, segments and whitespace: random, fixed for the run.
  const members = new Map<number, Membership>();
  const audienceArb: fc.Arbitrary<PlayAudience> = fc.record({
    tiers: fc.uniqueArray(fc.constantFrom(...TIER_KEYS), { maxLength: 2 }),
    segmentsAll: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { maxLength: 2 }),
    segmentsAny: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { maxLength: 3 }),
    whitespace: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 2 }),
    rule: fc.oneof(fc.constant({ kind: "group", op: "and", children: [] } as RuleGroup), groupArb(3).map(toRule)),
  });

  test(`on ${AUDIENCE_RUNS} random audiences over random memberships`, async () => {
    for (const facts of loaded.values()) {
      members.set(facts.id, {
        tierKey: chance(0.2) ? null : pick(TIER_KEYS),
        segmentIds: [...new Set(some(SEGMENTS, 3))].sort((a, b) => a - b),
        whitespace: sortedSubset(CATEGORIES, 2),
      });
    }
    const ids = [...members.keys()];
    const m = ids.map((id) => members.get(id)!);
    const membership = Prisma.sql`unnest(${ids}::int[], ${m.map((x) => (x.tierKey ? (TIER_IDS.get(x.tierKey) ?? null) : null))}::int[],
      ${m.map((x) => `{${x.segmentIds.join(",")}}`)}::text[], ${m.map((x) => `{${x.whitespace.join(",")}}`)}::text[]) AS m(id, tier_id, segs, ws)`;
    const member = { tierId: Prisma.sql`m.tier_id`, segmentIds: Prisma.sql`m.segs::int[]`, whitespace: Prisma.sql`m.ws::text[]` };
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(audienceArb, { minLength: PER_QUERY, maxLength: PER_QUERY }), async (audiences) => {
        const columns = audiences.map((audience, i) => Prisma.sql`${compileAudience(audience, TIER_IDS, member, AS_OF)} AS ${Prisma.raw(`p${i}`)}`);
        const rows = await db.$queryRaw<Record<string, unknown>[]>(
          Prisma.sql`SELECT a.id, ${Prisma.join(columns)} FROM accounts a JOIN ${membership} ON m.id = a.id ORDER BY a.id`,
        );
        audiences.forEach((audience, i) => {
          const fromSql = rows.filter((row) => row[`p${i}`] === true).map((row) => Number(row.id));
          const fromEvaluator = [...loaded.values()]
            .filter((facts) => checkAudience(audience, members.get(facts.id)!, facts, AS_OF).matches)
            .map((facts) => facts.id)
            .sort((a, b) => a - b);
          expect(fromSql, JSON.stringify(audience)).toEqual(fromEvaluator);
          if (fromSql.length > 0 && fromSql.length < ACCOUNTS) selective += 1;
        });
      }),
      { numRuns: AUDIENCE_RUNS / PER_QUERY },
    );
    expect(selective).toBeGreaterThan(AUDIENCE_RUNS * 0.3);
  }, 120_000);
});

describe("as of a past day: the SQL over accountsAsOf and the evaluator over facts recomputed in memory agree", () => {
  const AS_OF_RUNS = 400;
  const PER_QUERY = 20;
  const orders = new Map<number, DatedOrder[]>();
  const events = new Map<number, DatedEvent[]>();
  const createdOn = new Map<number, IsoDate>();
  // As-of days spread over the generated history; some orders and events fall on or near them.
  let asOfDays: IsoDate[] = [];

  beforeAll(async () => {
    asOfDays = Array.from({ length: 40 }, () => day(-900, -1));
    const orderRows: Prisma.OrderCreateManyInput[] = [];
    const eventRows: Prisma.EngagementEventCreateManyInput[] = [];
    for (const facts of loaded.values()) {
      const mine: DatedOrder[] = Array.from({ length: chance(0.2) ? 0 : int(1, 8) }, () => ({ orderedAt: chance(0.1) ? pick(asOfDays) : day(-1200, 0), cents: int(100, 5_000_000) }));
      const engaged: DatedEvent[] = Array.from({ length: int(0, 12) }, () => ({ type: pick(Object.values(EngagementType)), day: chance(0.1) ? addDays(pick(asOfDays), -int(0, 90)) : day(-1000, 0) }));
      orders.set(facts.id, mine);
      events.set(facts.id, engaged);
      createdOn.set(facts.id, chance(0.15) ? day(-700, 0) : day(-1500, -900));
      orderRows.push(...mine.map((o) => ({ accountId: facts.id, orderedAt: dateOf(o.orderedAt), amount: (o.cents / 100).toFixed(2), productLine: "Platform" })));
      eventRows.push(...engaged.map((e) => ({ accountId: facts.id, type: e.type, occurredAt: new Date(`${e.day}T${String(int(0, 23)).padStart(2, "0")}:30:00Z`) })));
    }
    await db.order.createMany({ data: orderRows });
    await db.engagementEvent.createMany({ data: eventRows });
    for (const [id, created] of createdOn) await db.account.update({ where: { id }, data: { createdAt: new Date(`${created}T12:00:00Z`) } });
  });

  test(`on ${AS_OF_RUNS} random rules, each with a random as-of day`, async () => {
    let selective = 0;
    let excluded = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...asOfDays), fc.array(ruleArb, { minLength: PER_QUERY, maxLength: PER_QUERY }), async (asOfDay, rules) => {
        const when = new Date(`${asOfDay}T00:00:00Z`);
        const columns = rules.map((rule, i) => Prisma.sql`${compileRule(rule, when)} AS ${Prisma.raw(`m${i}`)}`);
        const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT a.id, ${Prisma.join(columns)} FROM (${accountsAsOf(asOfDay)}) a ORDER BY a.id`);
        // Accounts created after the day are not there; the others carry their metrics as of it.
        const then = [...loaded.values()]
          .filter((facts) => (createdOn.get(facts.id) ?? "") <= asOfDay)
          .sort((a, b) => a.id - b.id)
          .map((facts): AccountFacts => ({ ...facts, ...metricsAsOf(orders.get(facts.id) ?? [], events.get(facts.id) ?? [], asOfDay) }));
        excluded += ACCOUNTS - then.length;
        expect(rows.map((row) => Number(row.id))).toEqual(then.map((facts) => facts.id));
        rules.forEach((rule, i) => {
          const fromSql = rows.filter((row) => row[`m${i}`] === true).map((row) => Number(row.id));
          expect(fromSql, `${asOfDay}: ${JSON.stringify(rule)}`).toEqual(then.filter((facts) => matchesRule(rule, facts, when)).map((facts) => facts.id));
          if (fromSql.length > 0 && fromSql.length < then.length) selective += 1;
        });
      }),
      { numRuns: AS_OF_RUNS / PER_QUERY },
    );
    expect(excluded).toBeGreaterThan(0);
    // Rule values are drawn near today's metrics, so fewer split the accounts as of a past day.
    expect(selective).toBeGreaterThan(AS_OF_RUNS * 0.2);
  }, 120_000);

  test("the as-of metrics themselves match the in-memory recomputation", async () => {
    for (const asOfDay of asOfDays.slice(0, 8)) {
      const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT a.id, a.lifetime_value::float8 AS "lifetimeValue", a.order_count AS "orderCount",
        a.avg_order_value::float8 AS "avgOrderValue", a.orders_12m AS "orders12m", a.first_order_at::text AS "firstOrderAt", a.last_order_at::text AS "lastOrderAt",
        a.engagement_30d AS "engagement30d", a.engagement_90d AS "engagement90d", a.engagement_score AS "engagementScore" FROM (${accountsAsOf(asOfDay)}) a ORDER BY a.id`);
      for (const row of rows) {
        const id = Number(row.id);
        expect({ ...row, id: undefined }, `account ${id} as of ${asOfDay}`).toEqual({ id: undefined, ...metricsAsOf(orders.get(id) ?? [], events.get(id) ?? [], asOfDay) });
      }
    }
  }, 120_000);
});
