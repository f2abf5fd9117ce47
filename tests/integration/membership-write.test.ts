/**
 * The membership write (lib/db/membership/apply-changes.ts) against the statement it replaced,
 * kept below as the reference: on the same data and the same changes both must leave the same
 * account_segmentation, account_segments and ledger (up to ids and timestamps), also when rows
 * changed between the read and the write (the write leaves those alone). And the ledger and
 * account_segments, which have no foreign keys, still lose a deleted account's or segment's rows.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { UNTIERED } from "@/lib/domain/tiers";
import { applyMembershipChanges, type AppliedChanges } from "@/lib/db/membership/apply-changes";
import { readMembershipChanges, type MembershipChange, type MembershipRecompute } from "@/lib/db/membership/changes";
import { syncTiers } from "@/lib/db/membership/tier-rows";
import type { Because, Executor } from "@/lib/db/membership/types";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { createAccount, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { rolledBack, type Tx } from "../support/rolled-back";

const ltv = (operator: "gte" | "lt", value: number): RuleGroup =>
  ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "lifetimeValue", operator, value }] }) as RuleGroup;
const scheme = (version: number, gold: number, silver: number) => ({
  version,
  tiers: [
    { key: "gold", name: "Gold", color: "#eab308", rule: ltv("gte", gold) },
    { key: "silver", name: "Silver", color: "#94a3b8", rule: ltv("gte", silver) },
  ],
});

/** The write as it was before issue 14 (one statement per 50,000 accounts): the reference. */
async function referenceApply(db: Executor, changes: readonly MembershipChange[], what: MembershipRecompute, because: Because): Promise<AppliedChanges> {
  const applied: AppliedChanges = { tierChanges: 0, segmentsEntered: 0, segmentsLeft: 0 };
  const tierVersion = because.ruleVersion ?? what.tiers?.scheme?.version ?? null;
  const segmentIds = what.segments.map((s) => s.id);
  const versions = what.segments.map((s) => because.ruleVersion ?? s.version);
  const pgArray = (ids: number[]) => `{${ids.join(",")}}`;
  for (let start = 0; start < changes.length; start += 50_000) {
    const batch = changes.slice(start, start + 50_000);
    const rows = await db.$queryRaw<{ scope: string; change: string; n: number }[]>`
      WITH input AS (
        SELECT c.id, c.old_tier, c.new_tier, c.old_segs::int[] AS old_segs, c.new_segs::int[] AS new_segs
        FROM unnest(${batch.map((c) => c.id)}::int[], ${batch.map((c) => c.old_tier)}::int[], ${batch.map((c) => c.new_tier)}::int[],
          ${batch.map((c) => pgArray(c.old_segs))}::text[], ${batch.map((c) => pgArray(c.new_segs))}::text[])
          AS c(id, old_tier, new_tier, old_segs, new_segs)
      ), changed AS MATERIALIZED (
        UPDATE account_segmentation r
        SET tier_id = c.new_tier, tier_rank = COALESCE(t.position, ${UNTIERED.rank}::int), segment_ids = c.new_segs
        FROM input c LEFT JOIN tiers t ON t.id = c.new_tier
        WHERE r.account_id = c.id AND r.tier_id IS NOT DISTINCT FROM c.old_tier AND COALESCE(r.segment_ids, '{}') = c.old_segs
        RETURNING c.id, c.old_tier, c.new_tier, c.old_segs, c.new_segs
      ), entering AS MATERIALIZED (
        SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.new_segs) AS x(segment_id)
        WHERE NOT (x.segment_id = ANY(c.old_segs))
      ), leaving AS MATERIALIZED (
        SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.old_segs) AS x(segment_id)
        WHERE NOT (x.segment_id = ANY(c.new_segs))
      ), gone AS (
        DELETE FROM account_segments s USING leaving l WHERE s.account_id = l.id AND s.segment_id = l.segment_id
      ), added AS (
        INSERT INTO account_segments (segment_id, account_id, since)
        SELECT segment_id, id, now() FROM entering ON CONFLICT (segment_id, account_id) DO NOTHING
      ), versions AS (
        SELECT * FROM unnest(${segmentIds}::int[], ${versions}::int[]) AS v(segment_id, version)
      ), logged AS (
        INSERT INTO membership_events (account_id, at, scope, tier_id, from_tier_id, segment_id, change, reason, rule_version, detail)
        SELECT id, now(), 'TIER', new_tier, old_tier, NULL, CASE WHEN new_tier IS NULL THEN 'LEFT' ELSE 'ENTERED' END,
          ${because.reason}::text, ${tierVersion}::int, ${because.detail ?? null}::text
        FROM changed WHERE old_tier IS DISTINCT FROM new_tier
        UNION ALL
        SELECT e.id, now(), 'SEGMENT', NULL, NULL, e.segment_id, 'ENTERED', ${because.reason}::text, v.version, ${because.detail ?? null}::text
        FROM entering e LEFT JOIN versions v ON v.segment_id = e.segment_id
        UNION ALL
        SELECT l.id, now(), 'SEGMENT', NULL, NULL, l.segment_id, 'LEFT', ${because.reason}::text, v.version, ${because.detail ?? null}::text
        FROM leaving l LEFT JOIN versions v ON v.segment_id = l.segment_id
        RETURNING scope, change
      )
      SELECT scope, change, count(*)::int AS n FROM logged GROUP BY scope, change`;
    for (const row of rows) {
      if (row.scope === "TIER") applied.tierChanges += row.n;
      else if (row.change === "ENTERED") applied.segmentsEntered += row.n;
      else applied.segmentsLeft += row.n;
    }
  }
  return applied;
}

