"use server";

import { z } from "@/lib/validation/zod";
import { backtestOptionsSchema } from "@/lib/backtest/options";
import { MAX_PER_REP } from "@/lib/backtest/suggest";
import { backtestSegmentDraft, backtestTierSchemeDraft, suggestThresholdsFor } from "@/lib/data/backtest";
import { loadRuleContext } from "@/lib/data/rules/context";
import { findField } from "@/lib/segmentation/fields";
import type { NumericFieldKey } from "@/lib/backtest/thresholds";
import { MAX_TIERS } from "@/lib/segmentation/tier-scheme";
import { ruleSchema, tierSchemeSchema } from "@/lib/validation/rules";
import { action } from "./client";

/** The tier scheme editor's backtest: the draft on screen and the published scheme as of a past day. */
export const backtestTierScheme = action({
  name: "backtestTierScheme",
  roles: ["ADMIN"],
  args: async () => [tierSchemeSchema(await loadRuleContext()), backtestOptionsSchema] as const,
  run: (user, scheme, options) => backtestTierSchemeDraft(user, scheme, options),
});

/** The segment editor's backtest: the rule on screen, members against non-members. */
export const backtestSegment = action({
  name: "backtestSegment",
  roles: ["ADMIN"],
  args: async () => [ruleSchema(await loadRuleContext()), backtestOptionsSchema] as const,
  run: (user, rule, options) => backtestSegmentDraft(user, rule, options),
});

const thresholdRequestSchema = z.strictObject({
  field: z
    .string()
    .refine((key) => {
      const type = findField(key)?.type;
      return type === "number" || type === "money";
    }, "Thresholds are suggested for number and money fields.")
    .transform((key) => key as NumericFieldKey),
  direction: z.enum(["high", "low"]),
  perRep: z.number().int().min(1, "At least one account per rep.").max(MAX_PER_REP, `At most ${MAX_PER_REP} accounts per rep.`),
});

/** Suggested thresholds for one condition; `earlier` are the rules of the tiers above it (none for a segment). */
export const suggestThresholds = action({
  name: "suggestThresholds",
  roles: ["ADMIN"],
  args: async () => {
    const context = await loadRuleContext();
    return [z.array(ruleSchema(context)).max(MAX_TIERS - 1), thresholdRequestSchema] as const;
  },
  run: (user, earlier, request) => suggestThresholdsFor(user, earlier, request),
});
