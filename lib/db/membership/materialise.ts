/**
 * The full recompute written set-based, for when most accounts change (the first materialisation,
 * a database of newly imported accounts): every account's tier, segments, play audiences,
 * whitespace and score are computed in PostgreSQL into temporary tables (memberships, scores, then
 * the rows that change with their plays and whitespace), then written with ONE update of
 * account_segmentation, and account_segments and the ledger each follow from the rows that update
 * changed, all in one statement. The row-by-row path (apply-changes.ts, plays.ts,
 * scores.ts) rewrites each row three times (memberships, then plays, then the score), each
 * non-HOT with an entry in all five indexes, and carries every change through Node; this path
 * writes each row once and sends nothing through Node but the peer groups. A table the write
 * mostly fills has its secondary indexes (and account_segments' and the ledger's, their keys)
 * dropped before it and built again after it (dropIndexesForWrite, lib/db/bulk-indexes.ts), so
 * that table stays locked until the transaction ends.
 *
 * The result is the same as the row-by-row path's (tests/integration/materialise-bulk.test.ts):
 * the same stored columns, account_segments rows, ledger rows (one per entry and exit, with its
 * reason and the rule's version) and peer counts.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { UNTIERED } from "@/lib/domain/tiers";
import { buildAgain, dropSecondaryIndexes, REBUILD_SHARE, type KeyedTable } from "@/lib/db/bulk-indexes";
import { membershipColumns, type MembershipRecompute } from "./changes";
import { countPeers, peerCommon, type PeerCount } from "./peer-counts";
import { playColumns, withParallelScans, type PublishedPlay } from "./plays";
import type { ScoringSettings } from "./published-rules";
import { allScoresSql } from "./scores";
import { insertingSegmentRows, keepingExisting } from "./segment-rows";
import type { Because, Executor, Step } from "./types";

/** Below this many blank accounts the row-by-row path is kept (its cost follows the changes). */
export const BULK_MIN_ACCOUNTS = 10_000;

/**
 * Whether most accounts have never been materialised: untiered with a zero score (the row's
 * defaults; a computed score is above 0 for all but the lowest-valued, unengaged accounts).
 * Counted on the (tier_rank, priority_score) index: an empty range once materialised. The total
 * is the planner's row count (counting every row would add a pass to every daily refresh), or
 * counted when the table was never analysed.
 */
export async function mostlyBlank(db: Executor, minAccounts = BULK_MIN_ACCOUNTS): Promise<boolean> {
  const [row] = await db.$queryRaw<{ blank: number; total: number }[]>`
    SELECT (SELECT count(*) FROM account_segmentation WHERE tier_rank = ${UNTIERED.rank}::int AND priority_score = 0)::int AS blank,
      (SELECT CASE WHEN c.reltuples > 0 THEN c.reltuples::int ELSE (SELECT count(*) FROM account_segmentation)::int END
       FROM pg_class c WHERE c.oid = 'account_segmentation'::regclass) AS total`;
  return !!row && row.blank >= minAccounts && 2 * row.blank >= row.total;
}

export interface Materialised {
  tierChanges: number;
  segmentChanges: number;
  playChanges: number;
  scoreChanges: number;
  /** The peer groups counted from the new tiers (for storePeerCounts). */
  counts: PeerCount[];
}

/**
 * Compute and write everything in the caller's transaction (which has begun derived writes).
 * `stillCurrent` is asked after the reads: false (a rule was published meanwhile) returns null
 * before anything is written, and the caller reads again.
 */
