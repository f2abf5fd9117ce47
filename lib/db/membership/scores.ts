/**
 * Priority scores (lib/segmentation/score.ts defines them), computed set-based: one read ranks
 * every account and returns only the changed scores, then those are written in batches; or, on the
 * transaction that reads (writeScoreChanges), the changed rows go straight into one update.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { buildAgain, dropSecondaryIndexes, REBUILD_SHARE } from "@/lib/db/bulk-indexes";
import { allowLargeSorts, onOneTransaction } from "@/lib/db/transaction";
import type { RuleGroup } from "@/lib/segmentation/schema";
import {
  ENGAGEMENT_SCORE_SHARE,
  RECENCY_HORIZON_DAYS,
  VALUE_LTV_SHARE,
  normaliseWeights,
} from "@/lib/segmentation/score";
import { compileRule } from "@/lib/segmentation/sql";
import { APPLY_BATCH, byIds } from "./apply-changes";
import { floatArrayLiteral, intArrayLiteral, parseJsonRows } from "@/lib/db/bulk-values";
import type { ScoringSettings } from "./published-rules";
import type { Executor } from "./types";

export interface ScoreChange {
  id: number;
  v: number;
  f: number;
  e: number;
  total: number;
  /**
   * From a read with every account ranked (`ranked`), when the values the account was ranked at
   * differ from the stored ones (account_segmentation.ranked_*): those values, stored with the
   * score, and whether the score itself changed (false: only those values did).
   */
  ranked?: { ltv: number; pot: number; scoreChanged: boolean };
}

/** Whether the change is to the score (not only to the values it was ranked at). */
export const scoreChanged = (change: ScoreChange): boolean => change.ranked?.scoreChanged ?? true;

/**
 * `ranked`: this read's ranks hold for every account as the database now is (the full read, or
 * the recompute of written accounts, which rescores every account they could move), so the
 * values each account was ranked at are stored with its score. The live recompute's scoped read
 * (readScopedScoreChanges) leaves other accounts' ranks as they were and must not store them.
 */
interface ScoreReadOptions {
  ranked?: boolean;
}

/** Recompute every account's priority score and its breakdown; returns how many changed. */
export async function recomputeScores(db: Executor, scoring: ScoringSettings, options: { asOf?: Date } = {}): Promise<number> {
  return writeScoreChanges(db, scoring, options.asOf ?? new Date());
}

/** Fit as SQL: the share (0-1) of the ideal profile's top-level conditions an account meets. */
function fitSql(idealProfile: RuleGroup | null, asOf: Date): Prisma.Sql {
  const children = idealProfile?.children ?? [];
  if (children.length === 0) return Prisma.sql`0::float8`;
  const parts = children.map((child) => {
    const single = { kind: "group" as const, op: "and" as const, children: [child] };
    return Prisma.sql`(CASE WHEN ${compileRule(single, asOf)} THEN 1 ELSE 0 END)`;
  });
  return Prisma.sql`((${Prisma.join(parts, " + ")})::float8 / ${children.length})`;
}

/**
 * Every account's score components (value ranks are relative to all accounts), returning only
 * the accounts whose stored score or breakdown differs. Wants allowLargeSorts in its transaction.
 */
export async function readScoreChanges(db: Executor, scoring: ScoringSettings, asOf: Date): Promise<ScoreChange[]> {
  return scoreRows(await db.$queryRaw<{ r: string }[]>`WITH ${rankedBase(scoring, asOf)}, ${changedScores(scoring, { ranked: true })}`);
}

/**
 * Below this many changed rows the update goes through the indexes: their entries then cost less
 * than building the indexes again, and pages reading account_segmentation do not wait for a lock.
 */
export const BULK_SCORE_ROWS = 10_000;

/**
 * readScoreChanges and applyScoreChanges without Node in between, for a caller that needs only the
 * count and writes on the transaction that reads (recomputeAll, recomputeScores): the changed rows
 * are staged in a temporary table, then written in one update. At 100,000 accounts with ~98,000
 * changed scores the read and the batched write took 2.8-2.9 s, this 2.1-2.3 s (docs/benchmarks.md,
 * session 16). When most rows change (a large import moves every account's value rank, a scoring
 * change every score), account_segmentation's secondary indexes are dropped for the update and
 * built again after it (lib/db/bulk-indexes.ts): priority_score is in the accounts list's index,
 * so no score update is HOT, and each row cost an entry in all four (~98,000 rows: 1.97 s with
 * them, 0.92 s without and 0.30 s to build them). They are built right after the update, so the
 * caller's later statements must not need them (none of recomputeAll's and recomputeScores' callers
 * reads through them after it: bulk-indexes.ts). The table then stays locked until the
 * transaction ends. Returns how many scores changed (not only ranked values). Runs on the
 * caller's transaction, or on one of its own when given the client (onOneTransaction).
 */
