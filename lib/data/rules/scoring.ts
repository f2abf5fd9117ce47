import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { loadScoring, type ScoringSettings } from "@/lib/db/membership/published-rules";
import { recomputeScores } from "@/lib/db/membership/scores";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ScoringInput } from "@/lib/validation/scoring";

export async function getScoringSettings(actor: Actor): Promise<ScoringSettings> {
  assertRole(actor, "ADMIN", "MANAGER", "REP");
  return loadScoring(db);
}

/** Change the weights and ideal profile, then rescore every account. */
export async function updateScoring(actor: Actor, input: ScoringInput): Promise<{ changed: number }> {
  assertRole(actor, "ADMIN");
  const { weights, idealProfile } = input;
  return db.$transaction(async (tx) => {
    const data = {
      valueWeight: weights.value,
      fitWeight: weights.fit,
      engagementWeight: weights.engagement,
      idealProfile: idealProfile as unknown as Prisma.InputJsonValue,
    };
    await tx.scoringConfig.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changed = await recomputeScores(tx, { weights, idealProfile });
    await recordAudit(
      { actor: { id: actor.id, email: actor.email ?? "" }, action: "SCORING_UPDATED", target: "priority score", details: { weights, changed } },
      tx,
    );
    return { changed };
  }, LONG_TRANSACTION);
}
