/**
 * The set-based full recompute (lib/db/membership/materialise.ts, taken when most accounts were
 * never materialised) against the row-by-row path on the same data: every account_segmentation
 * column, the account_segments rows, the ledger rows (all but their id and time) and the stored
 * peer counts must be equal, from blank rows (a first materialisation) and from an older
 * materialisation (accounts enter and leave), and a recompute right after writes nothing.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { REBUILD_SHARE } from "@/lib/db/bulk-indexes";
import { BULK_MIN_ACCOUNTS, mostlyBlank } from "@/lib/db/membership/materialise";
import { dropStamp } from "@/lib/db/membership/input-stamp";
import { recomputeAll, recomputeEverything } from "@/lib/db/membership/recompute-all";
import type { Because } from "@/lib/db/membership/types";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { resetDatabase } from "../support/reset-db";

const SEEDED_AS_OF = new Date("2026-01-15T00:00:00Z");
const LATER = new Date("2026-04-20T00:00:00Z");
const BECAUSE: Because = { reason: "RULE_PUBLISHED", ruleVersion: 1, detail: "materialise test" };
const NOTHING = { tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 };
let pool: pg.Pool;

/** Everything a full recompute writes, in a fixed order; ledger rows after `afterId`. */
async function stored(afterId = 0n) {
  const [segmentation, segments, ledger, peers] = await Promise.all([
    db.$queryRaw`SELECT account_id, tier_id, tier_rank, priority_score, score_value, score_fit, score_engagement, segment_ids, play_ids, whitespace
      FROM account_segmentation ORDER BY account_id`,
    db.$queryRaw`SELECT segment_id, account_id FROM account_segments ORDER BY segment_id, account_id`,
    db.$queryRaw`SELECT account_id, scope, tier_id, from_tier_id, segment_id, play_id, change, reason, rule_version, detail
      FROM membership_events WHERE id > ${afterId} ORDER BY account_id, scope, segment_id, play_id, change`,
    db.$queryRaw`SELECT industry, tier_key, accounts, with_category FROM peer_counts ORDER BY industry, tier_key`,
  ]);
  return { segmentation, segments, ledger, peers };
}

/** Every stored membership and score back to a new account's (as `segmentation.ts --first` does). */
async function clearMemberships() {
  await db.$executeRaw`TRUNCATE account_segments, membership_events`;
  await db.$executeRaw`DELETE FROM peer_counts`;
  await db.$executeRaw`UPDATE account_segmentation SET tier_id = NULL, tier_rank = 9999, segment_ids = '{}', play_ids = '{}', whitespace = '{}',
    priority_score = 0, score_value = 0, score_fit = 0, score_engagement = 0`;
}

const lastEventId = async () => (await db.membershipEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  await seedDatabase(pool, { accounts: 1200, seed: "materialise-bulk", asOf: SEEDED_AS_OF });
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null, asOf: SEEDED_AS_OF });
});
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

