import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { backtestSegment, backtestTiers, type SegmentBacktest, type TierBacktest } from "@/lib/backtest/run";
import type { BacktestOptions } from "@/lib/backtest/options";
import { suggestThresholds, type Direction, type Distribution } from "@/lib/backtest/suggest";
import { thresholdDistribution, type NumericFieldKey } from "@/lib/backtest/thresholds";
import { db } from "@/lib/db/client";
import { loadPublishedScheme } from "@/lib/db/membership/published-rules";
import { getField } from "@/lib/segmentation/fields";
import type { RuleGroup } from "@/lib/segmentation/rule";
import type { TierScheme } from "@/lib/segmentation/tier-scheme";

/*
 * Backtests and suggested thresholds serve the rule editors, so they are for whoever may edit
 * rules: admins (as the editors' previews are).
 */

/** The draft scheme on screen and the published one, as of a past day, against what accounts bought next. */
export async function backtestTierSchemeDraft(actor: Actor, draft: TierScheme, options: BacktestOptions): Promise<TierBacktest> {
  assertRole(actor, "ADMIN");
  const published = await loadPublishedScheme(db);
  return backtestTiers(db, draft.tiers, published, options);
}

/** A segment rule (the draft on screen) as of a past day: members against non-members. */
export async function backtestSegmentDraft(actor: Actor, rule: RuleGroup, options: BacktestOptions): Promise<SegmentBacktest> {
  assertRole(actor, "ADMIN");
  return backtestSegment(db, rule, options);
}

export interface ThresholdRequest {
  field: NumericFieldKey;
  direction: Direction;
  perRep: number;
}

/**
 * The distribution of a number / money field over the accounts that reach a tier (those the
 * earlier tiers' rules do not catch; every account for a segment: no earlier rules), with the
 * suggested thresholds.
 */
export async function suggestThresholdsFor(actor: Actor, earlier: readonly RuleGroup[], request: ThresholdRequest): Promise<Distribution> {
  assertRole(actor, "ADMIN");
  const raw = await thresholdDistribution(db, { ...request, earlier });
  return suggestThresholds(raw, request.direction, getField(request.field).integer, request.perRep);
}
