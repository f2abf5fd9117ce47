/**
 * The backtest queries. One pass over the accounts as of the day (as-of.ts) evaluates the draft
 * and the published scheme side by side (compileTierCase of the one rule engine, a tier's
 * position as its id) and joins each account's orders in the horizon; PostgreSQL returns one row
 * per (draft tier, published tier) pair, which summary.ts turns into per-tier outcomes.
 */
import type { Db } from "@/lib/db/client";
import { LONG_TRANSACTION, allowLargeSorts } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { UNTIERED } from "@/lib/domain/tiers";
import { dayNumber, type IsoDate } from "@/lib/segmentation/dates";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import { accountsAsOf, createdAfter, dateLiteral, fieldHistory } from "./as-of";
import { horizonEnd, type BacktestOptions } from "./options";
import {
  averageOf,
  outcomes,
  segmentVerdict,
  tierVerdict,
  type BacktestFrame,
  type GroupCounts,
  type GroupLabel,
  type GroupOutcome,
} from "./summary";

export type QueryDb = Pick<Db, "$queryRaw" | "$transaction">;



export interface TierBacktest extends BacktestFrame {
  draft: GroupOutcome[];
  /** Null when no scheme is published. */
  published: GroupOutcome[] | null;
  publishedVersion: number | null;
  verdict: string;
}

export interface SegmentBacktest extends BacktestFrame {
  members: GroupOutcome;
  others: GroupOutcome;
  verdict: string;
}

interface Row {
  g1: number | null;
  g2: number | null;
  accounts: number;
  revenue: number;
  ordered: number;
  silent: number;
}

/** `a` as of the day, and `h`: revenue per account in the horizon (after asOf, up to its end). */
function frameSql(options: BacktestOptions, end: IsoDate): Prisma.Sql {
  return Prisma.sql`a AS (${accountsAsOf(options.asOf)}),
    h AS (SELECT account_id, sum(amount) AS revenue FROM orders
          WHERE ordered_at > ${Prisma.raw(dateLiteral(options.asOf))} AND ordered_at <= ${Prisma.raw(dateLiteral(end))}
          GROUP BY account_id)`;
}

/** Counts per pair of group expressions over `a` (each an integer or NULL). */
async function countGroups(db: QueryDb, options: BacktestOptions, end: IsoDate, g1: Prisma.Sql, g2: Prisma.Sql): Promise<{ rows: Row[]; createdAfter: number }> {
  const [rows, excluded] = await Promise.all([
    db.$transaction(async (tx) => {
      // The hash aggregates hold a row per account (its orders as of the day, the horizon's): at
      // 1,000,000 accounts they outgrow the default work_mem and would spill to disk.
      await allowLargeSorts(tx);
      return tx.$queryRaw<Row[]>`
      WITH ${frameSql(options, end)}
      SELECT t.g1, t.g2, count(*)::int AS accounts, COALESCE(sum(h.revenue), 0)::float8 AS revenue,
        count(h.account_id)::int AS ordered,
        count(*) FILTER (WHERE h.account_id IS NULL AND t.order_count > 0)::int AS silent
      FROM (SELECT a.id, a.order_count, ${g1} AS g1, ${g2} AS g2 FROM a) t
      LEFT JOIN h ON h.account_id = t.id
      GROUP BY t.g1, t.g2`;
    }, LONG_TRANSACTION),
    db.$queryRaw<{ n: number }[]>(createdAfter(options.asOf)),
  ]);
  return { rows, createdAfter: excluded[0]?.n ?? 0 };
}

function countsBy(rows: readonly Row[], pick: (row: Row) => number | null): Map<number | null, GroupCounts> {
  const out = new Map<number | null, GroupCounts>();
  for (const row of rows) {
    const key = pick(row);
    const was = out.get(key) ?? { accounts: 0, revenue: 0, ordered: 0, silent: 0 };
    out.set(key, { accounts: was.accounts + row.accounts, revenue: was.revenue + row.revenue, ordered: was.ordered + row.ordered, silent: was.silent + row.silent });
  }
  return out;
}