/** Everything the write touches, without ids and timestamps, in a stable order. */
async function snapshot(tx: Executor) {
  const [rows, members, ledger] = await Promise.all([
    tx.$queryRaw`SELECT account_id, tier_id, tier_rank, segment_ids FROM account_segmentation ORDER BY account_id`,
    tx.$queryRaw`SELECT segment_id, account_id FROM account_segments ORDER BY segment_id, account_id`,
    tx.$queryRaw`SELECT account_id, scope, tier_id, from_tier_id, segment_id, play_id, change, reason, rule_version, detail
      FROM membership_events ORDER BY account_id, scope, segment_id NULLS FIRST, change, tier_id NULLS FIRST, from_tier_id NULLS FIRST`,
  ]);
  return { rows, members, ledger };
}

/**
 * Reads the changes `what` makes, lets `meanwhile` change rows as another writer would, applies
 * them with `apply`, and returns what it reported and the tables, then rolls everything back.
 */
async function outcome(
  what: (tx: Tx) => Promise<MembershipRecompute>,
  apply: (tx: Tx, changes: readonly MembershipChange[], what: MembershipRecompute) => Promise<AppliedChanges>,
  meanwhile: (tx: Tx) => Promise<unknown> = async () => {},
) {
  return rolledBack(async (tx) => {
    const recompute = await what(tx);
    const changes = await readMembershipChanges(tx, recompute, { asOf: new Date("2026-06-01T00:00:00Z") });
    await meanwhile(tx);
    const applied = await apply(tx, changes, recompute);
    return { applied, ...(await snapshot(tx)) };
  });
}

const because: Because = { reason: "RULE_PUBLISHED", detail: "test" };
let accounts: number[] = [];
let segments: number[] = [];

/** Scheme B and segments at new thresholds (and one emptied): accounts move tier, enter and leave. */
const republished = async (tx: Tx): Promise<MembershipRecompute> => {
  const next = scheme(2, 60_000, 5_000);
  return {
    tiers: { scheme: next, ids: await syncTiers(tx, next.tiers) },
    segments: [
      { id: segments[0]!, rule: ltv("gte", 30_000), version: 2 },
      { id: segments[1]!, rule: ltv("lt", 40_000), version: 2 },
      { id: segments[2]!, rule: null, version: 2 },
    ],
  };
};

beforeAll(async () => {
  await resetDatabase();
  accounts = [];
  for (let i = 0; i < 40; i++) accounts.push(await createAccount({ name: `Account ${i}`, lifetimeValue: String(i * 2_500) }));
  segments = [
    await publishSegment("Over 20k", ltv("gte", 20_000)),
    await publishSegment("Under 10k", ltv("lt", 10_000)),
    await publishSegment("Over 50k", ltv("gte", 50_000)),
  ];
  // The starting point: scheme A and the segments' first versions, written by the reference.
  const first = scheme(1, 80_000, 20_000);
  await db.$transaction(async (tx) => {
    const what: MembershipRecompute = {
      tiers: { scheme: first, ids: await syncTiers(tx, first.tiers) },
      segments: [
        { id: segments[0]!, rule: ltv("gte", 20_000), version: 1 },
        { id: segments[1]!, rule: ltv("lt", 10_000), version: 1 },
        { id: segments[2]!, rule: ltv("gte", 50_000), version: 1 },
      ],
    };
    await referenceApply(tx, await readMembershipChanges(tx, what, {}), what, because);
  });
});

