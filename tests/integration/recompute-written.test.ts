/**
 * The full recompute after a few accounts were updated (same day, same rules) recomputes only
 * what those writes can have changed (lib/db/membership/recompute-written.ts): every case is
 * checked against the existing path by dropping the stamp and reading everything again, which
 * must then find nothing left to change. Writes it cannot stand for (an insert or a delete, too
 * many accounts, an account never ranked) read everything.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { beginDerivedWrites, dropStamp } from "@/lib/db/membership/input-stamp";
import { recomputeAccounts, recomputeEverything, type RecomputeSummary } from "@/lib/db/membership/recompute-all";
import { refreshIfStale } from "@/lib/db/refresh";
import { recomputeWritten, writtenAccounts } from "@/lib/db/membership/recompute-written";
import { countPeers, type PeerCount } from "@/lib/db/membership/peer-counts";
import { loadPublishedRules } from "@/lib/db/membership/published-rules";
import { readScoreChanges, readWrittenScoreChanges, scoreChanged, writtenScoresHold } from "@/lib/db/membership/scores";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { publishAutomationGapPlay } from "../support/play-fixture";
import { resetDatabase } from "../support/reset-db";

const DAY = new Date("2026-03-02T12:00:00Z");
const NOTHING = { tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 };
const EVERYTHING = ["read scores", "read tiers and segments", "plays and whitespace"];
const WRITTEN = "find written accounts";
const INDUSTRIES_COUNTED = "count the peers of the written accounts' industries";
const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value }] });

let admin: Actor;
let playId: number;
let automation: number;
/** Software accounts by lifetime value 100,000 … 2,000,000 (five of the first six run marketing automation). */
const software: number[] = [];
/** Retail accounts, none running it. */
const retail: number[] = [];

async function recompute(): Promise<{ summary: RecomputeSummary; steps: string[] }> {
  const steps: string[] = [];
  const summary = await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: DAY, onStep: (step) => void steps.push(step) });
  return { summary, steps };
}

/** Which path ran: only the written accounts, or everything. */
function path(steps: readonly string[]): "written" | "everything" | "nothing" {
  if (steps.includes(WRITTEN) && !EVERYTHING.some((s) => steps.includes(s))) return "written";
  if (EVERYTHING.every((s) => steps.includes(s))) return "everything";
  return "nothing";
}

const byKey = <T extends { industry: string; tier_key: number }>(rows: T[]) =>
  [...rows].sort((x, y) => x.industry.localeCompare(y.industry) || x.tier_key - y.tier_key);

/**
 * Reading everything again (the stamp dropped) finds nothing the last recompute left undone, and
 * the peer counts it stored are a fresh count's.
 */
async function expectNothingLeft(): Promise<void> {
  const kept = await db.$queryRaw<PeerCount[]>`SELECT industry, tier_key, accounts, with_category FROM peer_counts`;
  expect(byKey(kept)).toEqual(byKey(await countPeers(db)));
  await dropStamp(db, "full");
  const { summary, steps } = await recompute();
  expect(path(steps)).toBe("everything");
  expect(summary).toEqual(NOTHING);
}