/** Tier ids for compileTierCase: a tier's position (1-based); NULL is Untiered. */
function positions(tiers: readonly TierDefinition[]): Map<string, number> {
  return new Map(tiers.map((tier, i) => [tier.key, i + 1]));
}

function tierOutcomes(tiers: readonly TierDefinition[], counts: Map<number | null, GroupCounts>): GroupOutcome[] {
  const groups: (GroupLabel & { counts: GroupCounts | undefined })[] = tiers.map((tier, i) => ({ key: tier.key, name: tier.name, color: tier.color, counts: counts.get(i + 1) }));
  groups.push({ key: UNTIERED.key, name: UNTIERED.label, color: UNTIERED.color, counts: counts.get(null) });
  return outcomes(groups);
}

function frame(options: BacktestOptions, end: { end: IsoDate; truncated: boolean }, all: GroupCounts[], excluded: number, started: number): BacktestFrame {
  return {
    asOf: options.asOf,
    horizonEnd: end.end,
    horizonMonths: options.horizonMonths,
    truncated: end.truncated,
    accounts: all.reduce((sum, c) => sum + c.accounts, 0),
    createdAfter: excluded,
    average: averageOf(all),
    fields: fieldHistory(),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The draft and the published scheme, evaluated as of the day, and what their tiers bought next. */
export async function backtestTiers(
  db: QueryDb,
  draft: readonly TierDefinition[],
  published: { version: number; tiers: readonly TierDefinition[] } | null,
  options: BacktestOptions,
  today: Date = new Date(),
): Promise<TierBacktest> {
  const started = performance.now();
  const end = horizonEnd(options, today);
  const asOf = asOfDate(options.asOf);
  const draftCase = compileTierCase(draft, positions(draft), asOf);
  const publishedCase = published ? compileTierCase(published.tiers, positions(published.tiers), asOf) : Prisma.sql`CAST(NULL AS integer)`;
  const { rows, createdAfter: excluded } = await countGroups(db, options, end.end, draftCase, publishedCase);
  const byDraft = countsBy(rows, (r) => r.g1);
  const draftOutcomes = tierOutcomes(draft, byDraft);
  const publishedOutcomes = published ? tierOutcomes(published.tiers, countsBy(rows, (r) => r.g2)) : null;
  return {
    ...frame(options, end, [...byDraft.values()], excluded, started),
    draft: draftOutcomes,
    published: publishedOutcomes,
    publishedVersion: published?.version ?? null,
    verdict: tierVerdict(draftOutcomes, publishedOutcomes, UNTIERED.key),
  };
}

/** A segment rule as of the day: what its members bought next, against everyone else. */
export async function backtestSegment(db: QueryDb, rule: RuleGroup, options: BacktestOptions, today: Date = new Date()): Promise<SegmentBacktest> {
  const started = performance.now();
  const end = horizonEnd(options, today);
  const hit = Prisma.sql`CASE WHEN ${compileRule(rule, asOfDate(options.asOf))} THEN 1 ELSE 0 END`;
  const { rows, createdAfter: excluded } = await countGroups(db, options, end.end, hit, Prisma.sql`CAST(NULL AS integer)`);
  const counts = countsBy(rows, (r) => r.g1);
  const [members, others] = outcomes([
    { key: "members", name: "Members", color: "#4f46e5", counts: counts.get(1) },
    { key: "others", name: "Non-members", color: "#64748b", counts: counts.get(0) },
  ]) as [GroupOutcome, GroupOutcome];
  return { ...frame(options, end, [...counts.values()], excluded, started), members, others, verdict: segmentVerdict(members, others) };
}

/** The as-of day as the evaluation instant compileRule expects (its UTC day is the day). */
function asOfDate(day: IsoDate): Date {
  return new Date(dayNumber(day) * 86_400_000);
}
