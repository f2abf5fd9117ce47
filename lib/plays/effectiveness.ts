/**
 * Which plays work: the figures /admin/plays shows for a play (or a tier or segment of its
 * outcomes) over a period, and how they are added up from grouped outcome counts. Client-safe
 * (the charts read these types); lib/data/plays/effectiveness.ts runs the queries.
 */
import { CLOSED_OUTCOMES, OUTCOME_KINDS, isOutcomeKind, type OutcomeKind } from "./kinds";

export type OutcomeCounts = Record<OutcomeKind, number>;

export interface OutcomeFigures {
  /** Distinct accounts with at least one outcome in the period. */
  accountsWorked: number;
  /** Outcomes recorded in the period, by kind (every outcome counts, not only the newest per account). */
  outcomes: OutcomeCounts;
  totalOutcomes: number;
  /** Won, lost and not-a-fit outcomes: the ones a win rate is taken over. */
  closed: number;
  /** Won / closed; null when nothing closed (shown as "—", not 0%). */
  winRate: number | null;
  /** Sum of the won outcomes' amounts, USD. */
  wonAmount: number;
}

/** A tier's or segment's share of a play's outcomes (tier and segments as the account had them when the outcome was recorded). */
export interface BreakdownRow extends OutcomeFigures {
  key: string;
  label: string;
  color: string | null;
}

export interface PlayEffectiveness {
  playId: number;
  figures: OutcomeFigures;
  /** Tiers in tier order, then Untiered; only those with outcomes. */
  byTier: BreakdownRow[];
  /** Segments with outcomes, most outcomes first, then "In no segment". Segments overlap. */
  bySegment: BreakdownRow[];
}

export interface EffectivenessReport {
  /** Every play together (an account worked in two plays counts once). */
  totals: OutcomeFigures;
  /** Every live play, with zeros when nothing was recorded. */
  plays: Map<number, PlayEffectiveness>;
}

/** One grouped count: `kind` null is the row that adds up every kind (where the distinct accounts come from). */
export interface GroupedCount {
  kind: string | null;
  n: number;
  accounts: number;
  won: number;
}

export function zeroCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0])) as OutcomeCounts;
}

export function winRateOf(outcomes: OutcomeCounts): number | null {
  const closed = CLOSED_OUTCOMES.reduce((sum, k) => sum + outcomes[k], 0);
  return closed === 0 ? null : outcomes.WON / closed;
}

/** The figures of one group (a play, a play's tier or segment, or everything) from its grouped counts. */
export function figuresOf(rows: readonly GroupedCount[]): OutcomeFigures {
  const outcomes = zeroCounts();
  let accountsWorked = 0;
  let wonAmount = 0;
  for (const row of rows) {
    if (row.kind === null) {
      accountsWorked = row.accounts;
    } else if (isOutcomeKind(row.kind)) {
      outcomes[row.kind] += row.n;
      wonAmount += row.won;
    }
  }
  const closed = CLOSED_OUTCOMES.reduce((sum, k) => sum + outcomes[k], 0);
  return {
    accountsWorked,
    outcomes,
    totalOutcomes: OUTCOME_KINDS.reduce((sum, k) => sum + outcomes[k], 0),
    closed,
    winRate: winRateOf(outcomes),
    wonAmount,
  };
}

export const EMPTY_FIGURES: OutcomeFigures = figuresOf([]);

/** "42%", or "—" when nothing closed. */
export function formatWinRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
