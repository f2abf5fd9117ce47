import "server-only";
import { z } from "zod";
import { assertRole, type Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { loadScoring, recomputeScores, type ScoringSettings } from "@/lib/db/membership";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { loadRuleContext } from "./context";
import { parseRule } from "@/lib/segmentation/schema";
import { LONG_TRANSACTION } from "./tier-scheme";

const weight = z.number({ error: "Weights are numbers from 0 to 100." }).min(0, "Weights cannot be negative.").max(100, "Weights go up to 100.");

export const scoringInputSchema = z
  .object({ weights: z.object({ value: weight, fit: weight, engagement: weight }), idealProfile: z.unknown() })
  .refine((v) => v.weights.value + v.weights.fit + v.weights.engagement > 0, {
    message: "At least one weight must be above zero.",
    path: ["weights"],
  });

export async function getScoringSettings(actor: Actor): Promise<ScoringSettings> {
  assertRole(actor, "ADMIN", "MANAGER", "REP");
  return loadScoring(db);
}

/** Change the weights and ideal profile, then rescore every account. */
export async function updateScoring(actor: Actor, input: unknown): Promise<{ changed: number }> {
  assertRole(actor, "ADMIN");
  const parsed = scoringInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", parsed.error.issues[0]?.message ?? "Check the weights.");
  const profile = parseRule(parsed.data.idealProfile, await loadRuleContext());
  if (!profile.ok) throw new AppError("INVALID", `Ideal profile: ${profile.errors[0]?.message}`);
  const { weights } = parsed.data;
  return db.$transaction(async (tx) => {
    const data = {
      valueWeight: weights.value,
      fitWeight: weights.fit,
      engagementWeight: weights.engagement,
      idealProfile: profile.rule as unknown as Prisma.InputJsonValue,
    };
    await tx.scoringConfig.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changed = await recomputeScores(tx, { weights, idealProfile: profile.rule });
    await recordAudit(
      { actor: { id: actor.id, email: actor.email ?? "" }, action: "SCORING_UPDATED", target: "priority score", details: { weights, changed } },
      tx,
    );
    return { changed };
  }, LONG_TRANSACTION);
}
