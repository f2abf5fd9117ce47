/**
 * The full recompute skips a part (membership read, score read, plays and whitespace) only while
 * none of its inputs changed since the last full recompute (lib/db/membership/input-stamp.ts):
 * every kind of change makes the skipped part run again, or the recompute of the accounts written
 * since (recompute-written.ts), and find the real change, including a technology change that moves
 * no tier or segment (only whitespace and plays follow it), a write that commits after the
 * recompute took its snapshot, a direct write to a stored membership, and another evaluation day.
 * A rule published on the stamp's day leaves it naming the rules now published (recompute-rule.ts).
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { dropStamp } from "@/lib/db/membership/input-stamp";
import { recomputeEverything, type RecomputeSummary } from "@/lib/db/membership/recompute-all";
import { recomputeTiers } from "@/lib/db/membership/recompute-rule";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { archiveSegment, createSegment, publishSegment, saveSegmentDraft } from "@/lib/data/rules/segments";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { EMPTY_AUDIENCE } from "@/lib/plays/definition";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser } from "../support/fixtures";
import { publishAutomationGapPlay } from "../support/play-fixture";
import { resetDatabase } from "../support/reset-db";

const DAY = new Date("2026-03-02T12:00:00Z");
const NEXT_DAY = new Date("2026-03-03T12:00:00Z");
/** The day of the publishes below (the app publishes as of now: the clock is set to it). */
const PUBLISH_DAY = new Date("2026-03-04T12:00:00Z");
const NOTHING = { tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 };
const PARTS = ["read scores", "read tiers and segments", "plays and whitespace"];
/** The step of the recompute of only the accounts written since (lib/db/membership/recompute-written.ts). */
const WRITTEN = "find written accounts";
const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value }] });

let pool: pg.Pool;
let admin: Actor;
let playId: number;
let lacking: number;
let automation: number;

/** A full recompute as of `asOf`: its summary and which of the three parts ran. */
async function recompute(asOf = DAY): Promise<{ summary: RecomputeSummary; ran: string[] }> {
  const steps: string[] = [];
  const summary = await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf, onStep: (step) => void steps.push(step) });
  return { summary, ran: [...PARTS, WRITTEN].filter((part) => steps.includes(part)) };
}

const stored = async (accountId: number) =>
  db.accountSegmentation.findUniqueOrThrow({ where: { accountId }, select: { whitespace: true, playIds: true } });

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  automation = (await db.technology.create({ data: { name: "HubSpot", vendor: "HubSpot", category: "MARKETING_AUTOMATION" } })).id;
  // Six Software accounts in one tier: five run marketing automation, so it is whitespace for the sixth.
  for (let i = 0; i < 6; i++) {
    const id = await createAccount({ name: `Peer ${i}`, lifetimeValue: 500_000 + i });
    if (i < 5) await db.accountTechnology.create({ data: { accountId: id, technologyId: automation, ...detected } });
    else lacking = id;
  }
  const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(100_000) }] }, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "One tier" });
  playId = await publishAutomationGapPlay(admin);
});

afterAll(async () => {
  await pool.end();
});