export async function materialiseEverything(
  tx: Executor,
  input: {
    what: MembershipRecompute;
    scoring: ScoringSettings;
    plays: readonly PublishedPlay[];
    because: Because;
    asOf: Date;
    step: Step;
    stillCurrent: () => Promise<boolean>;
  },
): Promise<Materialised | null> {
  const { what, because, asOf, step } = input;
  await step("read tiers and segments into a staging table", async () => {
    const { newTier, newSegments } = await membershipColumns(tx, what, asOf);
    await withParallelScans(tx, () => tx.$executeRaw`
      CREATE TEMP TABLE materialise_members ON COMMIT DROP AS
      SELECT a.id, a.industry, a.technology_categories, r.tier_id AS old_tier, ${newTier} AS new_tier, r.tier_rank AS old_rank,
        COALESCE(r.segment_ids, '{}') AS old_segs, ${newSegments} AS new_segs,
        COALESCE(r.play_ids, '{}') AS old_plays, COALESCE(r.whitespace, '{}') AS old_ws,
        r.score_value, r.score_fit, r.score_engagement, r.priority_score, r.ranked_lifetime_value, r.ranked_potential
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id`);
  });
  await step("read scores into a staging table", () =>
    withParallelScans(tx, () => tx.$executeRaw`CREATE TEMP TABLE materialise_scores ON COMMIT DROP AS ${allScoresSql(input.scoring, asOf)}`),
  );
  if (!(await input.stillCurrent())) return null;
  await tx.$executeRaw`ANALYZE materialise_members, materialise_scores`;
  // The groups of the new tiers: the staging table as `a`, its new tier as `r.tier_id`.
  const counts = await countPeers(tx, Prisma.sql`materialise_members a CROSS JOIN LATERAL (SELECT a.new_tier AS tier_id) r`);
  const common = peerCommon(counts);
  const member = { tierId: Prisma.sql`m.new_tier`, segmentIds: Prisma.sql`m.new_segs` };
  const play = await playColumns(tx, input.plays, common, member, asOf);
  await step("plays, whitespace and scores of the changed rows into a staging table", async () => {
    // The groups as a table with statistics: as a function scan the planner expected one group and
    // tested every group against every account (1.3 s at 100,000 accounts) instead of hashing them.
    await tx.$executeRaw`CREATE TEMP TABLE materialise_groups ON COMMIT DROP AS SELECT * FROM ${play.groups}`;
    await tx.$executeRaw`ANALYZE materialise_groups`;
    // Only the rows that change, in account order: the update then walks account_segmentation
    // (clustered on its key) and its key index page after page instead of in hash order.
    await tx.$executeRaw`
      CREATE TEMP TABLE materialise_rows ON COMMIT DROP AS
      SELECT * FROM (
        SELECT m.id, m.old_tier, m.new_tier, m.old_rank, COALESCE(t.position, ${UNTIERED.rank}::int) AS new_rank, m.old_segs, m.new_segs,
          m.old_plays, ${play.plays} AS new_plays, m.old_ws, ${play.whitespace} AS new_ws, s.v, s.f, s.e, s.total, s.ltv, s.pot,
          (m.score_value, m.score_fit, m.score_engagement, m.priority_score) IS DISTINCT FROM (s.v, s.f, s.e, s.total) AS score_changed,
          (m.ranked_lifetime_value, m.ranked_potential) IS DISTINCT FROM (s.ltv, s.pot) AS ranked_changed
        FROM materialise_members m JOIN accounts a ON a.id = m.id JOIN materialise_scores s ON s.id = m.id
        LEFT JOIN tiers t ON t.id = m.new_tier
        LEFT JOIN materialise_groups g ON g.industry = a.industry AND g.tier_key = COALESCE(m.new_tier, 0)
      ) c
      WHERE c.old_tier IS DISTINCT FROM c.new_tier OR c.old_segs <> c.new_segs OR c.old_plays <> c.new_plays OR c.old_ws <> c.new_ws
        OR c.score_changed OR c.ranked_changed OR c.new_rank <> c.old_rank
      ORDER BY c.id`;
    await tx.$executeRaw`ANALYZE materialise_rows`;
  });
  const tierVersion = because.ruleVersion ?? what.tiers?.scheme?.version ?? null;
  // A rule's version by its id's position in an array: an expression per row, not a join of millions of rows.
  const versionOf = (ids: number[], versions: (number | null)[], id: Prisma.Sql) =>
    Prisma.sql`(${versions}::int[])[array_position(${ids}::int[], ${id})]`;
  const segmentVersion = (id: Prisma.Sql) =>
    versionOf(what.segments.map((s) => s.id), what.segments.map((s) => because.ruleVersion ?? s.version), id);
  const playVersion = (id: Prisma.Sql) => versionOf(input.plays.map((p) => p.id), input.plays.map((p) => p.version), id);
  const reason = Prisma.sql`${because.reason}::text`;
  const detail = Prisma.sql`${because.detail ?? null}::text`;
  const rebuilt = await dropIndexesForWrite(tx);
  // keepExisting: a segment row already there (account_segments out of step with segment_ids) is kept.
  const write = (keepExisting: boolean) => tx.$queryRaw<{ tiers: number; segments: number; plays: number; scores: number }[]>`
    WITH changed AS MATERIALIZED (
      -- A row someone else changed since it was staged is left alone (their recompute covers it).
      UPDATE account_segmentation r
      SET tier_id = c.new_tier, tier_rank = c.new_rank, segment_ids = c.new_segs, play_ids = c.new_plays, whitespace = c.new_ws,
        score_value = c.v, score_fit = c.f, score_engagement = c.e, priority_score = c.total,
        ranked_lifetime_value = c.ltv, ranked_potential = c.pot
      FROM materialise_rows c
      WHERE r.account_id = c.id
        AND r.tier_id IS NOT DISTINCT FROM c.old_tier AND COALESCE(r.segment_ids, '{}') = c.old_segs AND COALESCE(r.play_ids, '{}') = c.old_plays
      RETURNING c.id, c.old_tier, c.new_tier, c.old_segs, c.new_segs, c.old_plays, c.new_plays, c.score_changed
    ), entering AS MATERIALIZED (
      SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.new_segs) AS x(segment_id) WHERE NOT (x.segment_id = ANY(c.old_segs))
    ), leaving AS MATERIALIZED (
      -- Rows that leave nothing are passed over before unnest (a first materialisation: every
      -- row; calling unnest on 1,000,000 empty arrays took 0.5 s, here and for the plays).
      SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.old_segs) AS x(segment_id)
      WHERE NOT (c.new_segs @> c.old_segs) AND NOT (x.segment_id = ANY(c.new_segs))
    ), gone AS (
      DELETE FROM account_segments s USING leaving l WHERE s.account_id = l.id AND s.segment_id = l.segment_id
    ), added AS (
      -- A row already there: segment-rows.ts. Not looked for with NOT EXISTS: entering is
      -- estimated at one row, and with account_segments analysed empty (after a reset, or
      -- autovacuum on an emptied table) the planner scanned the whole table once per row, each
      -- scan walking every row this statement had inserted so far (at 1,000,000 accounts,
      -- cancelled after nearly ten minutes; tests/integration/insert-anti-join.test.ts).
      -- Not sorted: entering comes in account order, so each segment's key range fills rightwards.
      INSERT INTO account_segments (segment_id, account_id, since)
      SELECT e.segment_id, e.id, now() FROM entering e
      ${keepingExisting(keepExisting)}
    ), play_moves AS (
      SELECT c.id, x.play_id, 'ENTERED' AS change FROM changed c CROSS JOIN LATERAL unnest(c.new_plays) AS x(play_id) WHERE NOT (x.play_id = ANY(c.old_plays))
      UNION ALL
      SELECT c.id, x.play_id, 'LEFT' FROM changed c CROSS JOIN LATERAL unnest(c.old_plays) AS x(play_id)
      WHERE NOT (c.new_plays @> c.old_plays) AND NOT (x.play_id = ANY(c.new_plays))
    ), logged AS (
      INSERT INTO membership_events (account_id, at, scope, tier_id, from_tier_id, segment_id, play_id, change, reason, rule_version, detail)
      SELECT * FROM (
        SELECT id, now(), 'TIER', new_tier, old_tier, NULL::int, NULL::int, CASE WHEN new_tier IS NULL THEN 'LEFT' ELSE 'ENTERED' END,
          ${reason}, ${tierVersion}::int, ${detail}
        FROM changed WHERE old_tier IS DISTINCT FROM new_tier
        UNION ALL
        SELECT e.id, now(), 'SEGMENT', NULL, NULL, e.segment_id, NULL, 'ENTERED', ${reason}, ${segmentVersion(Prisma.sql`e.segment_id`)}, ${detail}
        FROM entering e
        UNION ALL
        SELECT l.id, now(), 'SEGMENT', NULL, NULL, l.segment_id, NULL, 'LEFT', ${reason}, ${segmentVersion(Prisma.sql`l.segment_id`)}, ${detail}
        FROM leaving l
        UNION ALL
        SELECT p.id, now(), 'PLAY', NULL, NULL, NULL, p.play_id, p.change, ${reason}, ${playVersion(Prisma.sql`p.play_id`)}, ${detail}
        FROM play_moves p
      ) rows (account_id, at, scope, tier_id, from_tier_id, segment_id, play_id, change, reason, rule_version, detail)
      -- Not sorted: each part comes in account order (the update walks materialise_rows in it), so the
      -- (account_id, at) index fills in a few ascending runs; a sort of every row spilled to disk.
      RETURNING scope
    )
    SELECT (SELECT count(*) FROM logged WHERE scope = 'TIER')::int AS tiers, (SELECT count(*) FROM logged WHERE scope = 'SEGMENT')::int AS segments,
      (SELECT count(*) FROM logged WHERE scope = 'PLAY')::int AS plays, (SELECT count(*) FROM changed WHERE score_changed)::int AS scores`;
  // Without its key account_segments would take a row already there: the key is built again
  // inside the write's savepoint, where a duplicate undoes the write (segment-rows.ts).
  const restoreKey = rebuilt.includes(SEGMENT_ROWS_KEY) ? () => buildAgain(tx, rebuilt, [SEGMENT_ROWS_KEY]) : undefined;
  const [row] = await step("write every change at once", () => insertingSegmentRows(tx, write, restoreKey));
  const rest = rebuilt.filter((name) => name !== SEGMENT_ROWS_KEY);
  if (rest.length > 0) {
    await step(`build ${rest.length} dropped indexes again`, () => buildAgain(tx, rest));
  }
  return { tierChanges: row!.tiers, segmentChanges: row!.segments, playChanges: row!.plays, scoreChanges: row!.scores, counts };
}

