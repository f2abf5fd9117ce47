/**
 * Live recompute (lib/live): an order written with its accounts marked pending moves the account
 * to Tier 1, into the segment and the play, with ledger reason DATA_CHANGE and the write's detail,
 * then the live-scores job rescores it; no other account's row is rewritten; the scoped score
 * equals the full pass's; a drain that fails leaves the accounts pending.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as membershipChanges } from "@/app/api/v1/membership-changes/route";
import { POST as postOrders } from "@/app/api/v1/orders/batch/route";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { loadScoring } from "@/lib/db/membership/published-rules";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { readScopedScoreChanges, readScoreChanges, scoreChanged } from "@/lib/db/membership/scores";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { drainPendingRecomputes } from "@/lib/live/drain";
import { countPending, countPendingScores, recordPending } from "@/lib/live/pending";
import { drainPendingScores } from "@/lib/live/scores";
import { EMPTY_AUDIENCE } from "@/lib/plays/definition";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { apiGet, apiKey, apiPost, resetApiTables } from "../support/api-calls";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const DETAIL = "API write by key CRM sync (tw_live)";
const ltvAtLeast = (id: string, value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id, field: "lifetimeValue", operator: "gte", value }] });

let admin: Actor;
let tier1: number;
let segmentId: number;
let playId: number;
/** name -> account id */
const ids: Record<string, number> = {};

/** An order, and the account marked pending, in one transaction (what an API write does). */
async function writeOrder(accountId: number, amount: number, detail = DETAIL): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { accountId, orderedAt: new Date("2026-01-10T00:00:00Z"), amount, productLine: "Core" } });
    await recordPending(tx, [accountId], detail);
  });
}

/** Every account's stored row versions (xmin changes iff the row is rewritten). */
async function rowVersions(): Promise<Map<number, string>> {
  const rows = await db.$queryRaw<{ id: number; v: string }[]>`
    SELECT a.id, a.xmin::text || '/' || r.xmin::text AS v FROM accounts a JOIN account_segmentation r ON r.account_id = a.id`;
  return new Map(rows.map((r) => [r.id, r.v]));
}

const stateOf = (accountId: number) =>
  db.accountSegmentation.findUniqueOrThrow({ where: { accountId }, select: { tierId: true, segmentIds: true, playIds: true, priorityScore: true, scoreValue: true } });

beforeAll(async () => {
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  await db.$executeRaw`TRUNCATE pending_recomputes`;
  admin = await createUser("ADMIN", "admin@live.test");
  // Lifetime values from orders (ties and an account without orders included), potentials with ties.
  const accounts: [string, number[], number][] = [
    ["target", [40_000, 20_000], 300_000],
    ["big", [150_000], 300_000],
    ["tieA", [20_000], 50_000],
    ["tieB", [20_000], 80_000],
    ["small", [1_000], 10_000],
    ["none", [], 0],
    ["mid", [70_000], 120_000],
    ["viaApi", [80_000], 90_000],
  ];
  for (const [name, orders, potential] of accounts) {
    const id = await createAccount({ name, potential });
    ids[name] = id;
    for (const amount of orders) {
      await db.order.create({ data: { accountId: id, orderedAt: new Date("2025-11-01T00:00:00Z"), amount, productLine: "Core" } });
    }
  }
  await recomputeAccountMetrics(db);
  const scheme = {
    tiers: [
      { key: "tier1", name: "Tier 1", color: "#4f46e5", rule: ltvAtLeast("t1", 100_000) },
      { key: "tier2", name: "Tier 2", color: "#0ea5e9", rule: ltvAtLeast("t2", 10_000) },
    ],
  };
  const { revision } = await saveTierSchemeDraft(admin, scheme, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "Live test scheme" });
  segmentId = await publishSegment("Six figures", ltvAtLeast("s", 100_000));
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
  playId = (await createPlay(admin, {
    name: "Tier 1 check-in", goal: "Keep the top accounts", kind: "RETENTION", audience: { ...EMPTY_AUDIENCE, tiers: ["tier1"] },
    pitch: "Hello {{name}}", talkingPoints: [], channel: "BEST", priority: 50, startsOn: null, endsOn: null,
  })).id;
  await publishPlay(admin, playId, { baseRevision: 0, note: "Launch" });
  tier1 = (await db.tier.findUniqueOrThrow({ where: { key: "tier1" } })).id;
});