describe("the set-based full recompute writes what the row-by-row one does", () => {
  test("a first materialisation: the same rows, ledger and peer counts; a recompute right after changes nothing", async () => {
    await clearMemberships();
    const rows = await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: false });
    const byRows = await stored();
    expect(rows.tierChanges).toBeGreaterThan(0);
    expect(rows.segmentChanges).toBeGreaterThan(0);
    expect(rows.playChanges).toBeGreaterThan(0);

    await clearMemberships();
    const bulk = await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    expect(bulk).toEqual(rows);
    expect(await stored()).toEqual(byRows);
    // Every part recomputed (no stamp on the caller's transaction): nothing differs.
    expect(await db.$transaction((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }, { asOf: SEEDED_AS_OF }), LONG_TRANSACTION)).toEqual(NOTHING);
  });

  test("from an older materialisation (accounts enter and leave after their data and the day change): the same changes", async () => {
    // An exact, reversible data change (loyalty and usage swapped) so both paths start from the same rows.
    const swapData = () => db.$executeRaw`UPDATE accounts SET
      loyalty_status = (CASE loyalty_status::text WHEN 'AT_RISK' THEN 'ADVOCATE' WHEN 'ADVOCATE' THEN 'AT_RISK' ELSE loyalty_status::text END)::"LoyaltyStatus",
      usage_rate = (CASE usage_rate::text WHEN 'HEAVY' THEN 'LIGHT' WHEN 'LIGHT' THEN 'HEAVY' ELSE usage_rate::text END)::"UsageRate",
      engagement_score = 100 - engagement_score`;
    await clearMemberships();
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: false });
    const before = await lastEventId();
    await swapData();
    const rows = await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: LATER, bulk: false });
    const byRows = await stored(before);
    expect(rows.segmentChanges + rows.tierChanges).toBeGreaterThan(0);
    expect((byRows.ledger as { change: string }[]).some((e) => e.change === "LEFT")).toBe(true);

    // The same starting point again (the same path on the same data), then the set-based path.
    await swapData();
    await clearMemberships();
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: false });
    const again = await lastEventId();
    await swapData();
    const bulk = await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: LATER, bulk: true });
    expect(bulk).toEqual(rows);
    expect(await stored(again)).toEqual(byRows);
    await swapData();
  });

  test("a row ranked off its tier's position gets the position from the write itself (no reorder pass after it)", async () => {
    await clearMemberships();
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    const expected = await stored();
    const [tier] = await db.$queryRaw<{ id: number; position: number }[]>`
      SELECT t.id, t.position FROM tiers t WHERE EXISTS (SELECT 1 FROM account_segmentation s WHERE s.tier_id = t.id) ORDER BY t.position LIMIT 1`;
    const moved = await db.$executeRaw`UPDATE account_segmentation SET tier_rank = ${tier!.position + 50} WHERE tier_id = ${tier!.id}`;
    expect(moved).toBeGreaterThan(0);
    await dropStamp(db, "full");
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    expect(await stored()).toEqual(expected);
  });

  test("without a per-row key on tier_id, deleting a tier still untiers its members (post-migrate's statement trigger)", async () => {
    const [tier] = await db.$queryRaw<{ tier_id: number; n: number }[]>`
      SELECT tier_id, count(*)::int AS n FROM account_segmentation WHERE tier_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
    expect(tier!.n).toBeGreaterThan(0);
    await db.$transaction(async (tx) => {
      await tx.tier.delete({ where: { id: tier!.tier_id } });
      expect(await tx.accountSegmentation.count({ where: { tierId: tier!.tier_id } })).toBe(0);
      throw new Error("rolled back");
    }).catch((error: Error) => expect(error.message).toBe("rolled back"));
    expect(await db.accountSegmentation.count({ where: { tierId: tier!.tier_id } })).toBe(tier!.n);
  });

  test("it is chosen when most accounts are blank, and only from BULK_MIN_ACCOUNTS of them", async () => {
    await clearMemberships();
    expect(await mostlyBlank(db, 1000)).toBe(true);
    // 1,200 blank accounts are below the default minimum: the row-by-row path (its cost follows the changes).
    expect(BULK_MIN_ACCOUNTS).toBeGreaterThan(1200);
    expect(await mostlyBlank(db)).toBe(false);
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF });
    expect(await mostlyBlank(db, 1000)).toBe(false);
  });
});

/** Every index of the three tables the write fills: its object id (new when it was built again) and definition. */
async function indexes() {
  const rows = await db.$queryRaw<{ name: string; oid: number; definition: string; secondary: boolean }[]>`
    SELECT i.relname::text AS name, i.oid::int AS oid, pg_get_indexdef(i.oid) AS definition, NOT x.indisunique AS secondary
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid IN ('account_segmentation'::regclass, 'account_segments'::regclass, 'membership_events'::regclass)
    ORDER BY 1`;
  return rows;
}

/** The keys a bulk write may drop with the secondary indexes (bulk_drop_indexes' `keys`). */
const KEYS = ["account_segments_pkey", "membership_events_pkey"];

/** The primary keys of the three tables, by name. */
async function primaryKeys() {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT conname::text AS name FROM pg_constraint
    WHERE contype = 'p' AND conrelid IN ('account_segmentation'::regclass, 'account_segments'::regclass, 'membership_events'::regclass)
    ORDER BY 1`;
  return rows.map((row) => row.name);
}

const definitions = (rows: Awaited<ReturnType<typeof indexes>>) => rows.map((r) => r.definition);
const rebuiltNames = (before: Awaited<ReturnType<typeof indexes>>, after: Awaited<ReturnType<typeof indexes>>) =>
  after.filter((index) => before.find((b) => b.name === index.name)?.oid !== index.oid).map((index) => index.name);

/** What a first materialisation by the given path stores; then blank rows again, and the indexes as they are. */
async function fromBlank(bulk: boolean) {
  await clearMemberships();
  await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk });
  const expected = await stored();
  await clearMemberships();
  return { expected, before: await indexes() };
}

/** A first materialisation while another transaction has read `table` and not ended. */
async function readingDuringWrite(table: "account_segmentation" | "account_segments") {
  const reader = await pool.connect();
  try {
    await reader.query("BEGIN");
    await reader.query(`SELECT count(*) FROM ${table}`);
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    await reader.query("COMMIT");
  } finally {
    reader.release();
  }
}