export async function writeScoreChanges(root: Executor, scoring: ScoringSettings, asOf: Date): Promise<number> {
  return onOneTransaction(root, async (db) => {
    await allowLargeSorts(db);
    await db.$executeRaw`
      CREATE TEMP TABLE score_changes ON COMMIT DROP AS
      WITH ${rankedBase(scoring, asOf)}, ${scoredParts(scoring)}
      SELECT s.id, s.v, s.f, s.e, s.total, s.ltv, s.pot, ${STORED} IS DISTINCT FROM ${COMPUTED} AS score_changed
      FROM scored s JOIN account_segmentation r ON r.account_id = s.id
      WHERE (${STORED}, ${STORED_RANKS}) IS DISTINCT FROM (${COMPUTED}, ${COMPUTED_RANKS})`;
    const [staged] = await db.$queryRaw<{ rows: number; scores: number; held: number }[]>`
      SELECT count(*)::float8 AS rows, (count(*) FILTER (WHERE score_changed))::int AS scores,
        (SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'account_segmentation'::regclass)::float8 AS held
      FROM score_changes`;
    // Nothing to drop when the caller already dropped them (a large import): its build comes later.
    const bulk = staged!.rows >= BULK_SCORE_ROWS && staged!.rows >= REBUILD_SHARE * staged!.held;
    const dropped = bulk ? await dropSecondaryIndexes(db, ["account_segmentation"]) : [];
    if (staged!.rows > 0) {
      await db.$executeRaw`
        UPDATE account_segmentation r SET score_value = c.v, score_fit = c.f, score_engagement = c.e, priority_score = c.total,
          ranked_lifetime_value = c.ltv, ranked_potential = c.pot
        FROM score_changes c WHERE r.account_id = c.id`;
    }
    await buildAgain(db, dropped);
    await db.$executeRaw`DROP TABLE score_changes`;
    return staged!.scores;
  });
}

/** Every account's value ranks (relative to all accounts) and score components, as the CTE `base`. */
function rankedBase(scoring: ScoringSettings, asOf: Date): Prisma.Sql {
  return Prisma.sql`base AS (
      SELECT a.id, a.lifetime_value::float8 AS ltv, a.potential::float8 AS pot,
        percent_rank() OVER (ORDER BY a.lifetime_value::float8) AS ltv_rank,
        percent_rank() OVER (ORDER BY a.potential::float8) AS potential_rank,
        ${componentColumns(scoring, asOf)}
      FROM accounts a
    )`;
}

/**
 * The same score for only the given accounts (the live recompute after an API write): each
 * account's ranks are computed against ALL accounts, exactly as percent_rank does
 * (ranksAmongAll). Only these accounts' rows are written. Every other account's value rank may
 * now be off by at most 1/(n-1) per account that moved past it (an order moves one account; the
 * others' stored ranks are not rewritten on every write); the next full recompute
 * (recomputeEverything, at most an hour later: lib/db/refresh.ts) corrects them.
 */
export async function readScopedScoreChanges(db: Executor, scoring: ScoringSettings, asOf: Date, accountIds: readonly number[]): Promise<ScoreChange[]> {
  if (accountIds.length === 0) return [];
  return scoreRows(await db.$queryRaw<{ r: string }[]>`
    WITH mine AS MATERIALIZED (
      SELECT id, lifetime_value::float8 AS ltv, potential::float8 AS pot FROM accounts WHERE id = ANY(${[...accountIds]}::int[])
    ), ${ranksAmongAll()}, base AS (
      SELECT a.id, m.ltv, m.pot, m.ltv_rank, m.potential_rank, ${componentColumns(scoring, asOf)}
      FROM ranked_mine m JOIN accounts a ON a.id = m.id
    ), ${changedScores(scoring, {})}`);
}

