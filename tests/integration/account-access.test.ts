import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { getAccountDetail } from "@/lib/data/account-detail";
import { listAccounts } from "@/lib/data/accounts";
import type { Role } from "@/lib/generated/prisma/enums";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser, type AccountFixture } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const DAY_MS = 86_400_000;
const now = new Date();
/** The first of the month `back` months before this one, midnight UTC (orders are dates). */
const monthDay = (back: number, day: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, day));
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);

let repA: Actor;
let repB: Actor;
let manager: Actor;
let admin: Actor;
let aMain: number;
let aSecond: number;
let bOnly: number;

const user = (key: string, role: Role): Promise<Actor> => createUser(role, `${key}@test.local`, key);

/** The shared account fixture with the columns this test's assertions read (German, EMEA, $12.5M). */
const account = async (key: string, ownerId: string, extra: AccountFixture = {}) => ({
  id: await createAccount({
    name: `Account ${key}`,
    domain: `${key}.example`,
    country: "Germany",
    region: "EMEA",
    annualRevenue: "12500000.00",
    devicePreference: "MIXED",
    ownerId,
    ...extra,
  }),
});

const query = (params: Record<string, string> = {}) => loadAccountQuery(new URLSearchParams(params));

beforeAll(async () => {
  await resetDatabase();
  [repA, repB, manager, admin] = await Promise.all([
    user("rep-a", "REP"),
    user("rep-b", "REP"),
    user("manager", "MANAGER"),
    user("admin", "ADMIN"),
  ]);
  const tier = await db.tier.create({ data: { key: "t1", name: "Tier 1 Strategic", color: "#4f46e5", position: 1 } });

  const main = await account("a-main", repA.id, {
    benefitsSought: ["integration", "security"],
    potential: "75000.50",
    // Derived columns, set as the metrics job would.
    lifetimeValue: "6500.75",
    orderCount: 24,
    avgOrderValue: "270.86",
    orders12m: 23,
    firstOrderAt: monthDay(40, 10),
    lastOrderAt: monthDay(0, 1),
    // Metrics as of the 4th: three days since the last order.
    metricsAsOf: monthDay(0, 4),
    engagement30d: 2,
    engagement90d: 3,
    engagementScore: 41,
  });
  // Materialised tier and score, set as a recompute would.
  await db.accountSegmentation.update({
    where: { accountId: main.id },
    data: { tierId: tier.id, tierRank: 1, priorityScore: 72.5, scoreValue: 80, scoreFit: 65, scoreEngagement: 60 },
  });
  aMain = main.id;
  aSecond = (await account("a-second", repA.id)).id;
  bOnly = (await account("b-only", repB.id)).id;

  // Orders: two this month, one last month, twenty ten months ago, one outside the 36-month window.
  await db.order.createMany({
    data: [
      { accountId: aMain, orderedAt: monthDay(40, 10), amount: "5000.00", productLine: "Legacy" },
      ...Array.from({ length: 20 }, (_, i) => ({
        accountId: aMain,
        orderedAt: monthDay(10, i + 1),
        amount: "10.00",
        productLine: "Add-ons",
      })),
      { accountId: aMain, orderedAt: monthDay(1, 15), amount: "1000.00", productLine: "Platform" },
      { accountId: aMain, orderedAt: monthDay(0, 1), amount: "100.50", productLine: "Core" },
      { accountId: aMain, orderedAt: monthDay(0, 1), amount: "200.25", productLine: "Services" },
      { accountId: bOnly, orderedAt: monthDay(0, 1), amount: "999.00", productLine: "Core" },
    ],
  });

  await db.engagementEvent.createMany({
    data: [
      { accountId: aMain, type: "WEB_VISIT", occurredAt: daysAgo(2), detail: "Pricing page" },
      { accountId: aMain, type: "MEETING", occurredAt: daysAgo(10), detail: "Quarterly review" },
      { accountId: aMain, type: "WEB_VISIT", occurredAt: daysAgo(45) },
      { accountId: aMain, type: "WEBINAR", occurredAt: daysAgo(120), detail: "Outside the window" },
      { accountId: bOnly, type: "MEETING", occurredAt: daysAgo(1) },
    ],
  });

  const [crmB, crmA, erp] = await Promise.all([
    db.technology.create({ data: { name: "Zeta CRM", vendor: "Zeta", category: "CRM" } }),
    db.technology.create({ data: { name: "Alpha CRM", vendor: "Alpha", category: "CRM" } }),
    db.technology.create({ data: { name: "Big ERP", vendor: "BigCo", category: "ERP" } }),
  ]);
  await db.accountTechnology.createMany({
    data: [
      { accountId: aMain, technologyId: erp.id, firstDetectedAt: monthDay(20, 1), lastDetectedAt: monthDay(0, 1), confidence: 0.9 },
      { accountId: aMain, technologyId: crmB.id, firstDetectedAt: monthDay(12, 1), lastDetectedAt: monthDay(1, 1), confidence: 0.55 },
      { accountId: aMain, technologyId: crmA.id, firstDetectedAt: monthDay(6, 1), lastDetectedAt: monthDay(0, 1), confidence: 0.8 },
    ],
  });

  await db.campaignResponse.createMany({
    data: [
      { accountId: aMain, campaign: "Spring launch", channel: "EMAIL", respondedAt: monthDay(5, 3), outcome: "CLICKED" },
      { accountId: aMain, campaign: "Summit", channel: "EVENT", respondedAt: monthDay(1, 3), outcome: "MEETING_BOOKED" },
    ],
  });
});

