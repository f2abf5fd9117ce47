/**
 * From a field's distribution to the thresholds the editor offers: a target share (top 5% /
 * 20%), the Pareto cut and the capacity cut, each rounded in the condition's direction so that
 * applying it never lets in more accounts than the target. Pure and client-safe.
 */
import type { RawDistribution } from "./thresholds";

export const TARGET_SHARES = [0.05, 0.2] as const;
export const DEFAULT_PER_REP = 25;
export const MAX_PER_REP = 10_000;

export type Direction = "high" | "low";

/** The direction a condition keeps, or null when thresholds do not apply (=, !=, empty). */
export function directionOf(operator: string): Direction | null {
  if (operator === "gte" || operator === "gt" || operator === "between") return "high";
  if (operator === "lte" || operator === "lt") return "low";
  return null;
}

export interface Suggestion {
  key: string;
  label: string;
  /** Why this value, in a few words. */
  detail: string;
  value: number;
}

export interface Distribution extends RawDistribution {
  direction: Direction;
  suggestions: Suggestion[];
}

/**
 * Round a cut so the kept set does not grow: up for "high" (>= value), down for "low". Integers
 * to whole numbers; money to three significant digits ($184,532 -> $185,000), which reads as a
 * threshold someone would choose.
 */
export function roundCut(value: number, direction: Direction, integer: boolean): number {
  const step = integer ? 1 : Math.max(0.01, 10 ** (Math.floor(Math.log10(Math.abs(value) || 1)) - 2));
  const scaled = value / step;
  // A tiny tolerance, so 1500.0000001 is 1500, not 1510.
  const rounded = direction === "high" ? Math.ceil(scaled - 1e-6) : Math.floor(scaled + 1e-6);
  // "+ 0" turns -0 (ceil of a tiny negative) into 0.
  return Math.round(rounded * step * 100) / 100 + 0;
}

function percentile(dist: RawDistribution, p: number): number | null {
  return dist.percentiles.find((entry) => Math.abs(entry.p - p) < 1e-9)?.value ?? null;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function suggestThresholds(dist: RawDistribution, direction: Direction, integer: boolean, perRep: number): Distribution {
  const suggestions: Suggestion[] = [];
  if (dist.withValue > 0) {
    for (const share of TARGET_SHARES) {
      const cut = percentile(dist, direction === "high" ? 1 - share : share);
      if (cut !== null) {
        suggestions.push({ key: `top-${percent(share)}`, label: `Top ${percent(share)}`, detail: `the ${percent(share)} of these accounts with the ${direction === "high" ? "highest" : "lowest"} values`, value: roundCut(cut, direction, integer) });
      }
    }
    if (dist.pareto) {
      suggestions.push({
        key: "pareto",
        label: "Pareto (A)",
        detail: `the ${dist.pareto.accounts.toLocaleString("en-US")} accounts holding ${percent(0.8)} of lifetime value`,
        value: roundCut(dist.pareto.value, direction, integer),
      });
    }
    if (dist.capacity) {
      suggestions.push({
        key: "capacity",
        label: `${perRep} per rep`,
        detail: `${dist.capacity.accounts.toLocaleString("en-US")} accounts for ${dist.reps} ${dist.reps === 1 ? "rep" : "reps"}`,
        value: roundCut(dist.capacity.value, direction, integer),
      });
    }
  }
  return { ...dist, direction, suggestions };
}

/** A condition's value with a suggested threshold applied: the lower bound of a range, else the value. */
export function applyThreshold(operator: string, current: unknown, value: number): unknown {
  if (operator !== "between") return value;
  const max = current && typeof current === "object" && "max" in current ? (current as { max: unknown }).max : null;
  return { min: value, max };
}
