/**
 * The backtest and the suggested thresholds against hand-computed fixtures: metrics recomputed
 * as of a past day from dated orders and events, the exact horizon revenue per tier for the draft
 * and the published scheme, accounts created after the day left out, and the threshold cuts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accountsAsOf } from "@/lib/backtest/as-of";
import { backtestSegment, backtestTiers } from "@/lib/backtest/run";
import { backtestTierSchemeDraft, suggestThresholdsFor } from "@/lib/data/backtest";
import { db } from "@/lib/db/client";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import type { EngagementType } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/auth/session";
import { parseRule } from "@/lib/segmentation/schema";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const AS_OF = "2025-06-30";
const OPTIONS = { asOf: AS_OF, horizonMonths: 6 }; // horizon: 2025-07-01 .. 2025-12-30
const TODAY = new Date("2026-06-01T00:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function rule(children: object[]): RuleGroup {
  const parsed = parseRule({ kind: "group", op: "and", children: children.map((c, i) => ({ kind: "condition", id: `c${i + 1}`, ...c })) });
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return parsed.rule;
}

const DRAFT = [
  { key: "strategic", name: "Strategic", color: "#4f46e5", rule: rule([{ field: "lifetimeValue", operator: "gte", value: 100_000 }, { field: "engagement30d", operator: "gte", value: 1 }]) },
  { key: "growth", name: "Growth", color: "#0ea5e9", rule: rule([{ field: "orders12m", operator: "gte", value: 1 }]) },
];
const PUBLISHED = [{ key: "customers", name: "Customers", color: "#16a34a", rule: rule([{ field: "orderCount", operator: "gte", value: 1 }]) }];

let admin: SessionUser;
const ids = { big: 0, mid: 0, lapsed: 0, prospect: 0, newcomer: 0 };

async function orders(accountId: number, list: [string, string][]) {
  await db.order.createMany({ data: list.map(([date, amount]) => ({ accountId, orderedAt: day(date), amount, productLine: "Platform Subscription" })) });
}
async function events(accountId: number, list: [EngagementType, string][]) {
  await db.engagementEvent.createMany({ data: list.map(([type, when]) => ({ accountId, type, occurredAt: new Date(`${when}Z`) })) });
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  const repA = await createUser("REP", "a@test.local");
  const repB = await createUser("REP", "b@test.local");
  const created = day("2024-01-01");
  ids.big = await createAccount({ name: "Big", createdAt: created, ownerId: repA.id });
  ids.mid = await createAccount({ name: "Mid", createdAt: created, ownerId: repA.id });
  ids.lapsed = await createAccount({ name: "Lapsed", createdAt: created, ownerId: repB.id });
  ids.prospect = await createAccount({ name: "Prospect", createdAt: created, ownerId: repB.id });
  ids.newcomer = await createAccount({ name: "Newcomer", createdAt: day("2025-09-01"), ownerId: repB.id });

  // On the as-of day counts; the day after is the horizon's first; 2025-12-30 its last.
  await orders(ids.big, [["2024-07-01", "100000.00"], ["2025-06-30", "50000.00"], ["2025-08-01", "80000.00"], ["2026-02-01", "999.00"]]);
  await orders(ids.mid, [["2025-01-15", "20000.00"], ["2025-12-30", "10000.00"]]);
  await orders(ids.lapsed, [["2024-02-01", "5000.00"]]);
  await orders(ids.prospect, [["2025-07-01", "3000.00"]]);
  await orders(ids.newcomer, [["2025-10-01", "70000.00"]]);
  // Big: a meeting on the day (10 points) and one after it (not counted). Mid: a click 30 days
  // before (outside 30 days, inside 90: 3 x 0.5 = 1.5 -> 2 points).
  await events(ids.big, [["MEETING", "2025-06-30T10:00:00"], ["MEETING", "2025-07-15T10:00:00"]]);
  await events(ids.mid, [["EMAIL_CLICK", "2025-05-31T10:00:00"]]);
  await db.tierSchemeVersion.create({ data: { version: 1, definition: { tiers: PUBLISHED } as object, note: "v1", publishedById: admin.id } });
});

afterAll(() => db.$disconnect());

describe("accounts as of a past day", () => {
  test("metrics recomputed from the orders and events up to the day; later accounts left out", async () => {
    const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT a.id, a.lifetime_value::text AS ltv, a.order_count, a.avg_order_value::text AS aov,
      a.orders_12m, a.first_order_at::text AS first_at, a.last_order_at::text AS last_at, a.engagement_30d, a.engagement_90d, a.engagement_score
      FROM (${accountsAsOf(AS_OF)}) a ORDER BY a.id`;
    const by = new Map(rows.map((r) => [Number(r.id), r]));
    expect(by.has(ids.newcomer)).toBe(false);
    expect(by.get(ids.big)).toMatchObject({ ltv: "150000.00", order_count: 2, aov: "75000.00", orders_12m: 2, first_at: "2024-07-01", last_at: "2025-06-30", engagement_30d: 1, engagement_90d: 1, engagement_score: 10 });
    expect(by.get(ids.mid)).toMatchObject({ ltv: "20000.00", order_count: 1, orders_12m: 1, last_at: "2025-01-15", engagement_30d: 0, engagement_90d: 1, engagement_score: 2 });
    expect(by.get(ids.lapsed)).toMatchObject({ ltv: "5000.00", order_count: 1, orders_12m: 0 });
    expect(by.get(ids.prospect)).toMatchObject({ ltv: "0", order_count: 0, first_at: null, engagement_score: 0 });
  });
});

describe("backtest of a tier scheme", () => {
  test("exact per-tier horizon revenue for the draft and the published scheme", async () => {
    const result = await backtestTiers(db, DRAFT, { version: 1, tiers: PUBLISHED }, OPTIONS, TODAY);
    expect(result).toMatchObject({ asOf: AS_OF, horizonEnd: "2025-12-30", truncated: false, accounts: 4, createdAfter: 1 });
    expect(result.average.revenuePerAccount).toBe(23_250); // 93,000 over 4 accounts
    const pick = (t: { key: string; accounts: number; revenue: number; ordered: number; silent: number }) => [t.key, t.accounts, t.revenue, t.ordered, t.silent];
    expect(result.draft.map(pick)).toEqual([
      ["strategic", 1, 80_000, 1, 0],
      ["growth", 1, 10_000, 1, 0],
      ["untiered", 2, 3_000, 1, 1],
    ]);
    expect(result.published?.map(pick)).toEqual([
      ["customers", 3, 90_000, 2, 1],
      ["untiered", 1, 3_000, 1, 0],
    ]);
    expect(result.draft[0]?.lift).toBeCloseTo(80_000 / 23_250, 10);
    expect(result.published?.[0]?.lift).toBeCloseTo(30_000 / 23_250, 10);
    expect(result.draft[2]?.silentShare).toBe(0.5);
    expect(result.verdict).toBe("Strategic accounts bought 3.4x more per account than average; the draft separates tiers better than the published scheme: lift 3.4x vs 1.3x.");
    expect(result.fields.pointInTime).toContain("Lifetime value");
    expect(result.fields.pointInTime).toContain("Days since last order");
    expect(result.fields.today).toEqual(expect.arrayContaining(["Industry", "Technologies", "Loyalty status", "Campaign response channels"]));
  });

  test("a horizon past today is cut at today", async () => {
    const result = await backtestTiers(db, DRAFT, null, { asOf: "2026-03-01", horizonMonths: 6 }, TODAY);
    expect(result).toMatchObject({ horizonEnd: "2026-06-01", truncated: true, accounts: 5, createdAfter: 0, published: null });
    expect(result.draft.reduce((sum, t) => sum + t.revenue, 0)).toBe(0);
  });

  test("the data layer reads the published scheme and refuses a rep", async () => {
    const result = await backtestTierSchemeDraft(admin, { tiers: DRAFT }, OPTIONS);
    expect(result.publishedVersion).toBe(1);
    await expect(backtestTierSchemeDraft({ id: "r", role: "REP" }, { tiers: DRAFT }, OPTIONS)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("backtest of a segment", () => {
  test("members against non-members", async () => {
    const result = await backtestSegment(db, rule([{ field: "engagement90d", operator: "gte", value: 1 }]), OPTIONS, TODAY);
    expect([result.members.accounts, result.members.revenue, result.others.accounts, result.others.revenue]).toEqual([2, 90_000, 2, 3_000]);
    expect(result.verdict).toBe("Members bought 1.9x more per account than average (non-members 0.1x).");
  });
});

describe("suggested thresholds", () => {
  beforeAll(async () => {
    await recomputeAccountMetrics(db, { asOf: TODAY }); // today: 230,999 / 30,000 / 5,000 / 3,000 / 70,000
  });

  test("percentiles, Pareto and capacity cuts over every account", async () => {
    const d = await suggestThresholdsFor(admin, [], { field: "lifetimeValue", direction: "high", perRep: 1 });
    expect([d.population, d.withValue, d.reps, d.min, d.max]).toEqual([5, 5, 2, 3_000, 230_999]);
    // p95 of 3,000 / 5,000 / 30,000 / 70,000 / 230,999 = 70,000 + 0.8 x 160,999 = 198,799.2 -> 199,000.
    expect(d.suggestions.map((s) => [s.key, s.value])).toEqual([
      ["top-5%", 199_000],
      ["top-20%", 103_000],
      // 80% of 338,999 is reached by the two largest accounts; 1 per rep x 2 reps = 2 accounts.
      ["pareto", 70_000],
      ["capacity", 70_000],
    ]);
    expect(d.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(5);
  });

  test("only the accounts that reach the tier: an earlier tier's accounts are left out", async () => {
    const d = await suggestThresholdsFor(admin, [rule([{ field: "lifetimeValue", operator: "gte", value: 100_000 }])], { field: "daysSinceLastOrder", direction: "low", perRep: 25 });
    expect(d.population).toBe(4);
    expect(d.capacity).toBeNull(); // 25 per rep holds every account
    expect(d.suggestions.every((s) => Number.isInteger(s.value))).toBe(true);
  });
});
