/**
 * A tier republish recomputes whitespace and plays only for the moved accounts and the peer
 * groups whose common categories changed, moving the stored peer counts by the moved accounts
 * (lib/db/membership/peer-counts.ts). What it leaves stored must be what a recompute of every
 * account from freshly counted groups computes, including for accounts that did not move but
 * whose group changed; stale counts (an input written since) are counted again.
 */
import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { techCategoryBit } from "@/lib/domain/tech-category-bits";
import { loadPeerCounts, countPeers, groupMembers } from "@/lib/db/membership/peer-counts";
import { recomputePlays } from "@/lib/db/membership/plays";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeSegment } from "@/lib/db/membership/recompute-rule";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { EMPTY_AUDIENCE } from "@/lib/plays/definition";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { publishAutomationGapPlay } from "../support/play-fixture";
import { resetDatabase } from "../support/reset-db";

const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value }] });
const byKey = <T extends { industry: string; tier_key: number }>(rows: T[]) =>
  [...rows].sort((x, y) => x.industry.localeCompare(y.industry) || x.tier_key - y.tier_key);

let admin: Actor;
let playId: number;
let automation: number;
let crm: number;
const software: number[] = [];
const untiered: number[] = [];
const healthcare: number[] = [];

async function publishScheme(minimum: number, note: string): Promise<void> {
  const draft = await db.tierSchemeDraft.findUnique({ where: { id: 1 } });
  const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(minimum) }] }, draft?.revision ?? 0);
  await publishTierScheme(admin, { baseRevision: revision, note });
}

const stored = (accountId: number) => db.accountSegmentation.findUniqueOrThrow({ where: { accountId }, select: { whitespace: true, playIds: true } });

/** Stored peer counts equal a fresh count, and recomputing every account's plays from fresh groups changes nothing. */
async function expectInStepWithEveryAccount(): Promise<void> {
  const fresh = await countPeers(db);
  const kept = await db.$queryRaw<typeof fresh>`SELECT industry, tier_key, accounts, with_category FROM peer_counts`;
  expect(byKey(kept)).toEqual(byKey(fresh));
  expect(await db.$transaction((tx) => recomputePlays(tx, { reason: "DATA_CHANGE" }))).toBe(0);
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  automation = (await db.technology.create({ data: { name: "HubSpot", vendor: "HubSpot", category: "MARKETING_AUTOMATION" } })).id;
  crm = (await db.technology.create({ data: { name: "Salesforce", vendor: "Salesforce", category: "CRM" } })).id;
  // Software: ten accounts worth 110k-200k; the six cheapest run marketing automation.
  for (let i = 0; i < 10; i++) {
    const id = await createAccount({ name: `Software ${i}`, lifetimeValue: 110_000 + i * 10_000 });
    if (i < 6) await db.accountTechnology.create({ data: { accountId: id, technologyId: automation, ...detected } });
    software.push(id);
  }
  // Four small Software accounts, never in the tier and never moving.
  for (let i = 0; i < 4; i++) untiered.push(await createAccount({ name: `Small ${i}`, lifetimeValue: 1_000 + i }));
  // Healthcare: six big accounts (in the tier under both schemes), four run a CRM.
  for (let i = 0; i < 6; i++) {
    const id = await createAccount({ name: `Clinic ${i}`, industry: "Healthcare", lifetimeValue: 900_000 + i });
    if (i < 4) await db.accountTechnology.create({ data: { accountId: id, technologyId: crm, ...detected } });
    healthcare.push(id);
  }
  await publishScheme(100_000, "Everyone over 100k");
  playId = await publishAutomationGapPlay(admin);
  await recomputeEverything(db, { reason: "DATA_CHANGE" });
});