/**
 * After the CTE `mine` (id, ltv, pot as float8): the CTE `ranked_mine` (the same rows with
 * ltv_rank and potential_rank), each account's ranks computed against ALL accounts exactly as
 * percent_rank does, as (accounts with a smaller value) / (accounts - 1), 0 when there is one
 * account. The counts come from one index-only pass over the lifetime_value and the potential
 * index each, over the rows' range of values, counted per value (a running sum of the counts
 * gives each value's accounts below), so any number of rows costs two index scans at most, not a
 * sort of every account; rows valued in a narrow range (the accounts a written one passed) cost a
 * short one. Values are compared as float8, percent_rank's sort key in the full pass. (Counted
 * per bucket of the rows' values before, with width_bucket's binary search on every account in
 * the range: at 1,000,000 accounts the 119,530 accounts a value write passed span almost every
 * potential, and bucketing those took 0.7 s; docs/benchmarks.md, session 21.)
 */
function ranksAmongAll(): Prisma.Sql {
  // Per value in the index's order, then per float8 (two numerics could meet in one).
  const counts = (column: "lifetime_value" | "potential", bound: "ltv" | "pot") => Prisma.sql`
      SELECT v.value::float8 AS value, sum(v.n) AS n FROM (
        SELECT a.${Prisma.raw(column)} AS value, count(*) AS n
        FROM bounds b JOIN accounts a ON a.${Prisma.raw(column)} BETWEEN b.${Prisma.raw(bound)}_min::numeric - 1 AND b.${Prisma.raw(bound)}_max::numeric + 1 GROUP BY 1
      ) v GROUP BY 1`;
  return Prisma.sql`bounds AS MATERIALIZED (
      SELECT min(ltv) AS ltv_min, max(ltv) AS ltv_max, min(pot) AS pot_min, max(pot) AS pot_max FROM mine
    ), floors AS MATERIALIZED (
      -- The accounts valued well below the lowest value, and (for the total) well above the
      -- highest, counted on the index; the passes below count only the rest (numeric bounds one
      -- unit wider than the float8 ones, so none is missed).
      SELECT (SELECT count(*) FROM accounts WHERE lifetime_value < b.ltv_min::numeric - 1) AS ltv,
        (SELECT count(*) FROM accounts WHERE lifetime_value > b.ltv_max::numeric + 1) AS ltv_above,
        (SELECT count(*) FROM accounts WHERE potential < b.pot_min::numeric - 1) AS pot
      FROM bounds b
    ), ltv_counts AS MATERIALIZED (${counts("lifetime_value", "ltv")}
    ), pot_counts AS MATERIALIZED (${counts("potential", "pot")}
    ), total AS (
      SELECT f.ltv + (SELECT sum(n) FROM ltv_counts) + f.ltv_above AS n FROM floors f
    ), ltv_below AS (
      -- The accounts below a value: the floor and the counted values before it.
      SELECT c.value, f.ltv + c.below AS below
      FROM floors f, (SELECT value, sum(n) OVER (ORDER BY value) - n AS below FROM ltv_counts) c
    ), pot_below AS (
      SELECT c.value, f.pot + c.below AS below
      FROM floors f, (SELECT value, sum(n) OVER (ORDER BY value) - n AS below FROM pot_counts) c
    ), ranked_mine AS (
      SELECT m.id, m.ltv, m.pot,
        CASE WHEN t.n > 1 THEN l.below::float8 / (t.n - 1)::float8 ELSE 0 END AS ltv_rank,
        CASE WHEN t.n > 1 THEN p.below::float8 / (t.n - 1)::float8 ELSE 0 END AS potential_rank
      FROM mine m CROSS JOIN total t JOIN ltv_below l ON l.value = m.ltv JOIN pot_below p ON p.value = m.pot
    )`;
}

/**
 * After the given accounts were written, their scores and those of the other accounts whose
 * value rank they moved, in one statement (ranksAmongAll ranks both against all accounts):
 *  - `written`: scored in full, with the values they are now ranked at (as the full read);
 *  - `moved`: every other account valued between a written account's ranked value (what every
 *    other account's stored score counted it at) and its value now, on either ranked column (found
 *    through each column's index). Only its value part can have changed (fit, engagement and
 *    recency are its own, and stored), so that is recomputed, with the stored fit and engagement;
 *    unranked (its own values did not change).
 * Only changed scores are returned. Ask writtenScoresHold first.
 */