describe("the set-based write drops the indexes of the tables it mostly fills and builds them again", () => {
  test("from blank rows every secondary index of the three tables, and the keys of account_segments and the ledger, are built again exactly as they were", async () => {
    const { expected: byRows, before } = await fromBlank(false);
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    const after = await indexes();
    expect(definitions(after)).toEqual(definitions(before));
    const secondary = before.filter((index) => index.secondary).map((index) => index.name);
    expect(secondary).toEqual(expect.arrayContaining(["membership_events_account_id_at_idx", "account_segmentation_play_ids_idx"]));
    // account_segmentation's key is kept (its rows are rewritten, not added).
    expect(rebuiltNames(before, after)).toEqual([...secondary, ...KEYS].sort());
    expect(await primaryKeys()).toEqual(["account_segmentation_pkey", ...KEYS]);
    // Built again from the rows written: the same rows as the row-by-row path, found through them.
    expect(await stored()).toEqual(byRows);
    const [entry] = await db.$queryRaw<{ account_id: number }[]>`SELECT account_id FROM membership_events LIMIT 1`;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const plan = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT * FROM membership_events WHERE account_id = ${entry!.account_id}`;
      expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain("membership_events_account_id_at_idx");
    });
  });

  test("a ledger the write adds little to keeps its indexes", async () => {
    await clearMemberships();
    // Older history than the write will add (REBUILD_SHARE of the rows the ledger then holds).
    await db.$executeRaw`
      INSERT INTO membership_events (account_id, at, scope, tier_id, change, reason)
      SELECT a.id, now() - make_interval(days => n), 'TIER', NULL, 'LEFT', 'DATA_CHANGE'
      FROM accounts a CROSS JOIN generate_series(1, ${Math.ceil(10 / REBUILD_SHARE)}) AS n`;
    await db.$executeRaw`ANALYZE membership_events`;
    const before = await indexes();
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    const rebuilt = rebuiltNames(before, await indexes());
    expect(rebuilt).toContain("account_segmentation_tier_id_tier_rank_idx");
    expect(rebuilt.filter((name) => name.startsWith("membership_events"))).toEqual([]);
  });

  test("with a table held by another transaction, it writes through the indexes instead of waiting for it", async () => {
    const { expected, before } = await fromBlank(true);
    // A page reading the accounts' tiers: its lock lasts until it ends, past the write's wait for it.
    await readingDuringWrite("account_segmentation");
    expect(rebuiltNames(before, await indexes())).toEqual([]);
    expect(await stored()).toEqual(expected);
  });

  test("a page reading a segment's members neither waits nor stops the rebuild: account_segments keeps its key", async () => {
    const { expected, before } = await fromBlank(true);
    await readingDuringWrite("account_segments");
    const rebuilt = rebuiltNames(before, await indexes());
    expect(rebuilt).toContain("membership_events_pkey");
    expect(rebuilt).not.toContain("account_segments_pkey");
    expect(await stored()).toEqual(expected);
    expect(await primaryKeys()).toEqual(["account_segmentation_pkey", ...KEYS]);
  });

  test("a segment row already there when its key was dropped: the key's build refuses the duplicate, and the write is made again keeping that row", async () => {
    const { expected, before } = await fromBlank(true);
    // Out of step with segment_ids (which lists nothing): an entering account's row, from long ago.
    const [entry] = expected.segments as { segment_id: number; account_id: number }[];
    const since = new Date("2020-02-02T00:00:00Z");
    await db.$executeRaw`INSERT INTO account_segments (segment_id, account_id, since) VALUES (${entry!.segment_id}, ${entry!.account_id}, ${since})`;
    await recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true });
    expect(await stored()).toEqual(expected);
    const kept = await db.accountSegment.findUniqueOrThrow({ where: { segmentId_accountId: { segmentId: entry!.segment_id, accountId: entry!.account_id } } });
    expect(kept.since).toEqual(since);
    const after = await indexes();
    expect(definitions(after)).toEqual(definitions(before));
    expect(rebuiltNames(before, after)).toEqual(expect.arrayContaining(["account_segments_pkey", "membership_events_pkey"]));
    expect(await primaryKeys()).toEqual(["account_segmentation_pkey", ...KEYS]);
    expect(await db.$queryRaw`SELECT * FROM bulk_dropped_indexes`).toEqual([]);
  });

  test("two at once both finish: the one that cannot lock the tables writes through the indexes", async () => {
    const { expected, before } = await fromBlank(true);
    // Both stage (reading the tables) before either asks for them alone: a lock cycle, which
    // PostgreSQL breaks by cancelling one request.
    let arrived = 0;
    let release = () => {};
    const bothStaged = new Promise<void>((resolve) => (release = resolve));
    const onStep = async (name: string) => {
      if (!name.startsWith("plays, whitespace and scores")) return;
      if (++arrived === 2) release();
      await bothStaged;
    };
    const both = await Promise.all([
      recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true, onStep }),
      recomputeEverything(db, BECAUSE, { asOf: SEEDED_AS_OF, bulk: true, onStep }),
    ]);
    expect(arrived).toBe(2);
    expect(both[0].tierChanges + both[1].tierChanges).toBeGreaterThan(0);
    expect(await stored()).toEqual(expected);
    const after = await indexes();
    expect(definitions(after)).toEqual(definitions(before));
    // The one that locked the tables built its indexes again.
    expect(rebuiltNames(before, after).length).toBeGreaterThan(0);
  });
});