const stored = (accountId: number) =>
  db.accountSegmentation.findUniqueOrThrow({
    where: { accountId },
    select: { tierId: true, whitespace: true, playIds: true, scoreValue: true, priorityScore: true, rankedLifetimeValue: true },
  });

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  automation = (await db.technology.create({ data: { name: "HubSpot", vendor: "HubSpot", category: "MARKETING_AUTOMATION" } })).id;
  for (let i = 0; i < 20; i++) {
    const id = await createAccount({ name: `Soft ${i}`, lifetimeValue: 100_000 * (i + 1), potential: 50_000 * ((i * 7) % 20) });
    if (i < 6 && i !== 3) await db.accountTechnology.create({ data: { accountId: id, technologyId: automation, ...detected } });
    software.push(id);
  }
  // Two in Mid (350,000 and 450,000), seven in Top.
  const retailValues = [150_000, 350_000, 450_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000, 1_500_000, 1_600_000, 1_700_000];
  for (const [i, lifetimeValue] of retailValues.entries()) {
    retail.push(await createAccount({ name: `Shop ${i}`, industry: "Retail", lifetimeValue, potential: 30_000 * i }));
  }
  const { revision } = await saveTierSchemeDraft(
    admin,
    { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(1_000_000) }, { key: "mid", name: "Mid", color: "#0ea5e9", rule: ltvAtLeast(300_000) }] },
    0,
  );
  await publishTierScheme(admin, { baseRevision: revision, note: "Two tiers" });
  playId = await publishAutomationGapPlay(admin);
  // The first full recompute stores every account's ranked values.
  expect(path((await recompute()).steps)).toBe("everything");
  expect((await stored(software[0]!)).rankedLifetimeValue).toBe(100_000);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("after a few accounts were updated, the full recompute covers only what they changed", () => {
  test("a name change: only that account is read, and nothing changes", async () => {
    await db.account.update({ where: { id: software[4]! }, data: { name: "Renamed" } });
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(summary).toEqual(NOTHING);
    expect((await recompute()).steps.includes(WRITTEN)).toBe(false);
    await expectNothingLeft();
  });

  test("a value change moves the account's tier and the value rank of every account it passed", async () => {
    const before = await stored(software[12]!);
    // Soft 1 (200,000) jumps past Soft 2 … Soft 14 and the Retail accounts in between, into Top.
    await db.account.update({ where: { id: software[1]! }, data: { lifetimeValue: 1_450_000 } });
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(summary.tierChanges).toBe(1);
    expect(summary.scoreChanges).toBeGreaterThan(1);
    const top = await db.tier.findFirstOrThrow({ where: { key: "top", archived: false } });
    expect(await stored(software[1]!)).toMatchObject({ tierId: top.id, rankedLifetimeValue: 1_450_000 });
    // An account it passed, not written itself, ranks one place lower.
    expect((await stored(software[12]!)).scoreValue).toBeLessThan(before.scoreValue);
    const ledger = await db.membershipEvent.findMany({ where: { accountId: software[1]!, scope: "TIER" }, orderBy: { id: "desc" }, take: 1 });
    expect(ledger[0]).toMatchObject({ tierId: top.id, change: "ENTERED", reason: "DATA_CHANGE" });
    await expectNothingLeft();
  });

  test("an industry change that turns a category into its new peers' whitespace recomputes those peers too", async () => {
    // Moving three Software accounts that run marketing automation into Retail's Mid tier (two
    // accounts) makes it common there (3 of 5): the two Retail accounts, not written, gain it as
    // whitespace and enter the play.
    const movers = [software[2]!, software[4]!, software[5]!];
    await db.account.updateMany({ where: { id: { in: movers } }, data: { industry: "Retail" } });
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("written");
    // Software's groups lost them: Retail's counted total grew past its stored one, so every
    // group is counted after all.
    expect(steps).toContain("count every account's peers");
    expect(summary.playChanges).toBeGreaterThan(0);
    expect(await stored(retail[1]!)).toMatchObject({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    expect(await stored(retail[2]!)).toMatchObject({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    await expectNothingLeft();
  });

  test("a technology added, or only its detection date changed: only its account is read", async () => {
    // Marketing automation for Retail Mid's first account (4 of its 5 run it now): no longer its whitespace.
    await db.accountTechnology.create({ data: { accountId: retail[1]!, technologyId: automation, ...detected } });
    const added = await recompute();
    expect(path(added.steps)).toBe("written");
    // Only Retail's groups are counted again; Software's are kept as stored.
    expect(added.steps).toContain(INDUSTRIES_COUNTED);
    expect(added.steps).not.toContain("count every account's peers");
    expect(added.summary.playChanges).toBe(1);
    expect(await stored(retail[1]!)).toMatchObject({ whitespace: [], playIds: [] });
    await expectNothingLeft();
    // A detection date is a rule input too; the technology trigger rewrites the account's row for it.
    await db.accountTechnology.updateMany({ where: { accountId: retail[1]! }, data: { lastDetectedAt: new Date("2026-02-01") } });
    const written = await db.$queryRaw<{ snapshot: string }[]>`SELECT snapshot FROM derived_stamps WHERE name = 'full'`;
    expect(await writtenAccounts(db, written[0]!.snapshot, 10)).toEqual([retail[1]!]);
    expect(path((await recompute()).steps)).toBe("written");
    await expectNothingLeft();
  });

  test("an update that commits while the recompute runs is found by the next one", async () => {
    await db.account.update({ where: { id: retail[0]! }, data: { lifetimeValue: 2_500_000 } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    const writer = db.$transaction(async (tx) => {
      await tx.account.update({ where: { id: retail[1]! }, data: { lifetimeValue: 3_000_000 } });
      started();
      await held;
    });
    await writing;
    const first = await recompute();
    expect(path(first.steps)).toBe("written");
    release();
    await writer;
    const second = await recompute();
    expect(path(second.steps)).toBe("written");
    expect(second.summary.tierChanges).toBe(1);
    await expectNothingLeft();
  });

  test("after a recompute that found nothing to do, the stored peer counts are still built on", async () => {
    expect(path((await recompute()).steps)).toBe("nothing");
    await db.account.update({ where: { id: retail[4]! }, data: { name: "Renamed again" } });
    const { steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(steps).toContain(INDUSTRIES_COUNTED);
    expect(steps).not.toContain("count every account's peers");
    await expectNothingLeft();
  });

  test("peer counts not stored with the last recompute's snapshot are not built on: every group is counted", async () => {
    // As a recompute of given accounts' tiers leaves them: behind, with their stamp dropped.
    await db.$executeRaw`UPDATE peer_counts SET accounts = accounts + 7 WHERE industry = 'Software'`;
    await dropStamp(db, "peer_counts");
    await db.account.update({ where: { id: retail[3]! }, data: { name: "Renamed shop" } });
    const { steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(steps).toContain("count every account's peers");
    await expectNothingLeft();
  });

  test("a campaign response: only the responding account is read, and it enters the segment that asks for one", async () => {
    const responders = await publishSegment("Email responders", {
      kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "respondedChannels", operator: "has_any", value: ["EMAIL"] }],
    });
    expect((await recompute()).steps).toContain("read tiers and segments");
    await db.campaignResponse.create({ data: { accountId: retail[3]!, campaign: "Spring", channel: "EMAIL", respondedAt: new Date("2026-02-20"), outcome: "CLICKED" } });
    const stamp = await db.$queryRaw<{ snapshot: string }[]>`SELECT snapshot FROM derived_stamps WHERE name = 'full'`;
    expect(await writtenAccounts(db, stamp[0]!.snapshot, 10)).toEqual([retail[3]!]);
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(summary.segmentChanges).toBe(1);
    expect(await db.accountSegment.count({ where: { segmentId: responders, accountId: retail[3]! } })).toBe(1);
    await expectNothingLeft();
  });

  test("an inserted or a deleted account makes it read everything", async () => {
    const added = await createAccount({ name: "New one", lifetimeValue: 400_000 });
    expect(path((await recompute()).steps)).toBe("everything");
    await db.account.delete({ where: { id: added } });
    expect(path((await recompute()).steps)).toBe("everything");
    await expectNothingLeft();
  });

  test("a written account never ranked, or more written accounts than the limit, read everything", async () => {
    await db.$transaction(async (tx) => {
      await beginDerivedWrites(tx);
      await tx.$executeRaw`UPDATE account_segmentation SET ranked_lifetime_value = NULL WHERE account_id = ${software[7]!}`;
    });
    await db.account.update({ where: { id: software[7]! }, data: { lifetimeValue: 50_000 } });
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("everything");
    expect(summary.tierChanges).toBe(1);
    expect((await stored(software[7]!)).rankedLifetimeValue).toBe(50_000);

    await db.account.updateMany({ where: { id: { in: software.slice(8, 11) } }, data: { employeeCount: 900 } });
    const stamp = await db.$queryRaw<{ snapshot: string }[]>`SELECT snapshot FROM derived_stamps WHERE name = 'full'`;
    expect((await writtenAccounts(db, stamp[0]!.snapshot, 10))?.sort((x, y) => x - y)).toEqual(software.slice(8, 11));
    expect(await writtenAccounts(db, stamp[0]!.snapshot, 2)).toBeNull();
    const step = <T,>(_: string, work: () => Promise<T>) => work();
    const input = { what: { tiers: null, segments: [] }, scoring: { weights: { value: 1, fit: 1, engagement: 1 }, idealProfile: null }, because: { reason: "DATA_CHANGE" as const }, asOf: DAY, step };
    const signature = async () => (await db.$queryRaw<{ signature: string }[]>`SELECT signature FROM derived_stamps WHERE name = 'full'`)[0]!.signature;
    expect(await recomputeWritten(db, { ...input, signature, max: 2 })).toBeNull();
    expect(path((await recompute()).steps)).toBe("written");
    await expectNothingLeft();
  });

  test("accounts passed on either ranked column are rescored, and only their value part changes", async () => {
    const [a, b] = [software[15]!, software[16]!];
    await db.account.update({ where: { id: a }, data: { lifetimeValue: 1_650_000 } }); // 1,600,000: passes nobody
    await db.account.update({ where: { id: b }, data: { potential: 999_999_999 } }); // passes every account above its potential
    expect(await writtenScoresHold(db, [a, b], 1000)).toBe(true);
    const scores = await readWrittenScoreChanges(db, (await loadPublishedRules(db)).scoring, DAY, [a, b]);
    // Both written accounts store the values they are now ranked at.
    expect(scores.written.map((s) => [s.id, s.ranked?.ltv, s.ranked?.pot]).sort()).toEqual(
      [[a, 1_650_000, 50_000 * ((15 * 7) % 20)], [b, 1_700_000, 999_999_999]].sort(),
    );
    const moved = scores.moved;
    // More accounts than allowed may have moved: the caller reads everything instead.
    expect(await writtenScoresHold(db, [a, b], 2)).toBe(false);
    const oldPotential = (await db.accountSegmentation.findUniqueOrThrow({ where: { accountId: b } })).rankedPotential!;
    const passed = await db.account.findMany({ where: { potential: { gt: oldPotential }, id: { notIn: [a, b] } }, select: { id: true } });
    expect(passed.length).toBeGreaterThan(3);
    // Each passed account's value rank drops by one place (1/29 of the potential's share): all change; nobody else does.
    expect(moved.map((m) => m.id).sort((x, y) => x - y)).toEqual(passed.map((p) => p.id).sort((x, y) => x - y));
    for (const change of moved) {
      const before = await db.accountSegmentation.findUniqueOrThrow({ where: { accountId: change.id } });
      expect(change.v).toBeLessThan(before.scoreValue);
      expect([change.f, change.e]).toEqual([before.scoreFit, before.scoreEngagement]);
    }
    const { summary, steps } = await recompute();
    expect(path(steps)).toBe("written");
    expect(summary.scoreChanges).toBeGreaterThanOrEqual(passed.length);
    await expectNothingLeft();
  });

  test("a rule published while it runs: it writes nothing, and everything is read under the new rule", async () => {
    const segmentId = await publishSegment("Over 2M", ltvAtLeast(2_000_000));
    // A new segment: memberships are read (scores are not: nothing they depend on changed).
    expect((await recompute()).steps).toContain("read tiers and segments");
    const target = software[0]!;
    await db.account.update({ where: { id: target }, data: { lifetimeValue: 2_200_000 } });
    let published = false;
    const steps: string[] = [];
    await recomputeEverything(db, { reason: "DATA_CHANGE" }, {
      asOf: DAY,
      onStep: async (step) => {
        steps.push(step);
        if (published || step !== WRITTEN) return;
        published = true;
        const stricter = ltvAtLeast(5_000_000);
        await db.segmentVersion.create({ data: { segmentId, version: 2, rule: stricter as object, note: "raise the bar" } });
        // Published, its own recompute not yet run (it would also conflict with the rows written here).
        await db.segment.update({ where: { id: segmentId }, data: { publishedVersion: 2 } });
      },
    });
    expect(published).toBe(true);
    expect(path(steps)).toBe("everything");
    // Under v1 the account would have entered; nothing of that was written.
    expect(await db.accountSegment.count({ where: { segmentId, accountId: target } })).toBe(0);
    expect(await db.membershipEvent.count({ where: { segmentId, accountId: target } })).toBe(0);
    await expectNothingLeft();
  });

  test("the hourly run of the refresh job puts right the ranks a live recompute left behind", async () => {
    // The day's metrics are current: the job's run is a catch-up, not the day's refresh.
    await db.$executeRaw`INSERT INTO metrics_refresh (id, day) VALUES (1, ${"2026-03-02"}::date) ON CONFLICT (id) DO UPDATE SET day = EXCLUDED.day`;
    const mover = software[9]!;
    await db.account.update({ where: { id: mover }, data: { lifetimeValue: 1_980_000 } });
    // The live recompute scores the written account against all accounts, and no one else.
    await db.$transaction((tx) => recomputeAccounts(tx, [{ because: { reason: "DATA_CHANGE", detail: "API write" }, accountIds: [mover] }], { asOf: DAY }));
    const scoring = (await loadPublishedRules(db)).scoring;
    const drifted = (await readScoreChanges(db, scoring, DAY)).filter(scoreChanged);
    expect(drifted.length).toBeGreaterThan(0);
    expect(drifted.map((s) => s.id)).not.toContain(mover);
    expect(await refreshIfStale({ asOf: DAY })).toBe(false);
    expect((await readScoreChanges(db, scoring, DAY)).filter(scoreChanged)).toEqual([]);
    await expectNothingLeft();
  });
});
