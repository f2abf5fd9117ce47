import { z } from "@/lib/validation/zod";
import { parseRule, type RuleContext } from "@/lib/segmentation/schema";

const weight = z.number({ error: "Weights are numbers from 0 to 100." }).min(0, "Weights cannot be negative.").max(100, "Weights go up to 100.");

/** The priority score's weights (0-100 each, not all zero) and the ideal customer profile rule. */
export const scoringInputSchema = (context: RuleContext) =>
  z
    .object({
      weights: z.object({ value: weight, fit: weight, engagement: weight }),
      idealProfile: z.unknown().transform((input, ctx) => {
        const profile = parseRule(input, context);
        if (profile.ok) return profile.rule;
        ctx.addIssue({ code: "custom", message: `Ideal profile: ${profile.errors[0]?.message}` });
        return z.NEVER;
      }),
    })
    .refine((v) => v.weights.value + v.weights.fit + v.weights.engagement > 0, {
      message: "At least one weight must be above zero.",
      path: ["weights"],
    });
export type ScoringInput = z.output<ReturnType<typeof scoringInputSchema>>;
