/**
 * /admin/plays' figures (lib/data/plays/effectiveness.ts) against hand counts: accounts worked,
 * outcomes by kind, win rate (won / won + lost + not a fit), won amount, the period's bounds
 * (both days included, UTC), the breakdown by the tier and segments snapshotted on each outcome,
 * archived plays left out, and who may read them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { createPlay } from "@/lib/data/plays/editor";
import { getPlayEffectiveness } from "@/lib/data/plays/effectiveness";
import type { PlayOutcomeKind } from "@/lib/generated/prisma/enums";
import { EMPTY_AUDIENCE, type PlayDefinition } from "@/lib/plays/definition";
import type { BreakdownRow } from "@/lib/plays/effectiveness";
import type { PlaysPeriod } from "@/lib/validation/plays-period";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let admin: Actor;
let manager: Actor;
let rep: Actor;
const acc: Record<string, number> = {};
const tier: Record<string, number> = {};
const seg: Record<string, number> = {};
const play: Record<string, number> = {};

const NOVEMBER: PlaysPeriod = { from: "2026-11-01", to: "2026-11-30", days: 30, preset: null };

const definition = (name: string): PlayDefinition => ({
  name,
  goal: "Test goal",
  kind: "UPSELL",
  audience: { ...EMPTY_AUDIENCE, tiers: ["t1"] },
  pitch: "Hello {{name}}",
  talkingPoints: [],
  channel: "EMAIL",
  priority: 50,
  startsOn: null,
  endsOn: null,
});

async function outcome(playKey: string, account: string, kind: PlayOutcomeKind, at: string, snapshot: { tier: string | null; segments: string[] }, amount?: number) {
  await db.playOutcome.create({
    data: {
      playId: play[playKey]!,
      accountId: acc[account]!,
      playVersion: 1,
      userId: rep.id,
      kind,
      amount: amount ?? null,
      reason: kind === "LOST" || kind === "NOT_A_FIT" ? "Test reason" : null,
      snoozeUntil: kind === "SNOOZED" ? new Date("2027-01-15") : null,
      tierId: snapshot.tier ? tier[snapshot.tier]! : null,
      segmentIds: snapshot.segments.map((s) => seg[s]!),
      at: new Date(at),
    },
  });
}

beforeAll(async () => {
  await resetDatabase();
  [admin, manager, rep] = await Promise.all([createUser("ADMIN", "admin@test.local"), createUser("MANAGER", "manager@test.local"), createUser("REP", "rep@test.local")]);
  for (const key of ["a1", "a2", "a3", "a4", "a5"]) acc[key] = await createAccount({ name: key, ownerId: rep.id });
  tier.t1 = (await db.tier.create({ data: { key: "t1", name: "Tier 1", color: "#4f46e5", position: 1 } })).id;
  tier.t2 = (await db.tier.create({ data: { key: "t2", name: "Tier 2", color: "#0ea5e9", position: 2 } })).id;
  tier.old = (await db.tier.create({ data: { key: "old", name: "Old tier", color: "#999999", position: 0, archived: true } })).id;
  // Only the names count here (the breakdown's labels): outcomes carry their segment snapshot.
  seg.cloud = await publishSegment("Cloud", {});
  seg.crm = await publishSegment("CRM users", {});
  for (const key of ["x", "y", "z", "gone"]) play[key] = (await createPlay(admin, definition(`Play ${key}`))).id;
  await db.play.update({ where: { id: play.gone! }, data: { archived: true } });

  // Play x: five accounts, seven outcomes in November, two just outside it.
  await outcome("x", "a1", "CONTACTED", "2026-11-01T00:00:00.000Z", { tier: "t1", segments: ["cloud"] });
  await outcome("x", "a1", "MEETING_BOOKED", "2026-11-10T09:00:00Z", { tier: "t1", segments: ["cloud"] });
  await outcome("x", "a1", "WON", "2026-11-20T15:30:00Z", { tier: "t1", segments: ["cloud", "crm"] }, 5000.5);
  await outcome("x", "a2", "LOST", "2026-11-30T23:59:59.999Z", { tier: "t2", segments: ["crm"] });
  await outcome("x", "a3", "NOT_A_FIT", "2026-11-15T12:00:00Z", { tier: null, segments: [] });
  await outcome("x", "a4", "WON", "2026-11-16T08:00:00Z", { tier: "t2", segments: ["crm"] }, 1200);
  await outcome("x", "a5", "SNOOZED", "2026-11-17T08:00:00Z", { tier: "t1", segments: [] });
  await outcome("x", "a2", "WON", "2026-10-31T23:59:59.999Z", { tier: "t2", segments: [] }, 999);
  await outcome("x", "a3", "WON", "2026-12-01T00:00:00.000Z", { tier: null, segments: [] }, 777);
  // Play y: contacts only (nothing closed), one from a tier archived since.
  await outcome("y", "a1", "CONTACTED", "2026-11-05T10:00:00Z", { tier: "t1", segments: [] });
  await outcome("y", "a2", "CONTACTED", "2026-11-06T10:00:00Z", { tier: "t2", segments: [] });
  await outcome("y", "a3", "CONTACTED", "2026-11-07T10:00:00Z", { tier: "old", segments: [] });
  // An archived play's outcomes count nowhere.
  await outcome("gone", "a1", "WON", "2026-11-08T10:00:00Z", { tier: "t1", segments: [] }, 100_000);
});

afterAll(() => db.$disconnect());

const pick = (rows: BreakdownRow[]) => rows.map((r) => ({ label: r.label, accounts: r.accountsWorked, outcomes: r.totalOutcomes, winRate: r.winRate, won: r.wonAmount }));

describe("a play's figures over the period", () => {
  test("accounts worked, outcomes by kind, win rate and won amount; both end days included, the days around them not", async () => {
    const report = await getPlayEffectiveness(admin, NOVEMBER);
    const x = report.plays.get(play.x!)!.figures;
    expect(x.accountsWorked).toBe(5);
    expect(x.outcomes).toEqual({ CONTACTED: 1, MEETING_BOOKED: 1, WON: 2, LOST: 1, NOT_A_FIT: 1, SNOOZED: 1 });
    expect(x.totalOutcomes).toBe(7);
    expect(x.closed).toBe(4);
    expect(x.winRate).toBe(0.5);
    expect(x.wonAmount).toBeCloseTo(6200.5, 2);
  });

  test("nothing closed: no win rate (null, shown as a dash), not 0%", async () => {
    const report = await getPlayEffectiveness(admin, NOVEMBER);
    const y = report.plays.get(play.y!)!.figures;
    expect(y).toMatchObject({ accountsWorked: 3, totalOutcomes: 3, closed: 0, winRate: null, wonAmount: 0 });
  });

  test("a play without outcomes is there with zeros; an archived play is not", async () => {
    const report = await getPlayEffectiveness(admin, NOVEMBER);
    expect(report.plays.get(play.z!)).toMatchObject({ figures: { accountsWorked: 0, totalOutcomes: 0, winRate: null, wonAmount: 0 }, byTier: [], bySegment: [] });
    expect(report.plays.has(play.gone!)).toBe(false);
    expect([...report.plays.keys()].sort()).toEqual([play.x, play.y, play.z].sort());
  });

  test("totals: every live play together, an account worked in two plays counted once", async () => {
    const { totals } = await getPlayEffectiveness(admin, NOVEMBER);
    expect(totals).toMatchObject({ accountsWorked: 5, totalOutcomes: 10, closed: 4, winRate: 0.5 });
    expect(totals.wonAmount).toBeCloseTo(6200.5, 2);
  });

  test("a shorter period counts only its days", async () => {
    const report = await getPlayEffectiveness(admin, { from: "2026-11-16", to: "2026-11-20", days: 5, preset: null });
    const x = report.plays.get(play.x!)!.figures;
    expect(x).toMatchObject({ accountsWorked: 3, totalOutcomes: 3, closed: 2, winRate: 1 });
    expect(x.wonAmount).toBeCloseTo(6200.5, 2);
    expect(report.plays.get(play.y!)!.figures.totalOutcomes).toBe(0);
    const october = await getPlayEffectiveness(admin, { from: "2026-10-31", to: "2026-10-31", days: 1, preset: null });
    expect(october.plays.get(play.x!)!.figures).toMatchObject({ accountsWorked: 1, totalOutcomes: 1, wonAmount: 999 });
  });
});

describe("breakdown by the tier and segments the account had when the outcome was recorded", () => {
  test("by tier: tiers in order, archived ones after, Untiered last", async () => {
    const report = await getPlayEffectiveness(admin, NOVEMBER);
    expect(pick(report.plays.get(play.x!)!.byTier)).toEqual([
      { label: "Tier 1", accounts: 2, outcomes: 4, winRate: 1, won: 5000.5 },
      { label: "Tier 2", accounts: 2, outcomes: 2, winRate: 0.5, won: 1200 },
      { label: "Untiered", accounts: 1, outcomes: 1, winRate: 0, won: 0 },
    ]);
    expect(report.plays.get(play.x!)!.byTier[0]!.outcomes).toMatchObject({ CONTACTED: 1, MEETING_BOOKED: 1, WON: 1, SNOOZED: 1 });
    expect(pick(report.plays.get(play.y!)!.byTier).map((r) => r.label)).toEqual(["Tier 1", "Tier 2", "Old tier (archived)"]);
  });

  test("by segment: an outcome counts in each of its segments, most outcomes first, 'In no segment' last", async () => {
    const report = await getPlayEffectiveness(admin, NOVEMBER);
    expect(pick(report.plays.get(play.x!)!.bySegment)).toEqual([
      { label: "Cloud", accounts: 1, outcomes: 3, winRate: 1, won: 5000.5 },
      { label: "CRM users", accounts: 3, outcomes: 3, winRate: 2 / 3, won: 6200.5 },
      { label: "In no segment", accounts: 2, outcomes: 2, winRate: 0, won: 0 },
    ]);
  });
});

describe("who may read it", () => {
  test("a manager sees exactly what an admin sees", async () => {
    expect(await getPlayEffectiveness(manager, NOVEMBER)).toEqual(await getPlayEffectiveness(admin, NOVEMBER));
  });

  test("a rep is refused (FORBIDDEN) in the data layer", async () => {
    await expect(getPlayEffectiveness(rep, NOVEMBER)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