afterAll(async () => {
  await db.$executeRaw`DROP TRIGGER IF EXISTS live_test_fail ON membership_events`;
});

describe("scoped scores", () => {
  test("equal what the full pass computes, for every account and for one", async () => {
    const scoring = await loadScoring(db);
    const asOf = new Date("2026-01-15T00:00:00Z");
    // Stored scores no account has: both reads then return every account they cover.
    await db.$executeRaw`UPDATE account_segmentation SET priority_score = -1`;
    const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((x, y) => x.id - y.id);
    const full = byId(await readScoreChanges(db, scoring, asOf));
    const scoped = byId(await readScopedScoreChanges(db, scoring, asOf, Object.values(ids)));
    expect(full).toHaveLength(Object.keys(ids).length);
    // The full read also says the values an account was ranked at where they changed (here none:
    // the last full pass stored them).
    const scores = full.map((s) => ({ id: s.id, v: s.v, f: s.f, e: s.e, total: s.total }));
    expect(full).toEqual(scores);
    expect(scoped).toEqual(scores);
    // Ranks really differ between accounts (the comparison is not trivially all zeros).
    expect(new Set(full.map((s) => s.v)).size).toBeGreaterThan(3);
    expect(await readScopedScoreChanges(db, scoring, asOf, [ids.tieB!])).toEqual(scores.filter((s) => s.id === ids.tieB));
    await recomputeAll(db, { reason: "DATA_CHANGE" });
  });
});

describe("drainPendingRecomputes", () => {
  test("an order that lifts lifetime value over Tier 1's threshold moves only that account", async () => {
    const before = await stateOf(ids.target!);
    expect(before.tierId).not.toBe(tier1);
    expect(before.playIds).toEqual([]);
    await writeOrder(ids.target!, 50_000);
    expect(await countPending(db, [ids.target!])).toBe(1);
    const versions = await rowVersions();

    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = 'live-scores'`;
    expect(await drainPendingRecomputes()).toEqual({ accounts: 1 });

    const moved = await stateOf(ids.target!);
    expect(moved.tierId).toBe(tier1);
    expect(moved.segmentIds).toEqual([segmentId]);
    expect(moved.playIds).toEqual([playId]);
    // The membership change is committed; the score follows in its own queued job.
    expect(moved.scoreValue).toBe(before.scoreValue);
    expect(await countPendingScores(db)).toBe(1);
    // One job, due a moment later so that the drains of that window share its scans.
    const scoreJobs = await db.$queryRaw<{ later: boolean }[]>`SELECT run_at > now() AS later FROM graphile_worker._private_jobs WHERE key = 'live-scores'`;
    expect(scoreJobs).toEqual([{ later: true }]);
    expect(await drainPendingScores()).toEqual({ accounts: 1 });
    expect(await countPendingScores(db)).toBe(0);

    const after = await stateOf(ids.target!);
    expect(after.scoreValue).toBeGreaterThan(before.scoreValue);
    expect(await db.accountSegment.count({ where: { accountId: ids.target!, segmentId } })).toBe(1);
    const account = await db.account.findUniqueOrThrow({ where: { id: ids.target! } });
    expect(Number(account.lifetimeValue)).toBe(110_000);
    const events = await db.membershipEvent.findMany({ where: { accountId: ids.target!, reason: "DATA_CHANGE" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.scope, e.change, e.tierId ?? e.segmentId ?? e.playId, e.detail])).toEqual([
      ["TIER", "ENTERED", tier1, DETAIL],
      ["SEGMENT", "ENTERED", segmentId, DETAIL],
      ["PLAY", "ENTERED", playId, DETAIL],
    ]);
    // Only the written account's rows were rewritten.
    const now = await rowVersions();
    for (const [id, version] of versions) {
      if (id === ids.target) expect(now.get(id)).not.toBe(version);
      else expect(now.get(id), `account ${id}`).toBe(version);
    }
    expect(await countPending(db)).toBe(0);
    // The full pass finds nothing to change for it: the scoped score is the full score.
    // (It would store the value the account is now ranked at, which only a pass over every account does.)
    const full = (await readScoreChanges(db, await loadScoring(db), new Date())).filter(scoreChanged);
    expect(full.find((s) => s.id === ids.target)).toBeUndefined();
    // ...while the accounts it overtook would move on the next full recompute (their ranks drift until then).
    expect(full.some((s) => s.id === ids.mid)).toBe(true);
  });

  test("a drain that fails leaves the accounts pending; the retry recomputes them", async () => {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION live_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger unavailable'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER live_test_fail BEFORE INSERT ON membership_events FOR EACH STATEMENT EXECUTE FUNCTION live_test_fail()`);
    await writeOrder(ids.mid!, 40_000, "API write by key ERP");
    await writeOrder(ids.small!, 5, "API write by key ERP");
    await expect(drainPendingRecomputes()).rejects.toThrow(/ledger unavailable/);
    expect(await countPending(db, [ids.mid!, ids.small!])).toBe(2);
    expect((await stateOf(ids.mid!)).tierId).not.toBe(tier1);
    expect(Number((await db.account.findUniqueOrThrow({ where: { id: ids.mid! } })).lifetimeValue)).toBe(70_000);

    await db.$executeRawUnsafe(`DROP TRIGGER live_test_fail ON membership_events`);
    expect(await drainPendingRecomputes()).toEqual({ accounts: 2 });
    expect((await stateOf(ids.mid!)).tierId).toBe(tier1);
    expect(await countPending(db)).toBe(0);
    const entered = await db.membershipEvent.findFirstOrThrow({ where: { accountId: ids.mid!, scope: "TIER", change: "ENTERED", tierId: tier1 } });
    expect(entered).toMatchObject({ reason: "DATA_CHANGE", detail: "API write by key ERP" });
  });

  test("concurrent drains take every pending account exactly once", async () => {
    const amounts = [10, 20, 30];
    for (const amount of amounts) await writeOrder(ids.none!, amount);
    await writeOrder(ids.tieA!, 5);
    const results = await Promise.all([drainPendingRecomputes(), drainPendingRecomputes(), drainPendingRecomputes()]);
    expect(results.reduce((n, r) => n + r.accounts, 0)).toBe(2);
    expect(await countPending(db)).toBe(0);
    expect(Number((await db.account.findUniqueOrThrow({ where: { id: ids.none! } })).lifetimeValue)).toBe(60);
  });
});