afterAll(() => db.$disconnect());

describe("who can read an account", () => {
  test("a rep cannot read another rep's account: null, exactly like a missing one", async () => {
    expect(await getAccountDetail(repA, bOnly)).toBeNull();
    expect(await getAccountDetail(repB, aMain)).toBeNull();
    expect(await getAccountDetail(repA, 999_999)).toBeNull();
  });

  test("a rep reads their own accounts", async () => {
    expect((await getAccountDetail(repA, aMain))?.firmographics.name).toBe("Account a-main");
    expect((await getAccountDetail(repA, aSecond))?.id).toBe(aSecond);
    expect((await getAccountDetail(repB, bOnly))?.id).toBe(bOnly);
  });

  test.each([
    ["manager", () => manager],
    ["admin", () => admin],
  ])("a %s reads every account", async (_role, actor) => {
    for (const id of [aMain, aSecond, bOnly]) expect((await getAccountDetail(actor(), id))?.id).toBe(id);
  });

  test("ids that cannot be account ids are refused without a query error", async () => {
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31, Number.MAX_SAFE_INTEGER + 2]) {
      expect(await getAccountDetail(admin, id)).toBeNull();
    }
  });
});

describe("who sees an account in the list", () => {
  const ids = (page: Awaited<ReturnType<typeof listAccounts>>) => page.rows.map((r) => r.id).sort((x, y) => x - y);

  test("a rep's list holds only their own accounts", async () => {
    const page = await listAccounts(repA, query());
    expect(ids(page)).toEqual([aMain, aSecond].sort((x, y) => x - y));
    expect(page.total).toBe(2);
    expect(page.rows.every((r) => r.owner?.id === repA.id)).toBe(true);
    expect(ids(await listAccounts(repB, loadAccountQuery({})))).toEqual([bOnly]);
  });

  test("naming another rep as owner does not widen a rep's list", async () => {
    const onlyB = await listAccounts(repA, query({ owner: repB.id }));
    expect(onlyB.rows).toEqual([]);
    expect(onlyB.total).toBe(0);

    const both = await listAccounts(repA, query({ owner: `${repA.id},${repB.id},unassigned` }));
    expect(ids(both)).toEqual([aMain, aSecond].sort((x, y) => x - y));
  });

  test("a search for another rep's account finds nothing for a rep", async () => {
    expect((await listAccounts(repA, query({ q: "b-only" }))).total).toBe(0);
    expect((await listAccounts(manager, query({ q: "b-only" }))).total).toBe(1);
  });

  test("managers and admins list every account, and can filter by owner", async () => {
    for (const actor of [manager, admin]) {
      expect(ids(await listAccounts(actor, query()))).toEqual([aMain, aSecond, bOnly].sort((x, y) => x - y));
      expect(ids(await listAccounts(actor, query({ owner: repB.id })))).toEqual([bOnly]);
    }
  });
});

