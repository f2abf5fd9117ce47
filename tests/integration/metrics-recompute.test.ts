import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { METRICS_REFRESH_LOCK_KEY, daysSinceLastOrderSql, metricsAsOfSql, recomputeAccountMetrics, refreshMetricsIfStale } from "@/lib/db/metrics";
import type { EngagementType } from "@/lib/generated/prisma/enums";
import { createAccount } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

/**
 * Hand-computed fixtures against a fixed reference day. Decay factors used below:
 * 0.5^(0/30) = 1, 0.5^(30/30) = 0.5, 0.5^(60/30) = 0.25, 0.5^(29/30) ≈ 0.5117, 0.5^(89/30) ≈ 0.1280.
 */
const AS_OF = new Date("2026-03-15T00:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const at = (iso: string) => new Date(`${iso}Z`);

let pool: pg.Pool;
const ids: Record<"whale" | "halfCent" | "empty" | "busy" | "other", number> = { whale: 0, halfCent: 0, empty: 0, busy: 0, other: 0 };

async function addOrders(accountId: number, orders: [string, string][]) {
  await db.order.createMany({
    data: orders.map(([date, amount]) => ({ accountId, orderedAt: day(date), amount, productLine: "Platform Subscription" })),
  });
}

async function addEvents(accountId: number, events: [EngagementType, string][]) {
  await db.engagementEvent.createMany({ data: events.map(([type, when]) => ({ accountId, type, occurredAt: at(when) })) });
}

/** An account's metrics as the account page reads them: as of the later of its row's day and the last refresh. */
async function metricsOf(id: number) {
  const a = await db.account.findUniqueOrThrow({ where: { id } });
  const [read] = await db.$queryRawUnsafe<{ days: number | null; asOf: Date | null }[]>(
    `SELECT ${daysSinceLastOrderSql("a")} AS days, ${metricsAsOfSql("a")} AS "asOf" FROM accounts a WHERE a.id = $1`,
    id,
  );
  return {
    lifetimeValue: a.lifetimeValue.toFixed(2),
    orderCount: a.orderCount,
    avgOrderValue: a.avgOrderValue.toFixed(2),
    orders12m: a.orders12m,
    firstOrderAt: a.firstOrderAt?.toISOString().slice(0, 10) ?? null,
    lastOrderAt: a.lastOrderAt?.toISOString().slice(0, 10) ?? null,
    daysSinceLastOrder: read!.days,
    engagement30d: a.engagement30d,
    engagement90d: a.engagement90d,
    engagementScore: a.engagementScore,
    metricsAsOf: read!.asOf?.toISOString().slice(0, 10) ?? null,
  };
}

beforeAll(async () => {
  await resetDatabase();
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  ids.whale = await createAccount({ name: "Whale" });
  ids.halfCent = await createAccount({ name: "HalfCent" });
  ids.empty = await createAccount({ name: "Empty" });
  ids.busy = await createAccount({ name: "Busy" });
  ids.other = await createAccount({ name: "Other" });

  await addOrders(ids.whale, [
    ["2026-03-15", "100.00"], // on asOf: 0 days ago
    ["2025-03-16", "200.50"], // 12 months minus a day: inside orders_12m
    ["2025-03-15", "300.25"], // exactly 12 months: outside
  ]);
  await addEvents(ids.whale, [
    ["MEETING", "2026-03-15T09:00:00"], // day 0: 10 × 1 = 10, in 30d
    ["EMAIL_OPEN", "2026-02-14T23:59:59"], // day 29: last day of the 30-day window, 1 × 0.5117
    ["EVENT", "2026-02-13T15:00:00"], // day 30: outside 30d, inside 90d, 8 × 0.5 = 4
    ["WEBINAR", "2026-01-14T12:00:00"], // day 60: 6 × 0.25 = 1.5
    ["WEB_VISIT", "2025-12-16T00:00:00"], // day 89: last day of the 90-day window, 1 × 0.1280
    ["EMAIL_CLICK", "2025-12-15T23:59:59"], // day 90: outside every window
    ["MEETING", "2026-03-16T10:00:00"], // after asOf: not counted
  ]);
  // 0.01 + 0.02 = 0.03 over 2 orders = 0.015: rounds half away from zero to 0.02.
  await addOrders(ids.halfCent, [
    ["2025-12-15", "0.01"],
    ["2026-01-14", "0.02"],
  ]);
  await addEvents(
    ids.busy,
    Array.from({ length: 12 }, (_, i): [EngagementType, string] => ["MEETING", `2026-03-1${i % 5}T0${i % 9}:00:00`]),
  );
  await addOrders(ids.other, [["2026-03-01", "50.00"]]);
});

afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

describe("recomputeAccountMetrics", () => {
  test("scoped to accountIds (through a pg pool), other accounts stay untouched", async () => {
    const updated = await recomputeAccountMetrics(pool, { accountIds: [ids.whale, ids.halfCent, ids.empty, ids.busy], asOf: AS_OF });
    expect(updated).toBe(4);
    expect(await metricsOf(ids.other)).toMatchObject({ lifetimeValue: "0.00", orderCount: 0, lastOrderAt: null, metricsAsOf: null });
  });

  test("order metrics: lifetime value, count, average, 12-month boundary, recency", async () => {
    expect(await metricsOf(ids.whale)).toMatchObject({
      lifetimeValue: "600.75",
      orderCount: 3,
      avgOrderValue: "200.25",
      orders12m: 2,
      firstOrderAt: "2025-03-15",
      lastOrderAt: "2026-03-15",
      daysSinceLastOrder: 0,
      metricsAsOf: "2026-03-15",
    });
    expect(await metricsOf(ids.halfCent)).toMatchObject({
      lifetimeValue: "0.03",
      orderCount: 2,
      avgOrderValue: "0.02",
      orders12m: 2,
      firstOrderAt: "2025-12-15",
      lastOrderAt: "2026-01-14",
      daysSinceLastOrder: 60,
    });
  });

  test("an account without orders or events gets zeros and NULL recency", async () => {
    expect(await metricsOf(ids.empty)).toEqual({
      lifetimeValue: "0.00",
      orderCount: 0,
      avgOrderValue: "0.00",
      orders12m: 0,
      firstOrderAt: null,
      lastOrderAt: null,
      daysSinceLastOrder: null,
      engagement30d: 0,
      engagement90d: 0,
      engagementScore: 0,
      metricsAsOf: "2026-03-15",
    });
  });

  test("engagement windows are inclusive of day 29 / day 89 and exclude later events", async () => {
    // 10 + 0.5117 + 4 + 1.5 + 0.1280 = 16.14 → 16
    expect(await metricsOf(ids.whale)).toMatchObject({ engagement30d: 2, engagement90d: 5, engagementScore: 16 });
    // Twelve meetings in the last five days are worth well over 100 points: capped.
    expect(await metricsOf(ids.busy)).toMatchObject({ engagement30d: 12, engagement90d: 12, engagementScore: 100 });
  });

  test("a full recompute (through Prisma) covers every account; repeating it rewrites nothing", async () => {
    expect(await recomputeAccountMetrics(db, { asOf: AS_OF })).toBe(1);
    expect(await metricsOf(ids.other)).toMatchObject({ lifetimeValue: "50.00", orderCount: 1, daysSinceLastOrder: 14 });
    expect(await recomputeAccountMetrics(db, { asOf: AS_OF })).toBe(0);
  });

  test("time moves the windows: a day later the open leaves the 30 days and the visit the 90 days", async () => {
    await recomputeAccountMetrics(db, { accountIds: [ids.whale], asOf: day("2026-03-16") });
    // Meetings on day 0 and day 1, the open on day 30 (0.5), the event on day 31, the webinar on day 61:
    // 10 + 10 × 0.9772 + 0.5 + 8 × 0.4886 + 6 × 0.2443 = 10 + 9.772 + 0.5 + 3.909 + 1.466 = 25.65 → 26
    expect(await metricsOf(ids.whale)).toMatchObject({ engagement30d: 2, engagement90d: 5, engagementScore: 26, daysSinceLastOrder: 1 });
  });

  test("rejects non-integer ids and does nothing for an empty list", async () => {
    await expect(recomputeAccountMetrics(db, { accountIds: [1.5] })).rejects.toThrow(/integers/);
    expect(await recomputeAccountMetrics(db, { accountIds: [] })).toBe(0);
  });
});

describe("refreshMetricsIfStale", () => {
  test("recomputes only when metrics predate the day, and only one caller at a time", async () => {
    await recomputeAccountMetrics(db, { asOf: AS_OF });
    expect(await refreshMetricsIfStale(db, { asOf: AS_OF })).toBe(false);

    // Another instance holds the refresh lock: this one skips instead of waiting.
    const other = await pool.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock($1)", [METRICS_REFRESH_LOCK_KEY]);
      expect(await refreshMetricsIfStale(db, { asOf: day("2026-03-16") })).toBe(false);
    } finally {
      await other.query("ROLLBACK");
      other.release();
    }

    expect(await refreshMetricsIfStale(db, { asOf: day("2026-03-16") })).toBe(true);
    expect((await metricsOf(ids.other)).metricsAsOf).toBe("2026-03-16");
    expect(await refreshMetricsIfStale(db, { asOf: day("2026-03-16") })).toBe(false);
  });

  test("committed in chunks of account ids, it leaves every account as one statement over all would", async () => {
    const accounts = await db.account.count();
    expect(accounts).toBeGreaterThan(2);
    // Chunks of 2 ids: every account is in some chunk, none twice, the last one partial.
    expect(await refreshMetricsIfStale(db, { asOf: day("2026-04-20"), chunk: 2 })).toBe(true);
    expect(await recomputeAccountMetrics(db, { asOf: day("2026-04-20") })).toBe(0);
    for (const id of Object.values(ids)) expect((await metricsOf(id)).metricsAsOf).toBe("2026-04-20");
    // The windows moved: a month on, the whale's March events are older than 30 days.
    expect(await metricsOf(ids.whale)).toMatchObject({ daysSinceLastOrder: 36, engagement30d: 0 });
  });

  test("the refresh rewrites only accounts whose metrics change with the day", async () => {
    // A day on: the empty account's metrics stay as they were, so its row keeps its day.
    expect(await refreshMetricsIfStale(db, { asOf: day("2026-04-21") })).toBe(true);
    const empty = await db.account.findUniqueOrThrow({ where: { id: ids.empty } });
    expect(empty.metricsAsOf?.toISOString().slice(0, 10)).not.toBe("2026-04-21");
    expect(await metricsOf(ids.empty)).toMatchObject({ metricsAsOf: "2026-04-21", orderCount: 0 });
    expect(await metricsOf(ids.whale)).toMatchObject({ daysSinceLastOrder: 37, metricsAsOf: "2026-04-21" });
  });
});