export async function readWrittenScoreChanges(
  db: Executor,
  scoring: ScoringSettings,
  asOf: Date,
  written: readonly number[],
): Promise<{ written: ScoreChange[]; moved: ScoreChange[] }> {
  if (written.length === 0) return { written: [], moved: [] };
  const [row] = await db.$queryRaw<{ written: string[] | null; moved: string[] | null }[]>`
    WITH ${writtenMoves(written)}, mine AS MATERIALIZED (
      SELECT id, ltv, pot FROM w
      UNION
      -- Numeric bounds one unit wider for the index, then the float8 comparison percent_rank sorts by.
      SELECT a.id, a.lifetime_value::float8, a.potential::float8 FROM ltv_moves m JOIN accounts a
        ON a.lifetime_value BETWEEN m.lo::numeric - 1 AND m.hi::numeric + 1 AND a.lifetime_value::float8 > m.lo AND a.lifetime_value::float8 <= m.hi
      UNION
      SELECT a.id, a.lifetime_value::float8, a.potential::float8 FROM pot_moves m JOIN accounts a
        ON a.potential BETWEEN m.lo::numeric - 1 AND m.hi::numeric + 1 AND a.potential::float8 > m.lo AND a.potential::float8 <= m.hi
    ), ${ranksAmongAll()}, stored AS MATERIALIZED (
      -- Every row's stored score, read once for both parts below, by key: the planner guesses
      -- mine's size from the ranges (24,597 rows for 1 or 119,530 at 1,000,000 accounts) and
      -- hashed every stored row for it (0.65-1.1 s); OFFSET 0 keeps the lookup per row.
      SELECT m.*, w.id IS NOT NULL AS written, r.*
      FROM ranked_mine m CROSS JOIN LATERAL (
        SELECT r.score_value, r.score_fit, r.score_engagement, r.priority_score, r.ranked_lifetime_value, r.ranked_potential
        FROM account_segmentation r WHERE r.account_id = m.id OFFSET 0
      ) r LEFT JOIN w ON w.id = m.id
    ), base AS (
      -- From w (a few rows the planner can count): accounts by key, not hashed whole.
      SELECT a.id, m.ltv, m.pot, m.ltv_rank, m.potential_rank, ${componentColumns(scoring, asOf)}
      FROM w JOIN stored m ON m.id = w.id JOIN accounts a ON a.id = w.id
    ), ${scoredParts(scoring)}, moved AS (
      SELECT id, score_value AS old_v, priority_score AS old_total, score_fit AS f, score_engagement AS e,
        ${valuePart(Prisma.sql`ltv_rank`, Prisma.sql`potential_rank`)} AS v
      FROM stored WHERE NOT written
      OFFSET 0
    )
    SELECT (SELECT array_agg(c.r) FROM (${changedRows({ ranked: true }, Prisma.sql`stored r ON r.id = s.id`)}) c) AS written,
      (SELECT array_agg(json_build_array(id, v, f, e, total)::text) FROM (
        SELECT id, old_v, old_total, v, f, e, ${totalOf(scoring)} AS total FROM moved
      ) t WHERE (v, total) IS DISTINCT FROM (old_v, old_total)) AS moved`;
  const rows = (texts: string[] | null) => scoreRows((texts ?? []).map((r) => ({ r })));
  return { written: rows(row?.written ?? null), moved: rows(row?.moved ?? null) };
}

/**
 * Whether readWrittenScoreChanges can stand for reading every account after these accounts were
 * written: each was ranked before (its ranked values are stored), and at most `maxMoved` other
 * accounts may have moved in rank (counted on the indexes, an account once per range it is in;
 * rescoring more costs more than reading everything).
 */
export async function writtenScoresHold(db: Executor, written: readonly number[], maxMoved: number): Promise<boolean> {
  if (written.length === 0) return true;
  const [gate] = await db.$queryRaw<{ unranked: number; moved: number }[]>`
    WITH ${writtenMoves(written)}
    SELECT (SELECT count(*) FROM w WHERE old_ltv IS NULL OR old_pot IS NULL)::int AS unranked, (SELECT count(*) FROM (
      SELECT 1 FROM ltv_moves m JOIN accounts a ON a.lifetime_value BETWEEN m.lo::numeric - 1 AND m.hi::numeric + 1
      UNION ALL
      SELECT 1 FROM pot_moves m JOIN accounts a ON a.potential BETWEEN m.lo::numeric - 1 AND m.hi::numeric + 1
      LIMIT ${maxMoved + 1}
    ) x)::int AS moved`;
  return !!gate && gate.unranked === 0 && gate.moved <= maxMoved;
}

