import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { explainAccount, type TraceView } from "@/lib/data/explain";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RuleGroup } from "@/lib/segmentation/rule";
import type { TierScheme } from "@/lib/segmentation/tier-scheme";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let repA: Actor;
let repB: Actor;
let manager: Actor;
let admin: Actor;
const ids = { big: 0, mid: 0, small: 0, other: 0 };
let crmSegmentId = 0;

const ltvAtLeast = (id: string, value: number) => ({ kind: "condition", id, field: "lifetimeValue", operator: "gte", value });
const scheme = (strategicFrom: number): TierScheme => ({
  tiers: [
    { key: "strategic", name: "Tier 1 Strategic", color: "#4f46e5", rule: { kind: "group", op: "and", children: [ltvAtLeast("t1-ltv", strategicFrom)] } as RuleGroup },
    { key: "growth", name: "Tier 2 Growth", color: "#0ea5e9", rule: { kind: "group", op: "and", children: [ltvAtLeast("t2-ltv", 100_000)] } as RuleGroup },
  ],
});

const conditions = (nodes: TraceView[]): Extract<TraceView, { kind: "condition" }>[] =>
  nodes.flatMap((n) => (n.kind === "condition" ? [n] : conditions(n.children)));

beforeAll(async () => {
  await resetDatabase();
  [repA, repB, manager, admin] = await Promise.all([
    createUser("REP", "rep-a@test.local"),
    createUser("REP", "rep-b@test.local"),
    createUser("MANAGER", "manager@test.local"),
    createUser("ADMIN", "admin@test.local"),
  ]);
  const crm = await db.technology.create({ data: { name: "Salesforce", vendor: "Salesforce", category: "CRM" } });
  const erp = await db.technology.create({ data: { name: "SAP S/4HANA", vendor: "SAP", category: "ERP" } });

  ids.big = await createAccount({ name: "Account big", ownerId: repA.id, lifetimeValue: "300000.00" });
  ids.mid = await createAccount({ name: "Account mid", ownerId: repA.id, lifetimeValue: "180000.00", hostingPreference: "ON_PREMISE" });
  ids.small = await createAccount({ name: "Account small", ownerId: repA.id, lifetimeValue: "5000.00", hostingPreference: "HYBRID" });
  ids.other = await createAccount({ name: "Account other", ownerId: repB.id, lifetimeValue: "500000.00" });
  const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
  await db.accountTechnology.createMany({
    data: [
      { accountId: ids.big, technologyId: crm.id, ...detected },
      { accountId: ids.mid, technologyId: crm.id, ...detected },
      { accountId: ids.mid, technologyId: erp.id, ...detected },
      { accountId: ids.other, technologyId: erp.id, ...detected },
    ],
  });

  // Published tier scheme v1, one published segment and an ideal profile, then materialise.
  await db.tierSchemeVersion.create({ data: { version: 1, definition: scheme(250_000) as unknown as Prisma.InputJsonValue, note: "First scheme", publishedById: admin.id } });
  const crmRule = { kind: "group", op: "and", children: [{ kind: "condition", id: "s-crm", field: "technologies", operator: "in_category", value: ["CRM"] }] };
  crmSegmentId = await publishSegment("CRM users", crmRule, { kind: "TECHNOGRAPHIC", color: "#f59e0b", note: "First", publishedById: admin.id });
  await db.scoringConfig.create({
    data: {
      id: 1,
      valueWeight: 0.5,
      fitWeight: 0.3,
      engagementWeight: 0.2,
      idealProfile: {
        kind: "group",
        op: "and",
        children: [
          { kind: "condition", id: "ip-cloud", field: "hostingPreference", operator: "any_of", value: ["CLOUD"] },
          { kind: "condition", id: "ip-crm", field: "technologies", operator: "in_category", value: ["CRM"] },
        ],
      },
    },
  });
  await recomputeAll(db, { reason: "RULE_PUBLISHED", detail: "Initial publish" });
});

afterAll(() => db.$disconnect());

describe("who may see an explanation", () => {
  test("a rep cannot explain another rep's account, nor a missing one: null for both", async () => {
    expect(await explainAccount(repA, ids.other)).toBeNull();
    expect(await explainAccount(repB, ids.mid)).toBeNull();
    expect(await explainAccount(repA, 999_999)).toBeNull();
    for (const bad of [0, -3, 1.5, Number.NaN, 2 ** 31]) expect(await explainAccount(admin, bad)).toBeNull();
  });

  test("owners, managers and admins can", async () => {
    expect((await explainAccount(repA, ids.mid))?.accountId).toBe(ids.mid);
    expect((await explainAccount(repB, ids.other))?.accountId).toBe(ids.other);
    for (const actor of [manager, admin]) expect((await explainAccount(actor, ids.other))?.accountId).toBe(ids.other);
  });
});

