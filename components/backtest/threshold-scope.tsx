"use client";

import { createContext, useContext, useMemo } from "react";
import { parseRule } from "@/lib/segmentation/schema";
import type { RuleGroup } from "@/lib/segmentation/rule";

/**
 * Which accounts a condition's suggested thresholds look at: those not caught by the rules of
 * the earlier tiers (none for a segment or the first tier). `earlier` is null while one of those
 * rules is unfinished: the distribution would be over the wrong accounts.
 */
export interface ThresholdScope {
  earlier: RuleGroup[] | null;
  /** The accounts looked at, as the panel names them: "accounts that reach this tier", "accounts". */
  what: string;
}

const ScopeContext = createContext<ThresholdScope | null>(null);

/** The scope of the rule builder inside; without one, conditions offer no suggestions. */
export function ThresholdScopeProvider({ earlier, what, children }: { earlier: readonly unknown[]; what: string; children: React.ReactNode }) {
  const key = JSON.stringify(earlier);
  const scope = useMemo<ThresholdScope>(() => {
    const parsed = (JSON.parse(key) as unknown[]).map((rule) => parseRule(rule));
    return { earlier: parsed.every((p) => p.ok) ? parsed.map((p) => (p.ok ? p.rule : null)).filter((r): r is RuleGroup => r !== null) : null, what };
  }, [key, what]);
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

export function useThresholdScope(): ThresholdScope | null {
  return useContext(ScopeContext);
}