/**
 * Drops the secondary indexes of each table the staged write fills for the most part
 * (REBUILD_SHARE, lib/db/bulk-indexes.ts), to build again after the write; nothing when another
 * transaction holds one of those tables. The tables stay locked until the transaction ends: pages
 * that read them wait for the first materialisation, which happens when most accounts have never
 * been tiered (the seed, the first rules on newly imported accounts).
 */
async function dropIndexesForWrite(tx: Executor): Promise<string[]> {
  const [written] = await tx.$queryRaw<{ segmentation: number; segments: number; ledger: number }[]>`
    SELECT count(*)::float8 AS segmentation, COALESCE(sum(cardinality(new_segs)), 0)::float8 AS segments,
      (count(*) + COALESCE(sum(cardinality(new_segs) + cardinality(old_segs) + cardinality(new_plays) + cardinality(old_plays)), 0))::float8 AS ledger
    FROM materialise_rows`;
  const rows = await tx.$queryRaw<{ table: string; rows: number }[]>`
    SELECT relname::text AS "table", GREATEST(reltuples, 0)::float8 AS rows FROM pg_class
    WHERE oid IN ('account_segmentation'::regclass, 'account_segments'::regclass, 'membership_events'::regclass)`;
  const held = new Map(rows.map((r) => [r.table, r.rows]));
  // account_segmentation's rows are rewritten, the other two's added to (the ledger's at most
  // this many: a member staying in a segment or play counts twice here).
  const segments = written!.segments >= REBUILD_SHARE * (held.get("account_segments")! + written!.segments);
  const ledger = written!.ledger >= REBUILD_SHARE * (held.get("membership_events")! + written!.ledger);
  const tables = [
    written!.segmentation >= REBUILD_SHARE * held.get("account_segmentation")! ? "account_segmentation" : null,
    segments ? "account_segments" : null,
    ledger ? "membership_events" : null,
  ].filter((table) => table !== null);
  // Their keys too: at 1,000,000 accounts, inserting 1,383,360 segment rows took 4.1-4.9 s with
  // the key and 1.6 s without it (building it 1.1 s), and 2,670,000 ledger rows 11.1-11.4 s
  // against 6.2-6.6 s (1.0 s to build). account_segmentation's key is kept: its rows are
  // rewritten, and without it the update took as long (docs/benchmarks.md, session 22).
  const keys = ([segments ? "account_segments" : null, ledger ? "membership_events" : null] as const).filter((table): table is KeyedTable => table !== null);
  return dropSecondaryIndexes(tx, tables, keys);
}

/** account_segments' primary key (the name PostgreSQL gives it). */
const SEGMENT_ROWS_KEY = "account_segments_pkey";