describe("applyMembershipChanges writes what the statement it replaced wrote", () => {
  test("tiers move, accounts enter and leave segments, one segment empties: same rows, same ledger, same counts", async () => {
    const reference = await outcome(republished, (tx, changes, what) => referenceApply(tx, changes, what, because));
    expect(reference.applied.tierChanges).toBeGreaterThan(0);
    expect(reference.applied.segmentsEntered).toBeGreaterThan(0);
    expect(reference.applied.segmentsLeft).toBeGreaterThan(0);
    // In batches of 7 (several statements) and in the default size (one).
    expect(await outcome(republished, (tx, changes, what) => applyMembershipChanges(tx, changes, what, because, 7))).toEqual(reference);
    expect(await outcome(republished, (tx, changes, what) => applyMembershipChanges(tx, changes, what, because))).toEqual(reference);
  });

  test("rows another writer changed after the read are left alone, as before", async () => {
    // Between the read and the write: one account changes tier, another leaves a segment.
    const meanwhile = async (tx: Tx) => {
      const [gold] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM tiers WHERE key = 'gold'`;
      await tx.$executeRaw`UPDATE account_segmentation SET tier_id = ${gold!.id}::int WHERE account_id = ${accounts[10]!}::int`;
      await tx.$executeRaw`UPDATE account_segmentation SET segment_ids = '{}' WHERE account_id = ${accounts[30]!}::int`;
      await tx.$executeRaw`DELETE FROM account_segments WHERE account_id = ${accounts[30]!}::int`;
    };
    const reference = await outcome(republished, (tx, changes, what) => referenceApply(tx, changes, what, because), meanwhile);
    // This recompute's rows (version 2 of everything), not the starting point's.
    const ledgerOf = (id: number) => (reference.ledger as { account_id: number; rule_version: number }[]).filter((r) => r.account_id === id && r.rule_version === 2);
    expect(ledgerOf(accounts[11]!).length).toBeGreaterThan(0);
    expect(ledgerOf(accounts[10]!)).toEqual([]);
    expect(ledgerOf(accounts[30]!)).toEqual([]);
    expect(await outcome(republished, (tx, changes, what) => applyMembershipChanges(tx, changes, what, because, 7), meanwhile)).toEqual(reference);
  });

  test("no changes write nothing", async () => {
    const before = await db.membershipEvent.count();
    const what = await db.$transaction((tx) => republished(tx));
    expect(await applyMembershipChanges(db, [], what, because)).toEqual({ tierChanges: 0, segmentsEntered: 0, segmentsLeft: 0 });
    expect(await db.membershipEvent.count()).toBe(before);
  });
});

describe("the ledger and account_segments without foreign keys", () => {
  test("deleting a segment deletes its members' rows and no other segment's", async () => {
    const doomed = await publishSegment("Doomed", ltv("gte", 0));
    await db.accountSegment.createMany({ data: accounts.slice(0, 5).map((accountId) => ({ segmentId: doomed, accountId })) });
    const others = await db.accountSegment.count({ where: { segmentId: { not: doomed } } });
    expect(others).toBeGreaterThan(0);
    await db.segmentVersion.deleteMany({ where: { segmentId: doomed } });
    await db.segment.delete({ where: { id: doomed } });
    expect(await db.accountSegment.count({ where: { segmentId: doomed } })).toBe(0);
    expect(await db.accountSegment.count()).toBe(others);
  });


  test("deleting accounts deletes their ledger and segment rows and no one else's", async () => {
    const [gone, kept] = [accounts[38]!, accounts[39]!];
    expect(await db.membershipEvent.count({ where: { accountId: gone } })).toBeGreaterThan(0);
    const others = await db.membershipEvent.count({ where: { accountId: { not: gone } } });
    expect(await db.membershipEvent.count({ where: { accountId: kept } })).toBeGreaterThan(0);
    expect(await db.accountSegment.count({ where: { accountId: gone } })).toBeGreaterThan(0);
    const otherMembers = await db.accountSegment.count({ where: { accountId: { not: gone } } });
    await db.account.deleteMany({ where: { id: gone } });
    expect(await db.membershipEvent.count({ where: { accountId: gone } })).toBe(0);
    expect(await db.membershipEvent.count({ where: { accountId: { not: gone } } })).toBe(others);
    expect(await db.accountSegment.count({ where: { accountId: gone } })).toBe(0);
    expect(await db.accountSegment.count({ where: { accountId: { not: gone } } })).toBe(otherMembers);
  });
});