describe("a tier republish moves the stored peer counts", () => {
  test("before: the top Software group runs marketing automation; its four accounts without it are in the play", async () => {
    expect(await stored(software[9]!)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    expect(await stored(untiered[0]!)).toEqual({ whitespace: [], playIds: [] });
    expect(await stored(healthcare[5]!)).toEqual({ whitespace: ["CRM"], playIds: [] });
    await expectInStepWithEveryAccount();
  });

  test("raising the bar: moved accounts, and unmoved accounts of a changed group, follow; counts match a fresh count", async () => {
    expect((await loadPeerCounts(db)).counts).not.toBeNull(); // the republish moves the stored counts
    await publishScheme(165_000, "Raise the bar");
    // The four top Software accounts are now too few to compare; the six that left join the small
    // ones untiered, where marketing automation is now common (6 of 10).
    expect(await stored(software[9]!)).toEqual({ whitespace: [], playIds: [] });
    expect(await stored(software[0]!)).toEqual({ whitespace: [], playIds: [] });
    expect(await stored(untiered[0]!)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    expect(await stored(healthcare[5]!)).toEqual({ whitespace: ["CRM"], playIds: [] });
    expect((await loadPeerCounts(db)).counts).not.toBeNull();
    await expectInStepWithEveryAccount();
  });

  test("counts made stale by an input write are counted again", async () => {
    await db.accountTechnology.create({ data: { accountId: untiered[0]!, technologyId: automation, ...detected } });
    expect((await loadPeerCounts(db)).counts).toBeNull();
    await publishScheme(100_000, "Lower the bar");
    expect(await stored(software[9]!)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    expect(await stored(untiered[0]!)).toEqual({ whitespace: [], playIds: [] });
    expect((await loadPeerCounts(db)).counts).not.toBeNull();
    await expectInStepWithEveryAccount();
  });
});

describe("the accounts of a changed peer group", () => {
  test("are read only where they lack a category that flipped: the others keep their whitespace and plays", async () => {
    const top = (await db.tier.findUniqueOrThrow({ where: { key: "top" } })).id;
    const group = { industry: "Healthcare", tier_key: top };
    const ids = async (flipped: number) => (await groupMembers(db, [{ ...group, flipped }])).sort((x, y) => x - y);
    // Four of the six clinics run a CRM: a flip of CRM can move only the two without one.
    expect(await ids(techCategoryBit("CRM"))).toEqual([healthcare[4], healthcare[5]]);
    // None runs marketing automation: a flip of it (with CRM or alone) can move every clinic.
    expect(await ids(techCategoryBit("CRM") | techCategoryBit("MARKETING_AUTOMATION"))).toEqual(healthcare);
    expect(await ids(techCategoryBit("MARKETING_AUTOMATION"))).toEqual(healthcare);
  });
});

describe("a segment publish", () => {
  test("recomputes plays for the accounts whose segments changed, against the stored peer counts", async () => {
    const rule = ltvAtLeast(900_003);
    const segmentId = await publishSegment("Biggest clinics", rule);
    const audience = { ...EMPTY_AUDIENCE, segmentsAny: [segmentId] };
    const second = (
      await createPlay(admin, { name: "Clinic review", goal: "Review", kind: "RETENTION", audience, pitch: "Hi", talkingPoints: [], channel: "BEST", priority: 40, startsOn: null, endsOn: null })
    ).id;
    await publishPlay(admin, second, { baseRevision: 0, note: "Launch" });
    expect(await stored(healthcare[5]!)).toEqual({ whitespace: ["CRM"], playIds: [] });
    expect((await loadPeerCounts(db)).counts).not.toBeNull();
    const moved = await db.$transaction((tx) => recomputeSegment(tx, { id: segmentId, rule }, { reason: "RULE_PUBLISHED", ruleVersion: 1 }));
    expect(moved).toEqual({ entered: 3, left: 0 });
    expect(await stored(healthcare[5]!)).toEqual({ whitespace: ["CRM"], playIds: [second] });
    expect(await stored(healthcare[2]!)).toEqual({ whitespace: [], playIds: [] });
    await expectInStepWithEveryAccount();
  });

  test("that no play's audience names changes no account's plays or whitespace (the plays pass is skipped)", async () => {
    const rule = ltvAtLeast(150_000);
    const segmentId = await publishSegment("Over 150k", rule);
    const before = await db.membershipEvent.count({ where: { scope: "PLAY" } });
    const moved = await db.$transaction((tx) => recomputeSegment(tx, { id: segmentId, rule }, { reason: "RULE_PUBLISHED", ruleVersion: 1 }));
    expect(moved).toEqual({ entered: 12, left: 0 });
    expect(await db.membershipEvent.count({ where: { scope: "PLAY" } })).toBe(before);
    await expectInStepWithEveryAccount();
  });
});
