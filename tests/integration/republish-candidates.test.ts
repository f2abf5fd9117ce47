/**
 * A tier republish reads only the accounts whose tier can change when the full recompute's stamp
 * holds (lib/db/membership/recompute-rule.ts, tierCandidates): those the scheme version the stamp
 * names and the new scheme place apart, and those written since. Each case here runs the same
 * republish twice in rolled-back transactions, once that way and once with the stamp dropped
 * (the read of every account), and expects the same tiers, plays, whitespace and ledger rows.
 * Which read ran shows on one account whose stored tier is made wrong without the stamp knowing:
 * only the read of every account puts it right. A moved bar reads the accounts placed apart through
 * the field's range (compileSchemeDisagreement; segmentation-property.test.ts checks that the
 * range covers every account the two schemes place apart).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { beginDerivedWrites, dropStamp } from "@/lib/db/membership/input-stamp";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeTiers } from "@/lib/db/membership/recompute-rule";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import type { RuleGroup } from "@/lib/segmentation/rule";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import { createAccount, createUser } from "../support/fixtures";
import { publishAutomationGapPlay, publishPlayFor } from "../support/play-fixture";
import { resetDatabase } from "../support/reset-db";

const DAY = new Date("2026-03-02T12:00:00Z");
const NEXT_DAY = new Date("2026-03-03T12:00:00Z");
const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "lifetimeValue", operator: "gte", value }] });
const tier = (key: string, name: string, minimum: number): TierDefinition => ({ key, name, color: "#4f46e5", rule: ltvAtLeast(minimum) });

/** Published first: Top from $300,000, Growth from $100,000. */
const PUBLISHED = [tier("top", "Top", 300_000), tier("growth", "Growth", 100_000)];

let admin: Actor;
let topPlay: number;
/** Accounts worth $10,000 to $390,000 in steps of $10,000, all but every third running marketing automation. */
const accounts: number[] = [];
/**
 * Worth $400,000 in an industry of its own (so its peer group is its own): its stored tier is made
 * wrong (untiered) without the stamp knowing, before each republish.
 */
let sentinel: number;

class Rollback extends Error {}

interface Outcome {
  moved: number;
  rows: { accountId: number; tier: string | null; tierRank: number; playIds: number[]; whitespace: string[] }[];
  ledger: { accountId: number; scope: string; tier: string | null; fromTier: string | null; playId: number | null; change: string }[];
}

/**
 * Publish `tiers` as the next version as of `asOf` and recompute, as the app does (the version's
 * row first, in one transaction), then roll back; with `everyAccount` the stamp is dropped first.
 * The sentinel's stored tier is made wrong first, in the same transaction.
 */
async function republish(tiers: TierDefinition[], options: { everyAccount: boolean; asOf?: Date }): Promise<Outcome> {
  let outcome: Outcome | undefined;
  await db
    .$transaction(async (tx) => {
      // Wrong, but as a recompute's own write: the stamp still holds.
      await beginDerivedWrites(tx);
      await tx.$executeRaw`UPDATE account_segmentation SET tier_id = NULL, tier_rank = 9999 WHERE account_id = ${sentinel}`;
      if (options.everyAccount) await dropStamp(tx, "full");
      const last = await tx.tierSchemeVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
      const version = last.version + 1;
      await tx.tierSchemeVersion.create({ data: { version, note: "test", definition: { tiers: tiers as object[] } } });
      const before = (await tx.membershipEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const moved = await recomputeTiers(tx, { version, tiers }, { reason: "RULE_PUBLISHED", ruleVersion: version }, { asOf: options.asOf ?? DAY });
      const stored = await tx.accountSegmentation.findMany({
        select: { accountId: true, tier: { select: { key: true } }, tierRank: true, playIds: true, whitespace: true },
        orderBy: { accountId: "asc" },
      });
      const ledger = await tx.membershipEvent.findMany({
        // Every row this recompute wrote (a play's rows record the play's own version).
        where: { id: { gt: before }, accountId: { not: sentinel } },
        select: { accountId: true, scope: true, tierId: true, fromTierId: true, playId: true, change: true },
        orderBy: [{ accountId: "asc" }, { scope: "asc" }, { playId: "asc" }],
      });
      // Tiers by key: a tier created here gets another id on each run (its sequence does not roll back).
      const keys = new Map((await tx.tier.findMany()).map((t) => [t.id, t.key]));
      const key = (id: number | null) => (id === null ? null : (keys.get(id) ?? `#${id}`));
      outcome = {
        moved,
        rows: stored.map(({ tier, ...row }) => ({ ...row, tier: tier?.key ?? null })),
        ledger: ledger.map(({ tierId, fromTierId, ...event }) => ({ ...event, tier: key(tierId), fromTier: key(fromTierId) })),
      };
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return outcome!;
}

/** The outcome without the sentinel, whose stored tier only the read of every account puts right. */
const withoutSentinel = (o: Outcome) => ({ rows: o.rows.filter((r) => r.accountId !== sentinel), ledger: o.ledger });
const sentinelTier = (o: Outcome) => o.rows.find((r) => r.accountId === sentinel)!.tier;

/**
 * The same republish both ways: the narrow read must find everything the read of every account
 * finds, but the sentinel when the two schemes place it alike (then only the read of every
 * account moves it, back to its tier).
 */
async function expectSameAsEveryAccount(tiers: TierDefinition[], asOf = DAY): Promise<Outcome> {
  const narrow = await republish(tiers, { everyAccount: false, asOf });
  const every = await republish(tiers, { everyAccount: true, asOf });
  expect(withoutSentinel(narrow)).toEqual(withoutSentinel(every));
  expect(every.moved).toBe(narrow.moved + (sentinelTier(narrow) === sentinelTier(every) ? 0 : 1));
  return narrow;
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  const automation = (await db.technology.create({ data: { name: "HubSpot", vendor: "HubSpot", category: "MARKETING_AUTOMATION" } })).id;
  for (let i = 1; i <= 39; i++) {
    const id = await createAccount({ name: `Account ${i}`, lifetimeValue: i * 10_000 });
    if (i % 3 !== 0) await db.accountTechnology.create({ data: { accountId: id, technologyId: automation, ...detected } });
    accounts.push(id);
  }
  sentinel = await createAccount({ name: "Sentinel", industry: "Mining", lifetimeValue: 400_000 });
  vi.useFakeTimers({ toFake: ["Date"], now: DAY });
  try {
    const { revision } = await saveTierSchemeDraft(admin, { tiers: PUBLISHED }, 0);
    await publishTierScheme(admin, { baseRevision: revision, note: "Two tiers" });
    await publishAutomationGapPlay(admin);
    // A play for the top tier: its audience follows every move in or out of it.
    topPlay = await publishPlayFor(admin, "Top accounts", { tiers: ["top"] });
  } finally {
    vi.useRealTimers();
  }
});

beforeEach(async () => {
  // The stamp names the published scheme on DAY.
  await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: DAY });
});

