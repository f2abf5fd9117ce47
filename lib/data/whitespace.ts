/**
 * The account page's whitespace: the technology categories this account lacks that most of its
 * peers (same industry and tier) run, with the share, and those the ideal customer profile names.
 * The peer group is counted in one aggregate query; lib/plays/whitespace.ts turns the counts into
 * sentences with the same thresholds the recompute stores in account_segmentation.whitespace.
 *
 * Counting a group reads every account of an industry (a scan of the wide accounts table: about
 * 150 ms at 100,000 accounts), so the counts are kept for a few minutes per (industry, tier) and
 * checked against the account's stored whitespace: when the categories they give differ from the
 * stored ones (a recompute has run since), the group is counted again. The categories shown thus
 * always agree with the stored array; only a share may be up to PEER_COUNTS_MAX_AGE_MS old.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { TechCategory } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { idealProfileCategories, whitespace, type Whitespace } from "@/lib/plays/whitespace";
import { parseId } from "@/lib/validation/ids";
import { accountSegmentationRow } from "./account-segmentation-row";
import { sharedScoring, sharedTechnologyIdsByCategory } from "./shared-lookups";

const CATEGORIES: readonly TechCategory[] = Object.values(TechCategory);
const PEER_COUNTS_MAX_AGE_MS = 5 * 60_000;

interface PeerCounts {
  accounts: number;
  withCategory: Partial<Record<TechCategory, number>>;
}

/** Per "tierId|industry": the group's counts and when they were taken (one process's memory). */
const peerCounts = new Map<string, { at: number; counts: PeerCounts }>();

export interface AccountWhitespace extends Whitespace {
  accountId: number;
  /** The group compared with: the account's industry and tier, and how many accounts it has (the account included). */
  peers: { industry: string; tierName: string | null; accounts: number };
  /** Whether the ideal customer profile names any technology category (otherwise there are no profile gaps to find). */
  profileHasCategories: boolean;
}

/** Null when the account does not exist or the actor may not see it. */
export async function getAccountWhitespace(actor: Actor, accountId: number): Promise<AccountWhitespace | null> {
  if (parseId(accountId) === null) return null;
  const [account, byCategory, scoring] = await Promise.all([
    accountSegmentationRow(actor, accountId),
    sharedTechnologyIdsByCategory(),
    sharedScoring(),
  ]);
  if (!account) return null;

  const categoryOf = new Map<number, TechCategory>();
  for (const [category, ids] of byCategory) for (const id of ids) categoryOf.set(id, category);
  const accountCategories = (account.technology_ids ?? []).flatMap((id) => categoryOf.get(id) ?? []);
  const profileCategories = idealProfileCategories(scoring.idealProfile);
  const compute = ({ accounts, withCategory }: PeerCounts) =>
    whitespace({ accountCategories, peers: { industry: account.industry, tierName: account.tier_name, accounts, withCategory }, profileCategories });

  const key = `${account.tier_id ?? "untiered"}|${account.industry}`;
  const cached = peerCounts.get(key);
  let counts = cached && Date.now() - cached.at < PEER_COUNTS_MAX_AGE_MS ? cached.counts : null;
  let result = counts && compute(counts);
  if (!counts || !result || !sameCategories(result.peerGaps.map((g) => g.category), account.whitespace ?? [])) {
    counts = await countPeers(account.industry, account.tier_id, byCategory);
    peerCounts.set(key, { at: Date.now(), counts });
    result = compute(counts);
  }
  return {
    accountId,
    ...result,
    peers: { industry: account.industry, tierName: account.tier_name, accounts: counts.accounts },
    profileHasCategories: profileCategories.length > 0,
  };
}

function sameCategories(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((category) => b.includes(category));
}

/**
 * The peer group's size and, per category, how many of its accounts run at least one technology
 * in it: one pass over the group, testing the GIN-indexed technology_ids array against each
 * category's ids (as the recompute does).
 */
async function countPeers(industry: string, tierId: number | null, byCategory: Map<TechCategory, number[]>): Promise<PeerCounts> {
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