describe("getAccountDetail's numbers", () => {
  test("firmographics, value metrics and score come back as plain numbers", async () => {
    const d = await getAccountDetail(repA, aMain);
    expect(d).not.toBeNull();
    if (!d) return;
    expect(d.firmographics).toEqual({
      name: "Account a-main",
      domain: "a-main.example",
      industry: "Software",
      country: "Germany",
      region: "EMEA",
      employeeCount: 250,
      annualRevenue: 12_500_000,
    });
    expect(d.owner).toEqual({ id: repA.id, name: "rep-a", email: "rep-a@test.local" });
    expect(d.value).toEqual({
      lifetimeValue: 6500.75,
      orderCount: 24,
      avgOrderValue: 270.86,
      orders12m: 23,
      firstOrderAt: monthDay(40, 10),
      lastOrderAt: monthDay(0, 1),
      daysSinceLastOrder: 3,
      potential: 75000.5,
      loyaltyStatus: "REPEAT",
    });
    expect(d.behaviour).toMatchObject({ benefitsSought: ["integration", "security"], engagement30d: 2, engagement90d: 3, engagementScore: 41 });
    expect(d.tier).toEqual({ key: "t1", name: "Tier 1 Strategic", color: "#4f46e5" });
    // No scoring configuration saved: the schema's default weights.
    expect(d.score).toEqual({ priority: 72.5, value: 80, fit: 65, engagement: 60, weights: { value: 0.5, fit: 0.3, engagement: 0.2 } });
  });

  test("orders by month cover 36 months with zeros, and the 20 most recent orders", async () => {
    const d = await getAccountDetail(manager, aMain);
    if (!d) throw new Error("expected the account");
    const months = d.orders.byMonth;
    expect(months).toHaveLength(36);
    expect(months[0]?.month).toEqual(monthDay(35, 1));
    expect(months[35]).toEqual({ month: monthDay(0, 1), total: 300.75, count: 2 });
    expect(months[34]).toEqual({ month: monthDay(1, 1), total: 1000, count: 1 });
    expect(months[25]).toEqual({ month: monthDay(10, 1), total: 200, count: 20 });
    // The order 40 months ago and the other account's order are not in the window.
    expect(months.reduce((s, m) => s + m.total, 0)).toBeCloseTo(1500.75, 2);
    expect(months.reduce((s, m) => s + m.count, 0)).toBe(23);
    expect(months.filter((m) => m.count > 0)).toHaveLength(3);

    const recent = d.orders.recent;
    expect(recent).toHaveLength(20);
    expect(recent.slice(0, 3).map((o) => [o.amount, o.productLine])).toEqual([
      [200.25, "Services"],
      [100.5, "Core"],
      [1000, "Platform"],
    ]);
    expect(recent[3]?.orderedAt).toEqual(monthDay(10, 20));
    expect(recent.every((o, i) => i === 0 || o.orderedAt.getTime() <= recent[i - 1]!.orderedAt.getTime())).toBe(true);
  });

  test("engagement of the last 90 days, newest first, with counts by type", async () => {
    const d = await getAccountDetail(repA, aMain);
    if (!d) throw new Error("expected the account");
    expect(d.engagement.events.map((e) => [e.type, e.detail])).toEqual([
      ["WEB_VISIT", "Pricing page"],
      ["MEETING", "Quarterly review"],
      ["WEB_VISIT", null],
    ]);
    // Timestamps to the millisecond, whatever the server's time zone.
    const stored = await db.engagementEvent.findMany({ where: { accountId: aMain, detail: { in: ["Pricing page", "Quarterly review"] } }, orderBy: { occurredAt: "desc" } });
    expect(d.engagement.events.slice(0, 2).map((e) => e.occurredAt)).toEqual(stored.map((e) => e.occurredAt));
    expect(d.engagement.countsByType).toEqual({ WEB_VISIT: 2, EMAIL_OPEN: 0, EMAIL_CLICK: 0, MEETING: 1, WEBINAR: 0, EVENT: 0 });
    expect(d.engagement.windowDays).toBe(90);
  });

  test("technologies grouped by category in catalogue order, names sorted", async () => {
    const d = await getAccountDetail(repA, aMain);
    if (!d) throw new Error("expected the account");
    expect(d.technologies.map((g) => [g.category, g.technologies.map((t) => t.name)])).toEqual([
      ["CRM", ["Alpha CRM", "Zeta CRM"]],
      ["ERP", ["Big ERP"]],
    ]);
    expect(d.technologies[0]?.technologies[0]).toMatchObject({
      vendor: "Alpha",
      firstDetectedAt: monthDay(6, 1),
      lastDetectedAt: monthDay(0, 1),
      confidence: 0.8,
    });
  });

  test("campaign responses newest first; an account without history has empty sections", async () => {
    const d = await getAccountDetail(repA, aMain);
    expect(d?.campaigns.map((c) => [c.campaign, c.channel, c.outcome])).toEqual([
      ["Summit", "EVENT", "MEETING_BOOKED"],
      ["Spring launch", "EMAIL", "CLICKED"],
    ]);
    expect(d?.campaigns[0]?.respondedAt).toEqual(monthDay(1, 3));

    const empty = await getAccountDetail(repA, aSecond);
    expect(empty?.orders.recent).toEqual([]);
    expect(empty?.orders.byMonth.every((m) => m.total === 0 && m.count === 0)).toBe(true);
    expect(empty?.engagement.events).toEqual([]);
    expect(empty?.technologies).toEqual([]);
    expect(empty?.campaigns).toEqual([]);
    expect(empty?.tier).toBeNull();
    expect(empty?.value.firstOrderAt).toBeNull();
  });
});
