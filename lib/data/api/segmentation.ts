import "server-only";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { loadPublishedScheme } from "@/lib/db/membership/published-rules";
import { UNTIERED } from "@/lib/domain/tiers";
import { sharedAggregate } from "@/lib/data/aggregate-cache";
import type { SegmentSummary } from "@/lib/data/segments";
import { sharedSegment, sharedSegments } from "@/lib/data/shared-reads";
import { loadNameLookups } from "@/lib/data/rules/context";
import { AppError } from "@/lib/errors";
import { describeRule } from "@/lib/segmentation/text";
import { listAccountsPage, type ApiAccountQuery } from "./accounts-list";

/** A published segment in the API's form (dates as ISO text). */
export function toApiSegment(s: SegmentSummary) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    kind: s.kind,
    kindLabel: s.kindLabel,
    color: s.color,
    version: s.version,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    ruleText: s.ruleText,
    size: s.size,
    trend: s.trend,
  };
}

/**
 * GET /api/v1/segments: every published segment with its rule in plain language, size and 30-day
 * trend, shared with the pages while no data changes (aggregate-cache.ts; counting them reads the
 * ledger's last 30 days: 0.65 s a call at 1,000,000 accounts).
 */
export async function listApiSegments(actor: Actor) {
  return { data: (await sharedSegments(actor)).map(toApiSegment) };
}

type MembersPage = Pick<ApiAccountQuery, "limit" | "cursor">;

/** GET /api/v1/segments/{id}/members: the segment's members in the accounts list's default order, cursor-paged. */
export async function listSegmentMembers(actor: Actor, segmentId: number, page: MembersPage) {
  const segment = await sharedSegment(actor, segmentId);
  if (!segment) throw new AppError("NOT_FOUND", "No published segment has this id.");
  return listAccountsPage(actor, { segment: [segmentId], sort: "priority", ...page });
}

/**
 * GET /api/v1/tiers: the published tier scheme, top tier first, each tier with its rule in plain
 * language and its size, then Untiered (where an account is when no tier rule matches). The sizes
 * (a pass over every account's row: 0.15 s at 1,000,000) are shared while no data changes.
 */
export async function getApiTierScheme() {
  const [scheme, published, sizes, lookups] = await Promise.all([
    loadPublishedScheme(db),
    db.tierSchemeVersion.findFirst({ orderBy: { version: "desc" }, select: { publishedAt: true } }),
    sharedAggregate(
      "api:tier-sizes",
      () => db.$queryRaw<{ key: string | null; n: number }[]>`
        SELECT t.key, count(*)::int AS n FROM account_segmentation r LEFT JOIN tiers t ON t.id = r.tier_id GROUP BY t.key`,
    ),
    loadNameLookups(),
  ]);
  const size = new Map(sizes.map((s) => [s.key ?? UNTIERED.key, s.n]));
  return {
    version: scheme?.version ?? null,
    publishedAt: published?.publishedAt.toISOString() ?? null,
    tiers: (scheme?.tiers ?? []).map((tier, i) => ({
      key: tier.key,
      name: tier.name,
      color: tier.color,
      position: i + 1,
      ruleText: describeRule(tier.rule, lookups),
      size: size.get(tier.key) ?? 0,
    })),
    untiered: { key: UNTIERED.key, name: UNTIERED.label, color: UNTIERED.color, size: size.get(UNTIERED.key) ?? 0 },
  };
}

/** GET /api/v1/tiers/{key}/members: a tier's accounts (or "untiered") by priority score, cursor-paged. */
export async function listTierMembers(actor: Actor, key: string, page: MembersPage) {
  if (key !== UNTIERED.key) {
    const scheme = await loadPublishedScheme(db);
    if (!scheme?.tiers.some((t) => t.key === key)) throw new AppError("NOT_FOUND", "The published tier scheme has no tier with this key.");
  }
  return listAccountsPage(actor, { tier: [key], sort: "priority", ...page });
}