describe("tier explanation", () => {
  test("a Tier 2 account: the matching tier's trace, the failed Tier 1 trace and the gap with both numbers", async () => {
    const e = await explainAccount(repA, ids.mid);
    expect(e).not.toBeNull();
    const tier = e!.tier;
    expect(tier.schemeVersion).toBe(1);
    expect(tier.current?.key).toBe("growth");
    expect(tier.evaluated?.key).toBe("growth");
    expect(tier.attempts.map((a) => [a.tier.key, a.matched])).toEqual([
      ["strategic", false],
      ["growth", true],
    ]);
    const [failed] = conditions(tier.attempts[0]!.trace.children);
    expect(failed).toMatchObject({ passed: false, actual: "$180,000", description: "Lifetime value is at least $250,000" });
    const [passed] = conditions(tier.attempts[1]!.trace.children);
    expect(passed).toMatchObject({ passed: true, actual: "$180,000" });

    expect(tier.gap?.tier.key).toBe("strategic");
    expect(tier.gap?.text).toBe("Needs lifetime value ≥ $250,000; has $180,000.");
    expect(tier.gap?.tree).toMatchObject({ kind: "condition", item: { needs: "lifetime value ≥ $250,000", has: "$180,000" } });
    expect(e!.asOf).toBe(new Date().toISOString().slice(0, 10));
  });

  test("the top tier has no gap; an untiered account's gap is to the lowest tier", async () => {
    const top = await explainAccount(repA, ids.big);
    expect(top?.tier.current?.key).toBe("strategic");
    expect(top?.tier.attempts).toHaveLength(1);
    expect(top?.tier.gap).toBeNull();

    const untiered = await explainAccount(repA, ids.small);
    expect(untiered?.tier.current).toBeNull();
    expect(untiered?.tier.evaluated).toBeNull();
    expect(untiered?.tier.attempts.every((a) => !a.matched)).toBe(true);
    expect(untiered?.tier.gap?.tier.key).toBe("growth");
    expect(untiered?.tier.gap?.text).toBe("Needs lifetime value ≥ $100,000; has $5,000.");
  });
});

describe("segments and score", () => {
  test("each published segment: stored membership and the trace with actual values", async () => {
    const mid = await explainAccount(repA, ids.mid);
    expect(mid?.segments).toHaveLength(1);
    expect(mid?.segments[0]).toMatchObject({ id: crmSegmentId, name: "CRM users", member: true, matchesNow: true, version: 1, color: "#f59e0b" });
    expect(conditions(mid!.segments[0]!.trace.children)[0]).toMatchObject({ passed: true, description: "Uses any CRM technology", actual: "CRM, ERP" });
    // Member since: the stored membership's own timestamp, to the millisecond.
    const stored = await db.accountSegment.findUniqueOrThrow({ where: { segmentId_accountId: { segmentId: crmSegmentId, accountId: ids.mid } } });
    expect(mid?.segments[0]?.memberSince).toEqual(stored.since);

    const small = await explainAccount(repA, ids.small);
    expect(small?.segments[0]).toMatchObject({ member: false, matchesNow: false, memberSince: null });
    expect(conditions(small!.segments[0]!.trace.children)[0]).toMatchObject({ passed: false, actual: "none" });
  });

  test("score: the stored components, weights, points and the ideal profile criteria met", async () => {
    const e = await explainAccount(repA, ids.mid);
    const score = e!.score;
    expect(score.weights).toEqual({ value: 0.5, fit: 0.3, engagement: 0.2 });
    expect(score.components.map((c) => c.component)).toEqual(["value", "fit", "engagement"]);
    const fit = score.components.find((c) => c.component === "fit")!;
    // On-premise but uses a CRM: one of the two criteria.
    expect(fit.score).toBe(50);
    expect(fit.points).toBe(15);
    expect(score.idealProfile).toMatchObject({ met: 1, total: 2 });
    expect(score.idealProfile?.criteria.map((c) => c.passed)).toEqual([false, true]);
    const stored = await db.accountSegmentation.findUniqueOrThrow({ where: { accountId: ids.mid } });
    expect(score.priority).toBe(stored.priorityScore);
  });
});

describe("membership history", () => {
  test("the initial materialisation is in the ledger, newest first, with names and reasons", async () => {
    const e = await explainAccount(repA, ids.mid);
    const history = e!.history;
    expect(history).toHaveLength(2);
    const tierEntry = history.find((h) => h.scope === "TIER");
    expect(tierEntry).toMatchObject({ change: "ENTERED", tier: { name: "Tier 2 Growth" }, fromTier: null, reason: "RULE_PUBLISHED", reasonLabel: "Rule published", ruleVersion: 1 });
    const segmentEntry = history.find((h) => h.scope === "SEGMENT");
    expect(segmentEntry).toMatchObject({ change: "ENTERED", segment: { id: crmSegmentId, name: "CRM users" }, ruleVersion: 1 });
  });

  test("after publishing a new tier scheme the move is the newest entry, with its reason, version and note", async () => {
    const { revision } = await saveTierSchemeDraft(admin, scheme(150_000), 0);
    const published = await publishTierScheme(admin, { baseRevision: revision, note: "Lower the Strategic bar" });
    expect(published.version).toBe(2);

    const e = await explainAccount(repA, ids.mid);
    expect(e?.tier.current?.key).toBe("strategic");
    expect(e?.tier.gap).toBeNull();
    const [newest] = e!.history;
    expect(newest).toMatchObject({
      scope: "TIER",
      change: "ENTERED",
      tier: { name: "Tier 1 Strategic" },
      fromTier: { name: "Tier 2 Growth" },
      reason: "RULE_PUBLISHED",
      reasonLabel: "Rule published",
      ruleVersion: 2,
    });
    expect(newest?.detail).toContain("Lower the Strategic bar");
    const times = e!.history.map((h) => h.at.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    // Accounts the publish did not move get no new entry.
    expect((await explainAccount(repA, ids.big))?.history.filter((h) => h.scope === "TIER")).toHaveLength(1);
  });
});
