/**
 * Suggested thresholds for one number / money condition, computed in PostgreSQL over the
 * accounts that reach the tier (not caught by an earlier tier; every account for a segment):
 * percentiles (percentile_cont), a histogram (width_bucket), the Pareto cut (a window sum of
 * lifetime value in the condition's direction) and the capacity cut (the N-th account per rep).
 * suggest.ts turns the raw cuts into values to apply.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { FieldKeyOfType } from "@/lib/segmentation/fields";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { compileNumericField, compileRule } from "@/lib/segmentation/sql";
import { allowLargeSorts } from "@/lib/db/transaction";
import type { QueryDb } from "./run";

/** Percentiles shown, and the ones the target shares read (top 5% = p95, or p5 when lower is better). */
export const PERCENTILES = [0.01, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 0.8, 0.9, 0.95, 0.99] as const;
export const HISTOGRAM_BINS = 12;
export const PARETO_SHARE = 0.8;

export type NumericFieldKey = FieldKeyOfType<"number" | "money">;

export interface ThresholdQuery {
  field: NumericFieldKey;
  /** "high": the condition keeps high values (>=, >, between); "low": low values (<=, <). */
  direction: "high" | "low";
  /** Rules of the earlier tiers: their accounts do not reach this one. */
  earlier: readonly RuleGroup[];
  /** Capacity: at most this many accounts per rep in the tier. */
  perRep: number;
}

export interface RawDistribution {
  population: number;
  withValue: number;
  reps: number;
  min: number | null;
  max: number | null;
  percentiles: { p: number; value: number }[];
  histogram: { from: number; to: number; count: number }[];
  /** The value where the accounts holding PARETO_SHARE of lifetime value end, and how many they are. */
  pareto: { value: number; accounts: number } | null;
  /** The value of the (perRep × reps)-th account; null when the capacity holds every account. */
  capacity: { value: number; accounts: number } | null;
}

interface Row {
  population: number;
  with_value: number;
  reps: number;
  lo: number | null;
  hi: number | null;
  pct: number[] | null;
  bins: number[] | null;
  bin_lo: number | null;
  bin_hi: number | null;
  pareto_value: number | null;
  pareto_rank: number | null;
  capacity_value: number | null;
}

export async function thresholdDistribution(db: QueryDb, query: ThresholdQuery, today: Date = new Date()): Promise<RawDistribution> {
  const x = compileNumericField(query.field, today);
  const reaches = query.earlier.length === 0 ? Prisma.sql`TRUE` : Prisma.join(query.earlier.map((rule) => Prisma.sql`NOT ${compileRule(rule, today)}`), " AND ");
  const order = Prisma.raw(query.direction === "high" ? "DESC" : "ASC");
  const rows = await db.$transaction(async (tx) => {
    // Two sorts of every reaching account's value: past ~500k accounts they would spill to disk.
    await allowLargeSorts(tx);
    return tx.$queryRaw<Row[]>`
    WITH pop AS MATERIALIZED (
      SELECT (${x})::float8 AS v, a.lifetime_value::float8 AS ltv, a.owner_id FROM accounts a WHERE ${reaches}
    ),
    s AS (
      -- Reps by a hashed DISTINCT: count(DISTINCT ...) would sort every account's owner id.
      SELECT count(*)::int AS population, count(v)::int AS with_value,
        (SELECT count(*) FROM (SELECT DISTINCT owner_id FROM pop WHERE owner_id IS NOT NULL) o)::int AS reps,
        min(v) AS lo, max(v) AS hi, COALESCE(sum(ltv) FILTER (WHERE v IS NOT NULL), 0) AS ltv_total,
        percentile_cont(${[...PERCENTILES]}::float8[]) WITHIN GROUP (ORDER BY v) AS pct
      FROM pop
    ),
    -- Bins from p1 to p99 (outliers fall into the end bins), so one whale does not flatten the rest.
    bounds AS (SELECT s.pct[1] AS bin_lo, s.pct[${PERCENTILES.length}] AS bin_hi FROM s),
    r AS (
      SELECT v, sum(ltv) OVER w AS cum, row_number() OVER w AS rank
      FROM pop WHERE v IS NOT NULL
      WINDOW w AS (ORDER BY v ${order} ROWS UNBOUNDED PRECEDING)
    )
    SELECT s.population, s.with_value, s.reps, s.lo, s.hi, s.pct, bounds.bin_lo, bounds.bin_hi,
      (SELECT array_agg(COALESCE(b.n, 0) ORDER BY g.i) FROM generate_series(1, ${HISTOGRAM_BINS}::int) g(i)
        LEFT JOIN (
          SELECT CASE WHEN bounds.bin_hi > bounds.bin_lo
                   THEN LEAST(GREATEST(width_bucket(v, bounds.bin_lo, bounds.bin_hi, ${HISTOGRAM_BINS}::int), 1), ${HISTOGRAM_BINS}::int)
                   ELSE 1 END AS i, count(*)::int AS n
          FROM pop WHERE v IS NOT NULL GROUP BY 1
        ) b ON b.i = g.i) AS bins,
      p.v AS pareto_value, p.rank::int AS pareto_rank,
      (SELECT r.v FROM r WHERE r.rank = ${query.perRep}::bigint * s.reps AND r.rank < s.with_value) AS capacity_value
    FROM s CROSS JOIN bounds
    LEFT JOIN LATERAL (
      SELECT r.v, r.rank FROM r WHERE s.ltv_total > 0 AND r.cum >= s.ltv_total * ${PARETO_SHARE}::float8 ORDER BY r.rank LIMIT 1
    ) p ON TRUE`;
  });
  const row = rows[0];
  if (!row) throw new Error("The distribution query returned no row");
  const binLo = row.bin_lo ?? 0;
  const binHi = row.bin_hi ?? 0;
  const width = binHi > binLo ? (binHi - binLo) / HISTOGRAM_BINS : 0;
  return {
    population: row.population,
    withValue: row.with_value,
    reps: row.reps,
    min: row.lo,
    max: row.hi,
    percentiles: row.pct ? PERCENTILES.map((p, i) => ({ p, value: row.pct?.[i] ?? 0 })) : [],
    histogram:
      row.with_value === 0
        ? []
        : (row.bins ?? []).map((count, i) => ({ from: binLo + i * width, to: width > 0 ? binLo + (i + 1) * width : binHi, count })).filter((bin, i) => width > 0 || i === 0),
    pareto: row.pareto_value === null || row.pareto_rank === null ? null : { value: row.pareto_value, accounts: row.pareto_rank },
    capacity: row.capacity_value === null ? null : { value: row.capacity_value, accounts: query.perRep * row.reps },
  };
}
