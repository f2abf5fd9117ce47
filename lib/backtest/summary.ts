/**
 * From the backtest's counts to what the editor shows: per group (a tier, Untiered, members,
 * non-members) accounts, share, horizon revenue, revenue per account, the share that ordered,
 * the share that went silent, and lift against the average account; and a one-line verdict.
 * Pure and client-safe.
 */
import type { FieldHistory } from "./as-of";

/** What the SQL counts per group. */
export interface GroupCounts {
  accounts: number;
  /** Revenue of the orders in the horizon. */
  revenue: number;
  /** Accounts with at least one order in the horizon. */
  ordered: number;
  /** Accounts that had ordered before the as-of day and placed no order in the horizon. */
  silent: number;
}

export interface GroupOutcome extends GroupCounts {
  key: string;
  name: string;
  color: string;
  share: number;
  revenuePerAccount: number;
  orderedShare: number;
  silentShare: number;
  /** Revenue per account against the average account's; null for an empty group or no revenue at all. */
  lift: number | null;
}

export interface GroupLabel {
  key: string;
  name: string;
  color: string;
}

export interface BacktestFrame {
  asOf: string;
  horizonEnd: string;
  horizonMonths: number;
  /** The horizon reaches past today and was cut at today. */
  truncated: boolean;
  /** Accounts that existed on the as-of day (the ones evaluated). */
  accounts: number;
  /** Accounts created after the as-of day, left out. */
  createdAfter: number;
  average: { revenuePerAccount: number; orderedShare: number };
  fields: FieldHistory;
  /** How long the query took, for the editor's note and the benchmark. */
  elapsedMs: number;
}

const EMPTY: GroupCounts = { accounts: 0, revenue: 0, ordered: 0, silent: 0 };

export function addCounts(a: GroupCounts, b: GroupCounts): GroupCounts {
  return { accounts: a.accounts + b.accounts, revenue: a.revenue + b.revenue, ordered: a.ordered + b.ordered, silent: a.silent + b.silent };
}

export function totalOf(groups: readonly GroupCounts[]): GroupCounts {
  return groups.reduce(addCounts, EMPTY);
}

/** The outcome of each group, against the total of all of them. */
export function outcomes(groups: readonly (GroupLabel & { counts: GroupCounts | undefined })[]): GroupOutcome[] {
  const total = totalOf(groups.map((g) => g.counts ?? EMPTY));
  const average = total.accounts > 0 ? total.revenue / total.accounts : 0;
  return groups.map(({ key, name, color, counts = EMPTY }) => {
    const perAccount = counts.accounts > 0 ? counts.revenue / counts.accounts : 0;
    return {
      key,
      name,
      color,
      ...counts,
      share: total.accounts > 0 ? counts.accounts / total.accounts : 0,
      revenuePerAccount: perAccount,
      orderedShare: counts.accounts > 0 ? counts.ordered / counts.accounts : 0,
      silentShare: counts.accounts > 0 ? counts.silent / counts.accounts : 0,
      lift: counts.accounts > 0 && average > 0 ? perAccount / average : null,
    };
  });
}

export function averageOf(groups: readonly GroupCounts[]): BacktestFrame["average"] {
  const total = totalOf(groups);
  return {
    revenuePerAccount: total.accounts > 0 ? total.revenue / total.accounts : 0,
    orderedShare: total.accounts > 0 ? total.ordered / total.accounts : 0,
  };
}

/** "6.2x" */
export function formatLift(lift: number | null): string {
  if (lift === null) return "—";
  return `${lift >= 10 ? Math.round(lift) : lift.toFixed(1)}x`;
}

/** The first tier that has accounts: the one a scheme is judged by. */
function topTier(tiers: readonly GroupOutcome[], untieredKey: string): GroupOutcome | undefined {
  return tiers.find((t) => t.key !== untieredKey && t.accounts > 0);
}

/** Lifts within 5% of each other count as the same separation. */
const SAME = 0.05;

/**
 * "Tier 1 accounts bought 6.2x more per account than average; the draft separates tiers better
 * than the published scheme: lift 6.2x vs 4.8x."
 */
export function tierVerdict(draft: readonly GroupOutcome[], published: readonly GroupOutcome[] | null, untieredKey: string): string {
  const mine = topTier(draft, untieredKey);
  if (!mine) return "No account would have reached any tier of the draft on the as-of day.";
  if (mine.lift === null) return "No account ordered in the horizon, so the tiers cannot be told apart.";
  const first =
    mine.lift >= 1
      ? `${mine.name} accounts bought ${formatLift(mine.lift)} more per account than average`
      : `${mine.name} accounts bought less than the average account (${formatLift(mine.lift)})`;
  const theirs = published ? topTier(published, untieredKey) : undefined;
  if (!theirs || theirs.lift === null) return `${first}.`;
  const pair = `lift ${formatLift(mine.lift)} vs ${formatLift(theirs.lift)}`;
  const ratio = mine.lift / Math.max(theirs.lift, Number.EPSILON);
  if (Math.abs(ratio - 1) <= SAME) return `${first}; the draft separates tiers about as well as the published scheme (${pair}).`;
  return ratio > 1
    ? `${first}; the draft separates tiers better than the published scheme: ${pair}.`
    : `${first}; the published scheme separates tiers better than the draft: ${pair}.`;
}

/** "Members bought 3.1x more per account than average (non-members 0.6x)." */
export function segmentVerdict(members: GroupOutcome, others: GroupOutcome): string {
  if (members.accounts === 0) return "No account would have been a member on the as-of day.";
  if (members.lift === null) return "No account ordered in the horizon, so members and non-members cannot be told apart.";
  const lead =
    members.lift >= 1
      ? `Members bought ${formatLift(members.lift)} more per account than average`
      : `Members bought less than the average account (${formatLift(members.lift)})`;
  return `${lead} (non-members ${formatLift(others.lift)}).`;
}