/**
 * The CTEs `w` (the written accounts: id, ltv and pot now, old_ltv and old_pot as stored with
 * their scores), `ltv_moves` and `pot_moves` (lo, hi: the ranges their values moved across).
 */
function writtenMoves(written: readonly number[]): Prisma.Sql {
  return Prisma.sql`w AS MATERIALIZED (
      SELECT a.id, a.lifetime_value::float8 AS ltv, a.potential::float8 AS pot, r.ranked_lifetime_value AS old_ltv, r.ranked_potential AS old_pot
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
      WHERE a.id = ANY(${[...written]}::int[])
    ), ltv_moves AS MATERIALIZED (
      SELECT least(ltv, old_ltv) AS lo, greatest(ltv, old_ltv) AS hi FROM w WHERE ltv <> old_ltv
    ), pot_moves AS MATERIALIZED (
      SELECT least(pot, old_pot) AS lo, greatest(pot, old_pot) AS hi FROM w WHERE pot <> old_pot
    )`;
}

/** The value part of the score (0-100, rounded to 0.1) from the two ranks. */
function valuePart(ltvRank: Prisma.Sql, potentialRank: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`round(1000 * (${VALUE_LTV_SHARE} * ${ltvRank} + ${1 - VALUE_LTV_SHARE} * ${potentialRank})) / 10`;
}

/** The total (rounded to 0.1) from the columns v, f and e. */
function totalOf(scoring: ScoringSettings): Prisma.Sql {
  const w = normaliseWeights(scoring.weights);
  return Prisma.sql`round(10 * (${w.value} * v + ${w.fit} * f + ${w.engagement} * e)) / 10`;
}

/** The changes read as `json_build_array(id, v, f, e, total[, ltv, pot, score changed])` rows (changedScores). */
function scoreRows(rows: readonly { r: string }[]): ScoreChange[] {
  return parseJsonRows(rows).map(([id, v, f, e, total, ltv, pot, scoreChanged]) => {
    const change = { id, v, f, e, total } as ScoreChange;
    return ltv === undefined ? change : { ...change, ranked: { ltv, pot, scoreChanged } as NonNullable<ScoreChange["ranked"]> };
  });
}

/** The score inputs other than the ranks, as columns of `accounts a`. */
function componentColumns(scoring: ScoringSettings, asOf: Date): Prisma.Sql {
  const day = asOf.toISOString().slice(0, 10);
  return Prisma.sql`${fitSql(scoring.idealProfile, asOf)} AS fit,
        LEAST(a.engagement_score, 100)::float8 AS engagement,
        -- In float8 throughout: numeric arithmetic here cost more than the rest of the row's score.
        CASE WHEN a.last_order_at IS NULL THEN 0::float8
             ELSE GREATEST(0::float8, 100::float8 - 100::float8 * GREATEST(0, CAST(${day} AS date) - a.last_order_at) / ${RECENCY_HORIZON_DAYS}::float8)
        END AS recency`;
}

/**
 * From `base` (id, ltv, pot, ltv_rank, potential_rank, fit, engagement, recency): the rounded parts
 * and total, only where they differ from the stored ones (or, `ranked`, where the values the account
 * was ranked at do).
 */
function changedScores(scoring: ScoringSettings, options: ScoreReadOptions): Prisma.Sql {
  return Prisma.sql`${scoredParts(scoring)} ${changedRows(options)}`;
}

/** A score's stored parts (`account_segmentation r`) and computed ones (`scored s`), and the values it was ranked at. */
const STORED = Prisma.sql`(r.score_value, r.score_fit, r.score_engagement, r.priority_score)`;
const COMPUTED = Prisma.sql`(s.v, s.f, s.e, s.total)`;
const STORED_RANKS = Prisma.sql`(r.ranked_lifetime_value, r.ranked_potential)`;
const COMPUTED_RANKS = Prisma.sql`(s.ltv, s.pot)`;

/**
 * After scoredParts' CTEs: the changed rows, each as one JSON text (bulk-values.ts). `storedRows`:
 * where the stored scores are read, as `r` joined to `scored s` (account_segmentation's columns).
 */