describe("through the API", () => {
  test("POST /api/v1/orders/batch marks the account and queues one job; the drain moves it to Tier 1, visible in the feed", async () => {
    const key = await apiKey(["accounts:write", "segments:read"], "CRM sync");
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = 'live-recompute'`;
    const jobs = () => db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = 'live-recompute'`;
    const item = (amount: number) => ({ accountId: ids.viaApi!, orderedAt: "2026-01-12", amount, productLine: "Core" });
    for (const amount of [15_000, 10_000]) {
      const answer = await apiPost<{ accountIds: number[] }>(postOrders, key, "/api/v1/orders/batch", { items: [item(amount)] });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.accountIds).toEqual([ids.viaApi]);
    }
    expect(await countPending(db, [ids.viaApi!])).toBe(2);
    // Deduplicated: one queued job for both writes.
    expect((await jobs())[0]?.n).toBe(1);
    expect((await stateOf(ids.viaApi!)).tierId).not.toBe(tier1);

    expect(await drainPendingRecomputes()).toEqual({ accounts: 1 });
    expect((await stateOf(ids.viaApi!)).tierId).toBe(tier1);
    const feed = await apiGet<{ data: { scope: string; change: string; reason: string; detail: string | null; account: { id: number }; tier: { key: string } | null }[] }>(
      membershipChanges,
      key,
      "/api/v1/membership-changes?limit=100",
    );
    expect(feed.status).toBe(200);
    const mine = feed.body.data.filter((c) => c.account.id === ids.viaApi && c.reason === "DATA_CHANGE");
    expect(mine.map((c) => [c.scope, c.change, c.detail])).toEqual([
      ["TIER", "ENTERED", "API write by key CRM sync"],
      ["SEGMENT", "ENTERED", "API write by key CRM sync"],
      ["PLAY", "ENTERED", "API write by key CRM sync"],
    ]);
    expect(mine[0]?.tier?.key).toBe("tier1");
  });
});
