/**
 * Priority score (0-100): a transparent weighted sum of three components, each 0-100.
 * - value: where the account stands among all accounts by lifetime value (70%) and by
 *   estimated potential (30%), as percentile ranks;
 * - fit: the share of the ideal customer profile's top-level conditions the account meets;
 * - engagement: the engagement score (70%) and order recency (30%: 100 for an order today,
 *   falling linearly to 0 at a year or more, 0 without orders).
 * The SQL in lib/db/membership/scores.ts computes exactly these; explainScore renders them.
 */
import { SCORE_PART_DISPLAY, type ScorePart } from "@/lib/domain/score-parts";
import type { RuleGroup } from "@/lib/segmentation/rule";

export interface ScoreWeights {
  value: number;
  fit: number;
  engagement: number;
}

/** The weights until an admin saves others (scoring_config has none yet). */
export const DEFAULT_WEIGHTS: ScoreWeights = { value: 50, fit: 30, engagement: 20 };

export const VALUE_LTV_SHARE = 0.7;
export const ENGAGEMENT_SCORE_SHARE = 0.7;
export const RECENCY_HORIZON_DAYS = 365;

/** Weights scaled to sum to 1; all-zero weights count equally. */
export function normaliseWeights(weights: ScoreWeights): ScoreWeights {
  const clean = {
    value: Math.max(0, weights.value || 0),
    fit: Math.max(0, weights.fit || 0),
    engagement: Math.max(0, weights.engagement || 0),
  };
  const total = clean.value + clean.fit + clean.engagement;
  if (total <= 0) return { value: 1 / 3, fit: 1 / 3, engagement: 1 / 3 };
  return { value: clean.value / total, fit: clean.fit / total, engagement: clean.engagement / total };
}

export interface ScoreBreakdown {
  value: number;
  fit: number;
  engagement: number;
  total: number;
}

export interface ScoreExplanation {
  component: ScorePart;
  label: string;
  score: number;
  weight: number;
  /** Points this component adds to the total. */
  points: number;
  description: string;
}

export function combineScore(components: Omit<ScoreBreakdown, "total">, weights: ScoreWeights): number {
  const w = normaliseWeights(weights);
  return Math.round((w.value * components.value + w.fit * components.fit + w.engagement * components.engagement) * 10) / 10;
}

export function explainScore(breakdown: ScoreBreakdown, weights: ScoreWeights, idealProfile: RuleGroup | null): ScoreExplanation[] {
  const w = normaliseWeights(weights);
  const conditions = idealProfile?.children.length ?? 0;
  const row = (component: ScorePart, score: number, weight: number, description: string) => ({
    component,
    label: SCORE_PART_DISPLAY[component].label,
    score,
    weight,
    points: Math.round(score * weight * 10) / 10,
    description,
  });
  return [
    row(
      "value",
      breakdown.value,
      w.value,
      `Lifetime value and estimated potential compared with every other account (${Math.round(VALUE_LTV_SHARE * 100)}% / ${Math.round((1 - VALUE_LTV_SHARE) * 100)}%).`,
    ),
    row(
      "fit",
      breakdown.fit,
      w.fit,
      conditions > 0
        ? `Meets about ${Math.round((breakdown.fit / 100) * conditions)} of the ${conditions} ideal-profile criteria.`
        : "No ideal customer profile is defined yet.",
    ),
    row(
      "engagement",
      breakdown.engagement,
      w.engagement,
      `Engagement score over the last 90 days (${Math.round(ENGAGEMENT_SCORE_SHARE * 100)}%) and how recently they ordered (${Math.round((1 - ENGAGEMENT_SCORE_SHARE) * 100)}%).`,
    ),
  ];
}
