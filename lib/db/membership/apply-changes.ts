/**
 * The write half of a membership recompute (the read half is changes.ts): stores the new tiers
 * and segments, keeps account_segments equal to account_segmentation.segment_ids and records
 * every entry and exit in the ledger (membership_events).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { UNTIERED } from "@/lib/domain/tiers";
import { intArrayLiteral, intArraysLiteral } from "@/lib/db/bulk-values";
import { STAGED_CHANGES, type MembershipChange, type MembershipRecompute } from "./changes";
import { insertingSegmentRows, keepingExisting } from "./segment-rows";
import type { Because, Executor } from "./types";

export interface AppliedChanges {
  /** Accounts that changed tier. */
  tierChanges: number;
  /** Segment entries and exits. */
  segmentsEntered: number;
  segmentsLeft: number;
}

/** Rows written per statement when applying changes (bounded parameters and memory). */
export const APPLY_BATCH = 50_000;

/**
 * Accounts per membership write statement. Each statement joins its batch to account_segmentation
 * with one scan of the table, so at 1,000,000 accounts 50,000 a batch scanned it 20 times; the
 * arrays of 200,000 accounts are still a few MB of parameters.
 */
export const MEMBERSHIP_BATCH = 200_000;

/**
 * `r.account_id = ANY(ids)` beside a batch's join to its input rows: the rows are then found
 * through account_segmentation's primary key. With the join alone PostgreSQL hashes every row of
 * the table once per batch (0.6 s a batch at 1,000,000 accounts). `ids` is an int[] literal
 * (bulk-values.ts), the batch's ids in ascending order, so the key is walked page after page.
 */
export function byIds(ids: string): Prisma.Sql {
  return Prisma.sql`r.account_id = ANY(${ids}::int[])`;
}

/**
 * The write half: stores the new tiers and segments, updates account_segments and writes the
 * ledger. A row someone else changed since it was read is left alone (their recompute covers it).
 * Rows go in in their indexes' order (accounts ascending; account_segments by its key), so the
 * b-trees fill page after page instead of touching a random page per row.
 */
export async function applyMembershipChanges(
  db: Executor,
  changes: readonly MembershipChange[],
  what: MembershipRecompute,
  because: Because,
  batchSize = MEMBERSHIP_BATCH,
): Promise<AppliedChanges> {
  const applied: AppliedChanges = { tierChanges: 0, segmentsEntered: 0, segmentsLeft: 0 };
  const sorted = [...changes].sort((x, y) => x.id - y.id);
  for (let start = 0; start < sorted.length; start += batchSize) {
    const batch = sorted.slice(start, start + batchSize);
    // One literal per array (bulk-values.ts): Prisma converts an array parameter element by element.
    const idList = intArrayLiteral(batch.map((c) => c.id));
    const input = Prisma.sql`
        SELECT c.id, c.old_tier, c.new_tier, c.old_segs::int[] AS old_segs, c.new_segs::int[] AS new_segs
        FROM unnest(${idList}::int[], ${intArrayLiteral(batch.map((c) => c.old_tier))}::int[], ${intArrayLiteral(batch.map((c) => c.new_tier))}::int[],
          ${intArraysLiteral(batch.map((c) => c.old_segs))}::text[], ${intArraysLiteral(batch.map((c) => c.new_segs))}::text[])
          AS c(id, old_tier, new_tier, old_segs, new_segs)`;
    // Batches may run outside a transaction (no savepoint): rows already there are kept by the key.
    add(applied, await writeChanges(db, input, byIds(idList), what, because, true));
  }
  return applied;
}

/**
 * The write half for changes staged in PostgreSQL (stageMembershipChanges): one statement over
 * the staged table, nothing carried through Node, in the caller's transaction. The same write as
 * applyMembershipChanges, with segment rows inserted plainly first (segment-rows.ts).
 */
export async function applyStagedMembershipChanges(db: Executor, what: MembershipRecompute, because: Because): Promise<AppliedChanges> {
  const applied: AppliedChanges = { tierChanges: 0, segmentsEntered: 0, segmentsLeft: 0 };
  const input = Prisma.sql`SELECT id, old_tier, new_tier, old_segs, new_segs FROM ${STAGED_CHANGES}`;
  add(applied, await insertingSegmentRows(db, (keepExisting) => writeChanges(db, input, Prisma.sql`TRUE`, what, because, keepExisting)));
  return applied;
}