function changedRows(options: ScoreReadOptions, storedRows = Prisma.sql`account_segmentation r ON r.account_id = s.id`): Prisma.Sql {
  // The ranked values only where they changed: carried and written for every changed row, they
  // cost 10-20% of a full score write (most days change scores, not lifetime values).
  return options.ranked
    ? Prisma.sql`SELECT (CASE WHEN ${STORED_RANKS} IS DISTINCT FROM ${COMPUTED_RANKS}
          THEN json_build_array(s.id, s.v, s.f, s.e, s.total, s.ltv, s.pot, ${STORED} IS DISTINCT FROM ${COMPUTED})
          ELSE json_build_array(s.id, s.v, s.f, s.e, s.total) END)::text AS r
      FROM scored s JOIN ${storedRows}
      WHERE (${STORED}, ${STORED_RANKS}) IS DISTINCT FROM (${COMPUTED}, ${COMPUTED_RANKS})`
    : Prisma.sql`SELECT json_build_array(s.id, s.v, s.f, s.e, s.total)::text AS r FROM scored s JOIN ${storedRows}
      WHERE ${STORED} IS DISTINCT FROM ${COMPUTED}`;
}

/** The CTEs `parts` and `scored` (id, ltv, pot, v, f, e, total) over `base`. */
function scoredParts(scoring: ScoringSettings): Prisma.Sql {
  return Prisma.sql`parts AS (
      -- Rounded to 0.1 (in float8: numeric rounding is several times slower) so tiny shifts do not rewrite rows.
      SELECT id, ltv, pot,
        ${valuePart(Prisma.sql`ltv_rank`, Prisma.sql`potential_rank`)} AS v,
        round(1000 * fit) / 10 AS f,
        round(10 * (${ENGAGEMENT_SCORE_SHARE} * engagement + ${1 - ENGAGEMENT_SCORE_SHARE} * recency)) / 10 AS e
      FROM base
    ), scored AS (
      -- OFFSET 0 computes each row's parts once: inlined into the comparison below, every column
      -- repeated its whole expression (the fit's conditions twice, the ranks' arithmetic twice).
      SELECT id, ltv, pot, v, f, e, ${totalOf(scoring)} AS total FROM parts OFFSET 0
    )`;
}

/**
 * Every account's score as one query (id, ltv, pot, v, f, e, total), the same values
 * readScoreChanges compares: for the set-based first materialisation, which stages them instead
 * of reading them.
 */
export function allScoresSql(scoring: ScoringSettings, asOf: Date): Prisma.Sql {
  return Prisma.sql`
    WITH ${rankedBase(scoring, asOf)}, ${scoredParts(scoring)}
    SELECT id, ltv, pot, v, f, e, total FROM scored`;
}

/**
 * Writes the scores a read found (with the values they were ranked at, when it says them); returns
 * how many scores changed. In account order,
 * each batch's rows found through the primary key (byIds): a join alone hashed all of
 * account_segmentation once per batch (575,000 changes at 1,000,000 accounts: 11.6 s, 6.4 s so).
 */
export async function applyScoreChanges(db: Executor, changes: readonly ScoreChange[]): Promise<number> {
  const sorted = [...changes].sort((x, y) => x.id - y.id);
  // Rows with ranked values, then the rest: each batch is one statement of one shape.
  for (const rows of [sorted.filter((c) => c.ranked), sorted.filter((c) => !c.ranked)]) {
    for (let start = 0; start < rows.length; start += APPLY_BATCH) {
      const batch = rows.slice(start, start + APPLY_BATCH);
      const ids = intArrayLiteral(batch.map((c) => c.id));
      const floats = (pick: (c: ScoreChange) => number) => Prisma.sql`${floatArrayLiteral(batch.map(pick))}::float8[]`;
      const scores = Prisma.sql`${ids}::int[], ${floats((c) => c.v)}, ${floats((c) => c.f)}, ${floats((c) => c.e)}, ${floats((c) => c.total)}`;
      await (batch[0]!.ranked
        ? db.$executeRaw`
        UPDATE account_segmentation r SET score_value = c.v, score_fit = c.f, score_engagement = c.e, priority_score = c.total,
          ranked_lifetime_value = c.ltv, ranked_potential = c.pot
        FROM unnest(${scores}, ${floats((c) => c.ranked!.ltv)}, ${floats((c) => c.ranked!.pot)}) AS c(id, v, f, e, total, ltv, pot)
        WHERE r.account_id = c.id AND ${byIds(ids)}`
        : db.$executeRaw`
        UPDATE account_segmentation r SET score_value = c.v, score_fit = c.f, score_engagement = c.e, priority_score = c.total
        FROM unnest(${scores}) AS c(id, v, f, e, total)
        WHERE r.account_id = c.id AND ${byIds(ids)}`);
    }
  }
  return changes.filter(scoreChanged).length;
}
