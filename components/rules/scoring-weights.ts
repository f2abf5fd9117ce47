import { normaliseWeights, type ScoreWeights } from "@/lib/segmentation/score";

import { SCORE_PARTS, type ScorePart } from "@/lib/domain/score-parts";

/** One weight per score part, in the parts' order. */
export const WEIGHT_KEYS = SCORE_PARTS;
export type WeightKey = ScorePart;

/**
 * Weights as the 0-100 numbers the form edits. Stored weights may be fractions (the built-in
 * default is 0.5 / 0.3 / 0.2); only their proportions matter, so fractions are scaled to 100.
 */
export function toPercentWeights(weights: ScoreWeights): ScoreWeights {
  const values = WEIGHT_KEYS.map((k) => Math.max(0, weights[k] || 0));
  const fractions = values.every((v) => v <= 1) && values.reduce((a, b) => a + b, 0) <= 1.0001;
  const scale = fractions ? 100 : 1;
  const [value, fit, engagement] = values.map((v) => Math.min(100, Math.round(v * scale * 10) / 10)) as [number, number, number];
  return { value, fit, engagement };
}

/** Each weight's share of the total, as whole percentages that add up to 100. */
export function sharePercents(weights: ScoreWeights): ScoreWeights {
  const n = normaliseWeights(weights);
  const raw = WEIGHT_KEYS.map((k) => n[k] * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  // Largest remainders get the leftover points, so the three shown shares always total 100.
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  const [value, fit, engagement] = floors as [number, number, number];
  return { value, fit, engagement };
}