function add(applied: AppliedChanges, rows: readonly { scope: string; change: string; n: number }[]): void {
  for (const row of rows) {
    if (row.scope === "TIER") applied.tierChanges += row.n;
    else if (row.change === "ENTERED") applied.segmentsEntered += row.n;
    else applied.segmentsLeft += row.n;
  }
}

/**
 * The CTE body of the (id, segment_id) entries: only a recomputed segment can be entered (every
 * other one is carried over or dropped), so each is tested on each changed row, one pass per
 * segment, instead of unnesting every row's new array (a new segment at 1,000,000 accounts:
 * 343,152 unnest calls, 0.38 s; docs/benchmarks.md, session 15).
 */
function entering(segmentIds: readonly number[]): Prisma.Sql {
  if (segmentIds.length === 0) return Prisma.sql`SELECT NULL::int AS id, NULL::int AS segment_id WHERE FALSE`;
  return Prisma.join(
    segmentIds.map(
      (id) => Prisma.sql`SELECT c.id, ${id}::int AS segment_id FROM changed c WHERE ${id}::int = ANY(c.new_segs) AND NOT (${id}::int = ANY(c.old_segs))`,
    ),
    " UNION ALL ",
  );
}

/**
 * One write statement over `input` (id, old_tier, new_tier, old_segs, new_segs): the new tiers and
 * segments, the account_segments rows that follow and their ledger rows. `rows`: a condition on
 * `account_segmentation r` that finds the input's rows (byIds for a batch of ids); keepExisting:
 * a segment row already there is kept (segment-rows.ts), or fails the statement.
 */
function writeChanges(db: Executor, input: Prisma.Sql, rows: Prisma.Sql, what: MembershipRecompute, because: Because, keepExisting: boolean) {
  const tierVersion = because.ruleVersion ?? what.tiers?.scheme?.version ?? null;
  const segmentIds = what.segments.map((s) => s.id);
  const versions = what.segments.map((s) => because.ruleVersion ?? s.version);
  return db.$queryRaw<{ scope: string; change: string; n: number }[]>`
      WITH input AS (${input}
      ), changed AS MATERIALIZED (
        UPDATE account_segmentation r
        SET tier_id = c.new_tier, tier_rank = COALESCE(t.position, ${UNTIERED.rank}::int), segment_ids = c.new_segs
        FROM input c LEFT JOIN tiers t ON t.id = c.new_tier
        WHERE r.account_id = c.id AND r.tier_id IS NOT DISTINCT FROM c.old_tier AND COALESCE(r.segment_ids, '{}') = c.old_segs
          AND ${rows}
        RETURNING c.id, c.old_tier, c.new_tier, c.old_segs, c.new_segs
      ), entering AS MATERIALIZED (
        ${entering(segmentIds)}
      ), leaving AS MATERIALIZED (
        -- Rows that leave nothing are passed over before unnest (a segment's publish that only adds
        -- members: 343,152 calls for nothing, 0.2 s at 1,000,000 accounts).
        SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.old_segs) AS x(segment_id)
        WHERE NOT (c.new_segs @> c.old_segs) AND NOT (x.segment_id = ANY(c.new_segs))
      ), gone AS (
        DELETE FROM account_segments s USING leaving l WHERE s.account_id = l.id AND s.segment_id = l.segment_id
      ), added AS (
        -- A row already there is kept through the key (ON CONFLICT; staged: segment-rows.ts), not
        -- looked for with NOT EXISTS, which let the planner scan the table once per row when it was
        -- analysed empty, each scan walking the rows this statement had inserted (materialise.ts).
        -- The same time at 1,000,000 accounts: 344,028 entering, 8.16-8.33 s vs 8.16-8.43 s with
        -- NOT EXISTS, alternating.
        INSERT INTO account_segments (segment_id, account_id, since)
        SELECT e.segment_id, e.id, now() FROM entering e
        ORDER BY e.segment_id, e.id
        ${keepingExisting(keepExisting)}
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
}
