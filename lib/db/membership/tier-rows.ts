/** The tiers table follows the published scheme; stored ranks follow the tiers' positions. */
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import type { Executor } from "./types";

/** Make the tiers table match a scheme (by key): names, colours, positions; removed tiers are archived. */
export async function syncTiers(db: Executor, tiers: readonly TierDefinition[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [index, tier] of tiers.entries()) {
    const row = await db.tier.upsert({
      where: { key: tier.key },
      create: { key: tier.key, name: tier.name, color: tier.color, position: index + 1 },
      update: { name: tier.name, color: tier.color, position: index + 1, archived: false },
    });
    ids.set(tier.key, row.id);
  }
  await db.tier.updateMany({ where: { key: { notIn: [...ids.keys()] }, archived: false }, data: { archived: true } });
  return ids;
}

/**
 * Reordered tiers keep their members but change rank (account_segmentation.tier_rank sorts lists).
 * Per tier, the rows off its position are two ranges of the (tier_id, tier_rank) index: empty,
 * and found as such at once, unless the tier moved (a scan of every account took ~0.5 s at 1M).
 */
export async function reorderTierRanks(db: Executor): Promise<void> {
  await db.$executeRaw`UPDATE account_segmentation r SET tier_rank = x.position FROM (
      SELECT s.account_id, t.position FROM tiers t JOIN account_segmentation s ON s.tier_id = t.id AND s.tier_rank < t.position
      UNION ALL
      SELECT s.account_id, t.position FROM tiers t JOIN account_segmentation s ON s.tier_id = t.id AND s.tier_rank > t.position
    ) x WHERE r.account_id = x.account_id`;
}
