import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/access";
import type { AccountDetail as AccountDetailSchema } from "@/lib/api/endpoints/account-schemas";
import { getAccountDetail } from "@/lib/data/account-detail";
import { explainAccount } from "@/lib/data/explain";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type ApiAccount = z.input<typeof AccountDetailSchema>;

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The running plays whose audience the account is in (account_segmentation.play_ids is the membership). */
async function accountPlays(accountId: number): Promise<{ id: number; name: string; version: number }[]> {
  return db.$queryRaw<{ id: number; name: string; version: number }[]>`
    SELECT p.id, p.name, p.published_version AS version
    FROM account_segmentation r JOIN plays p ON p.id = ANY(r.play_ids)
    WHERE r.account_id = ${accountId} AND p.published_version IS NOT NULL
    ORDER BY p.name, p.id`;
}

/**
 * GET /api/v1/accounts/{id}: what the account page shows of one account (lib/data/account-detail.ts)
 * with its explanation (lib/data/explain.ts): tier, score breakdown, segments, plays and every
 * trace. 404 when the account does not exist or the actor may not see it.
 */
export async function getApiAccount(actor: Actor, id: number): Promise<ApiAccount> {
  const [detail, explanation, plays] = await Promise.all([getAccountDetail(actor, id), explainAccount(actor, id), accountPlays(id)]);
  if (!detail || !explanation) throw new AppError("NOT_FOUND", "No account has this id.");
  const { firmographics: f } = detail;
  return {
    id: detail.id,
    name: f.name,
    domain: f.domain,
    industry: f.industry,
    country: f.country,
    region: f.region,
    employeeCount: f.employeeCount,
    annualRevenue: f.annualRevenue,
    owner: detail.owner,
    value: { ...detail.value, firstOrderAt: isoDay(detail.value.firstOrderAt), lastOrderAt: isoDay(detail.value.lastOrderAt) },
    behaviour: detail.behaviour,
    technographics: {
      ...detail.technographics,
      technologies: detail.technologies.flatMap((group) =>
        group.technologies.map((t) => ({
          id: t.id,
          name: t.name,
          vendor: t.vendor,
          category: group.category,
          firstDetectedAt: isoDay(t.firstDetectedAt)!,
          lastDetectedAt: isoDay(t.lastDetectedAt)!,
          confidence: t.confidence,
        })),
      ),
    },
    metricsAsOf: isoDay(detail.metricsAsOf),
    tier: detail.tier,
    score: { priority: explanation.score.priority, weights: explanation.score.weights, components: explanation.score.components },
    segments: explanation.segments.flatMap((s) =>
      s.member && s.memberSince ? [{ id: s.id, name: s.name, color: s.color, memberSince: s.memberSince.toISOString() }] : [],
    ),
    plays,
    explanation: {
      asOf: explanation.asOf,
      tier: {
        schemeVersion: explanation.tier.schemeVersion,
        evaluated: explanation.tier.evaluated,
        attempts: explanation.tier.attempts,
        gap: explanation.tier.gap ? { tier: explanation.tier.gap.tier, text: explanation.tier.gap.text } : null,
      },
      segments: explanation.segments.map((s) => ({ ...s, memberSince: s.memberSince?.toISOString() ?? null })),
      idealProfile: explanation.score.idealProfile,
    },
  };
}