describe("the full recompute skips only what did not change", () => {
  test("a repeat on the same day with nothing written skips every part", async () => {
    const first = await recompute();
    expect(first.ran).toEqual(PARTS);
    expect(await stored(lacking)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
    expect(await recompute()).toEqual({ summary: NOTHING, ran: [] });
  });

  test("a technology change that moves no tier or segment still updates whitespace and plays", async () => {
    await db.accountTechnology.create({ data: { accountId: lacking, technologyId: automation, ...detected } });
    const { summary, ran } = await recompute();
    expect(ran).toEqual([WRITTEN]);
    expect(summary).toEqual({ ...NOTHING, playChanges: 1 });
    expect(await stored(lacking)).toEqual({ whitespace: [], playIds: [] });
    expect(await recompute()).toEqual({ summary: NOTHING, ran: [] });
  });

  test("a write committed after the recompute's snapshot is found by the next one", async () => {
    const writer = await pool.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("DELETE FROM account_technologies WHERE account_id = $1", [lacking]);
      // Not committed: this recompute cannot see it, so it has nothing to do.
      expect(await recompute()).toEqual({ summary: NOTHING, ran: [] });
      await writer.query("COMMIT");
    } finally {
      writer.release();
    }
    const { summary, ran } = await recompute();
    expect(ran).toEqual([WRITTEN]);
    expect(summary.playChanges).toBe(1);
    expect(await stored(lacking)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
  });

  test("a rolled-back write leaves nothing to do", async () => {
    await recompute();
    const writer = await pool.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("UPDATE accounts SET lifetime_value = 1 WHERE id = $1", [lacking]);
      await writer.query("ROLLBACK");
    } finally {
      writer.release();
    }
    expect(await recompute()).toEqual({ summary: NOTHING, ran: [] });
  });

  test("a stored membership written outside the recompute code is put right", async () => {
    await db.$executeRaw`UPDATE account_segmentation SET whitespace = '{}', play_ids = '{}', tier_id = NULL WHERE account_id = ${lacking}`;
    const { summary, ran } = await recompute();
    expect(ran).toEqual(PARTS);
    expect(summary).toMatchObject({ tierChanges: 1, playChanges: 1 });
    expect(await stored(lacking)).toEqual({ whitespace: ["MARKETING_AUTOMATION"], playIds: [playId] });
  });

  test("another evaluation day runs every part again", async () => {
    expect((await recompute()).ran).toEqual([]);
    expect((await recompute(NEXT_DAY)).ran).toEqual(PARTS);
    expect((await recompute(NEXT_DAY)).ran).toEqual([]);
  });

  test("an account's data change is found through its metrics too", async () => {
    await db.account.update({ where: { id: lacking }, data: { lifetimeValue: 50_000 } });
    const { summary, ran } = await recompute(NEXT_DAY);
    // Only an account updated since the last full recompute: it and the accounts whose value rank
    // it moved are recomputed, without reading every account (recompute-written.test.ts).
    expect(ran).toEqual([WRITTEN]);
    expect(summary.tierChanges).toBe(1);
    expect(summary.scoreChanges).toBeGreaterThan(0);
  });

  test("a publish on another day than the stamp's drops it: the next full recompute runs every part", async () => {
    expect((await recompute(NEXT_DAY)).ran).toEqual([]);
    const draft = await db.tierSchemeDraft.findUniqueOrThrow({ where: { id: 1 } });
    const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(10_000) }] }, draft.revision);
    await publishTierScheme(admin, { baseRevision: revision, note: "Lower the bar" });
    expect(await stored(lacking)).toMatchObject({ playIds: [playId] });
    const { summary, ran } = await recompute(NEXT_DAY);
    expect(ran).toEqual(PARTS);
    expect(summary).toEqual(NOTHING);
  });

  test("a play published in between runs only the plays part", async () => {
    const audience = { ...EMPTY_AUDIENCE, tiers: ["top"] };
    const definition = { name: "Top review", goal: "Review", kind: "RETENTION" as const, audience, pitch: "Hi", talkingPoints: [], channel: "BEST" as const, priority: 40, startsOn: null, endsOn: null };
    const second = (await createPlay(admin, definition)).id;
    await publishPlay(admin, second, { baseRevision: 0, note: "Launch" });
    expect(await stored(lacking)).toMatchObject({ playIds: [playId, second] });
    expect(await recompute(NEXT_DAY)).toEqual({ summary: NOTHING, ran: ["plays and whitespace"] });
    expect(await recompute(NEXT_DAY)).toEqual({ summary: NOTHING, ran: [] });
  });
});

describe("a publish on the day of the last full recompute keeps its stamp, naming the rules now published", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"], now: PUBLISH_DAY }));
  afterEach(() => void vi.useRealTimers());

  /** Every part run again (the stamp dropped) finds nothing the publish left undone. */
  async function nothingLeftUndone() {
    await dropStamp(db, "full");
    expect(await recompute(PUBLISH_DAY)).toEqual({ summary: NOTHING, ran: PARTS });
  }

  test("a segment published, then archived: the next full recompute runs no part, and there was nothing to run", async () => {
    await recompute(PUBLISH_DAY);
    const details = { name: "Top peers", description: "", kind: "MIXED" as const, color: "#0ea5e9" };
    const { id } = await createSegment(admin, details);
    const { revision } = await saveSegmentDraft(admin, id, { details, rule: ltvAtLeast(500_003), baseRevision: 0 });
    expect((await publishSegment(admin, id, { baseRevision: revision, note: "Top peers" })).changed).toBeGreaterThan(0);
    expect(await recompute(PUBLISH_DAY)).toEqual({ summary: NOTHING, ran: [] });
    await nothingLeftUndone();

    await archiveSegment(admin, id);
    expect(await db.accountSegment.count({ where: { segmentId: id } })).toBe(0);
    expect(await recompute(PUBLISH_DAY)).toEqual({ summary: NOTHING, ran: [] });
    await nothingLeftUndone();
  });

  test("a tier scheme published keeps it; a scheme recomputed that is not the published one drops it", async () => {
    await recompute(PUBLISH_DAY);
    const draft = await db.tierSchemeDraft.findUniqueOrThrow({ where: { id: 1 } });
    const tiers = [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(500_004) }];
    const { revision } = await saveTierSchemeDraft(admin, { tiers }, draft.revision);
    expect((await publishTierScheme(admin, { baseRevision: revision, note: "Raise the bar" })).changed).toBeGreaterThan(0);
    expect(await recompute(PUBLISH_DAY)).toEqual({ summary: NOTHING, ran: [] });
    await nothingLeftUndone();

    // Not what is published (a preview's draft, a benchmark's): the next full recompute puts it back.
    const published = await db.tierSchemeVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
    const moved = await db.$transaction((tx) =>
      recomputeTiers(tx, { version: published.version + 1, tiers: [{ ...tiers[0]!, rule: ltvAtLeast(1) }] }, { reason: "RULE_PUBLISHED" }, { asOf: PUBLISH_DAY }),
    );
    expect(moved).toBeGreaterThan(0);
    const { summary, ran } = await recompute(PUBLISH_DAY);
    expect(ran).toEqual(PARTS);
    expect(summary.tierChanges).toBe(moved);
  });
});