afterEach(() => void vi.useRealTimers());

describe("a tier republish while the stamp holds reads only the accounts whose tier can change", () => {
  test("a raised threshold: the same moves, plays and ledger as reading every account", async () => {
    const narrow = await expectSameAsEveryAccount([tier("top", "Top", 350_000), tier("growth", "Growth", 100_000)]);
    expect(narrow.moved).toBe(5);
    // The five leave the top tier's play.
    expect(narrow.ledger.filter((e) => e.playId === topPlay).map((e) => e.change)).toEqual(Array(5).fill("LEFT"));
    // The narrow read did not read the sentinel's stored row.
    expect(sentinelTier(narrow)).toBeNull();
    // Two bars moved in opposite directions: both ranges are read.
    const both = await expectSameAsEveryAccount([tier("top", "Top", 350_000), tier("growth", "Growth", 80_000)]);
    expect(both.moved).toBe(7);
    expect(sentinelTier(both)).toBeNull();
  });

  test("a tier added, one removed, the order changed: the same as reading every account", async () => {
    const narrow = [
      await expectSameAsEveryAccount([tier("growth", "Growth", 100_000), tier("top", "Top", 300_000)]),
      await expectSameAsEveryAccount([tier("top", "Top", 300_000), tier("growth", "Growth", 100_000), tier("nurture", "Nurture", 30_000)]),
      await expectSameAsEveryAccount([tier("top", "Top", 300_000)]),
    ];
    // Growth first takes every top account, the sentinel too (the schemes place it apart, so it is read).
    expect(narrow.map((o) => o.moved)).toEqual([11, 7, 20]);
    expect(narrow.map(sentinelTier)).toEqual(["growth", null, null]);
  });

  test("accounts written since the stamp are read too, though both schemes agree on them", async () => {
    // From untiered to top under both schemes, and from growth to untiered: their stored tiers are stale.
    await db.account.update({ where: { id: accounts[0]! }, data: { lifetimeValue: 390_000 } });
    await db.account.update({ where: { id: accounts[14]! }, data: { lifetimeValue: 5_000 } });
    const narrow = await expectSameAsEveryAccount([tier("top", "Top", 350_000), tier("growth", "Growth", 100_000)]);
    expect(narrow.rows.find((r) => r.accountId === accounts[0])!.tier).toBe("top");
    expect(narrow.rows.find((r) => r.accountId === accounts[14])!.tier).toBeNull();
    expect(narrow.moved).toBe(7);
    expect(sentinelTier(narrow)).toBeNull();
    await db.account.update({ where: { id: accounts[0]! }, data: { lifetimeValue: 10_000 } });
    await db.account.update({ where: { id: accounts[14]! }, data: { lifetimeValue: 150_000 } });
  });

  test("an account added since (its write marks no existing row): every account is read", async () => {
    const added = await createAccount({ name: "Newcomer", lifetimeValue: 380_000 });
    const narrow = await expectSameAsEveryAccount([tier("top", "Top", 350_000), tier("growth", "Growth", 100_000)]);
    expect(sentinelTier(narrow)).toBe("top");
    expect(narrow.rows.find((r) => r.accountId === added)!.tier).toBe("top");
    await db.account.delete({ where: { id: added } });
  });

  test("another evaluation day than the stamp's: every account is read", async () => {
    const narrow = await expectSameAsEveryAccount([tier("top", "Top", 350_000), tier("growth", "Growth", 100_000)], NEXT_DAY);
    expect(sentinelTier(narrow)).toBe("top");
  });

  test("no stamp: every account is read", async () => {
    await dropStamp(db, "full");
    const narrow = await republish([tier("top", "Top", 350_000), tier("growth", "Growth", 100_000)], { everyAccount: false });
    expect(sentinelTier(narrow)).toBe("top");
  });

  test("through the app: a publish, then the full recompute finds nothing left to do", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: DAY });
    const draft = await db.tierSchemeDraft.findUniqueOrThrow({ where: { id: 1 } });
    const { revision } = await saveTierSchemeDraft(admin, { tiers: [tier("top", "Top", 250_000), tier("growth", "Growth", 120_000)] }, draft.revision);
    expect((await publishTierScheme(admin, { baseRevision: revision, note: "Moved the bars" })).changed).toBe(7);
    await dropStamp(db, "full");
    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: DAY })).toEqual({ tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 });
  });
});
