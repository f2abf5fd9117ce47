/**
 * The account page's whitespace: the technology categories this account lacks that most of its
 * peers (same industry and tier) run, with the share, and those the ideal customer profile names.
 * The peer group is counted in one aggregate query; lib/plays/whitespace.ts turns the counts into
 * sentences with the same thresholds the recompute stores in account_segmentation.whitespace.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { TechCategory } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { loadScoring } from "@/lib/db/membership/published-rules";
import { idealProfileCategories, whitespace, type Whitespace } from "@/lib/plays/whitespace";
import { parseId } from "@/lib/validation/ids";
import { ACCOUNTS_FROM, visibleAccountsSql } from "./account-filters";

const CATEGORIES: readonly TechCategory[] = Object.values(TechCategory);

export interface AccountWhitespace extends Whitespace {
  accountId: number;
  /** The group compared with: the account's industry and tier, and how many accounts it has (the account included). */
  peers: { industry: string; tierName: string | null; accounts: number };
  /** Whether the ideal customer profile names any technology category (otherwise there are no profile gaps to find). */
  profileHasCategories: boolean;
}

interface AccountRow {
  industry: string;
  tier_id: number | null;
  tier_name: string | null;
  technology_ids: number[] | null;
}

/** Null when the account does not exist or the actor may not see it. */
export async function getAccountWhitespace(actor: Actor, accountId: number): Promise<AccountWhitespace | null> {
  if (parseId(accountId) === null) return null;
  const [[account], byCategory, scoring] = await Promise.all([
    db.$queryRaw<AccountRow[]>`
      SELECT a.industry, r.tier_id, t.name AS tier_name, a.technology_ids
      FROM ${ACCOUNTS_FROM} LEFT JOIN tiers t ON t.id = r.tier_id
      WHERE a.id = ${accountId} AND ${visibleAccountsSql(actor)}`,
    technologyIdsByCategory(),
    loadScoring(db),
  ]);
  if (!account) return null;

  const categoryOf = new Map<number, TechCategory>();
  for (const [category, ids] of byCategory) for (const id of ids) categoryOf.set(id, category);
  const accountCategories = (account.technology_ids ?? []).flatMap((id) => categoryOf.get(id) ?? []);
  const { accounts, withCategory } = await countPeers(account.industry, account.tier_id, byCategory);
  const profileCategories = idealProfileCategories(scoring.idealProfile);
  const result = whitespace({
    accountCategories,
    peers: { industry: account.industry, tierName: account.tier_name, accounts, withCategory },
    profileCategories,
  });
  return {
    accountId,
    ...result,
    peers: { industry: account.industry, tierName: account.tier_name, accounts },
    profileHasCategories: profileCategories.length > 0,
  };
}

/** The catalogue's technology ids per category (categories without technologies are absent). */
async function technologyIdsByCategory(): Promise<Map<TechCategory, number[]>> {
  const rows = await db.$queryRaw<{ category: TechCategory; ids: number[] }[]>`
    SELECT category::text AS category, array_agg(id ORDER BY id) AS ids FROM technologies GROUP BY category`;
  return new Map(rows.map((r) => [r.category, r.ids]));
}

/**
 * The peer group's size and, per category, how many of its accounts run at least one technology
 * in it: one pass over the group, testing the GIN-indexed technology_ids array against each
 * category's ids (as the recompute does).
 */
async function countPeers(industry: string, tierId: number | null, byCategory: Map<TechCategory, number[]>): Promise<{ accounts: number; withCategory: Partial<Record<TechCategory, number>> }> {
  const counted = CATEGORIES.filter((c) => byCategory.has(c));
  const counts = counted.map((c) => Prisma.sql`count(*) FILTER (WHERE a.technology_ids && ${byCategory.get(c)}::int[])::int`);
  const sameTier = tierId === null ? Prisma.sql`r.tier_id IS NULL` : Prisma.sql`r.tier_id = ${tierId}`;
  const list = counts.length ? Prisma.sql`ARRAY[${Prisma.join(counts)}]` : Prisma.sql`'{}'::int[]`;
  const [row] = await db.$queryRaw<{ accounts: number; counts: number[] }[]>`
    SELECT count(*)::int AS accounts, ${list} AS counts
    FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
    WHERE a.industry = ${industry} AND ${sameTier}`;
  const withCategory: Partial<Record<TechCategory, number>> = {};
  counted.forEach((category, i) => {
    withCategory[category] = row?.counts[i] ?? 0;
  });
  return { accounts: row?.accounts ?? 0, withCategory };
}
