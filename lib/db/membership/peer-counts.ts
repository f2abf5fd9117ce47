/**
 * Whitespace peer groups' counts: per (industry, tier) how many accounts there are and how many
 * run each technology category. Counting them reads every account (~1.4 GB at 1,000,000 accounts);
 * the common categories of a group (peerCommon) follow from the counts alone. So the counts are
 * stored (peer_counts) with the input stamp of the reads they came from (input-stamp.ts), and a
 * tier republish moves them by the accounts that changed tier instead of counting again: only
 * the groups whose common categories changed need their accounts' whitespace recomputed.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { TECH_CATEGORIES, techCategoryBit } from "@/lib/domain/tech-category-bits";
import { UNTIERED } from "@/lib/domain/tiers";
import { WHITESPACE_MIN_PEERS, WHITESPACE_MIN_SHARE } from "@/lib/plays/whitespace";
import { checkStamp, storeStamp } from "./input-stamp";
import type { PeerCommon, PlaysExecutor } from "./plays";

export interface PeerCount {
  industry: string;
  /** The tier's id, 0 for untiered. */
  tier_key: number;
  accounts: number;
  /** Per category in TECH_CATEGORIES order, how many of the group's accounts run it. */
  with_category: number[];
}

/** The stamp's signature: the counts' columns are the categories in this order. */
const SIGNATURE = JSON.stringify(TECH_CATEGORIES);

/** The accounts with their stored tiers: `a` (industry, technology_categories) and `r` (tier_id). */
const STORED = Prisma.sql`accounts a JOIN account_segmentation r ON r.account_id = a.id`;

/**
 * Count every group (small ones too: a republish may grow them past WHITESPACE_MIN_PEERS), over
 * the stored tiers or another source with the same aliases (the first materialisation's staging
 * table, materialise.ts).
 */
export function countPeers(db: PlaysExecutor, from: Prisma.Sql = STORED, industries?: readonly string[]): Promise<PeerCount[]> {
  const counts = TECH_CATEGORIES.map((c) => Prisma.sql`(count(*) FILTER (WHERE a.technology_categories & ${techCategoryBit(c)}::int <> 0))::int`);
  return db.$queryRaw<PeerCount[]>`
    SELECT a.industry, COALESCE(r.tier_id, 0) AS tier_key, count(*)::int AS accounts, ARRAY[${Prisma.join(counts)}]::int[] AS with_category
    FROM ${from}
    ${industries ? Prisma.sql`WHERE a.industry = ANY(${[...industries]}::text[])` : Prisma.empty}
    GROUP BY 1, 2`;
}

/**
 * The counts after the given accounts were written, from the stored ones, counting again only
 * the groups of the industries those accounts are in now; null when that cannot stand for
 * counting every account. It can when the stored counts are true of the snapshot `since` (their
 * stamp was stored with it) and the written accounts are every account whose inputs changed since
 * (the full recompute's stamp, recompute-written.ts): then a group of another industry changes
 * only if one of them left it, and an account that left it joined one of these industries, whose
 * total it raises. So equal totals of those industries, counted and stored, mean no group of
 * another industry changed; else every account is counted. (At 1,000,000 accounts in 12
 * industries: ~0.5 s for one industry against 1.4 s.)
 */
export async function countWrittenPeers(
  db: PlaysExecutor,
  stored: readonly PeerCount[],
  written: readonly number[],
  since: string,
): Promise<PeerCount[] | null> {
  const stamp = await checkStamp(db, "peer_counts");
  if (stamp.writtenSince?.snapshot !== since || stamp.writtenSince.signature !== SIGNATURE) return null;
  const rows = await db.$queryRaw<{ industry: string }[]>`SELECT DISTINCT industry FROM accounts WHERE id = ANY(${[...written]}::int[])`;
  const industries = new Set(rows.map((r) => r.industry));
  const recounted = await countPeers(db, STORED, [...industries]);
  const total = (groups: readonly PeerCount[]) => groups.reduce((n, g) => (industries.has(g.industry) ? n + g.accounts : n), 0);
  if (total(recounted) !== total(stored)) return null;
  return [...stored.filter((g) => !industries.has(g.industry)), ...recounted];
}

/**
 * Per group of at least WHITESPACE_MIN_PEERS accounts, the categories at least WHITESPACE_MIN_SHARE
 * of it runs, as bits (groups with none are left out). Integer counts against a float8 share, as
 * the SQL this replaced compared them.
 */
export function peerCommon(counts: readonly PeerCount[]): PeerCommon[] {
  const common: PeerCommon[] = [];
  for (const group of counts) {
    if (group.accounts < WHITESPACE_MIN_PEERS) continue;
    let mask = 0;
    TECH_CATEGORIES.forEach((category, i) => {
      if ((group.with_category[i] ?? 0) >= WHITESPACE_MIN_SHARE * group.accounts) mask |= techCategoryBit(category);
    });
    if (mask !== 0) common.push({ industry: group.industry, tier_key: group.tier_key, mask });
  }
  return common;
}

/**
 * The stored counts if no input was written since they were counted (else null), and the snapshot
 * of this moment: counts derived from these (or counted after this) may be stored under it.
 */
export async function loadPeerCounts(db: PlaysExecutor): Promise<{ counts: PeerCount[] | null; snapshot: string }> {
  const stamp = await checkStamp(db, "peer_counts");
  if (stamp.unchangedSignature !== SIGNATURE) return { counts: null, snapshot: stamp.now };
  const counts = await db.$queryRaw<PeerCount[]>`SELECT industry, tier_key, accounts, with_category FROM peer_counts`;
  return { counts, snapshot: stamp.now };
}

/** Replace the stored counts, as true of the reads after `snapshot`. */
export async function storePeerCounts(db: PlaysExecutor, counts: readonly PeerCount[], snapshot: string): Promise<void> {
  await db.$executeRaw`DELETE FROM peer_counts`;
  if (counts.length > 0) {
    await db.$executeRaw`
      INSERT INTO peer_counts (industry, tier_key, accounts, with_category)
      SELECT industry, tier_key, accounts, with_category::int[]
      FROM unnest(${counts.map((g) => g.industry)}::text[], ${counts.map((g) => g.tier_key)}::int[], ${counts.map((g) => g.accounts)}::int[],
        ${counts.map((g) => `{${g.with_category.join(",")}}`)}::text[]) AS g(industry, tier_key, accounts, with_category)`;
  }
  await storeStamp(db, "peer_counts", snapshot, SIGNATURE);
}

/**
 * Store the stored counts' stamp again under `snapshot` (taken before this call) if no input was
 * written since they were counted: then they are true of it too.
 */
export async function keepPeerCounts(db: PlaysExecutor, snapshot: string): Promise<void> {
  if ((await checkStamp(db, "peer_counts")).unchangedSignature === SIGNATURE) await storeStamp(db, "peer_counts", snapshot, SIGNATURE);
}

export interface TierMove {
  old_tier: number | null;
  new_tier: number | null;
  industry?: string;
  /** The account's technology categories as bits. */
  categories?: number;
}

/** The counts after these accounts changed tier (each with its industry and categories: readMembershipChanges' peerColumns). */
export function movePeerCounts(counts: readonly PeerCount[], moves: readonly TierMove[]): PeerCount[] {
  const key = (industry: string, tier: number) => `${tier}\u0000${industry}`;
  const groups = new Map(counts.map((g) => [key(g.industry, g.tier_key), { ...g, with_category: [...g.with_category] }]));
  const add = (industry: string, tier: number, categories: number, sign: 1 | -1) => {
    const k = key(industry, tier);
    const group = groups.get(k) ?? { industry, tier_key: tier, accounts: 0, with_category: TECH_CATEGORIES.map(() => 0) };
    group.accounts += sign;
    TECH_CATEGORIES.forEach((category, i) => {
      if ((categories & techCategoryBit(category)) !== 0) group.with_category[i]! += sign;
    });
    groups.set(k, group);
  };
  for (const move of moves) {
    if (move.old_tier === move.new_tier) continue;
    if (move.industry === undefined || move.categories === undefined) throw new Error("movePeerCounts: a move without its industry and categories");
    add(move.industry, move.old_tier ?? 0, move.categories, -1);
    add(move.industry, move.new_tier ?? 0, move.categories, 1);
  }
  return [...groups.values()].filter((g) => g.accounts > 0);
}

/** A peer group whose common categories changed, and which ones (as bits: those in one set and not the other). */
export interface ChangedGroup {
  industry: string;
  tier_key: number;
  flipped: number;
}

/** Groups whose common categories differ between two sets (a group missing from one has none). */
export function changedGroups(before: readonly PeerCommon[], after: readonly PeerCommon[]): ChangedGroup[] {
  const key = (g: { industry: string; tier_key: number }) => `${g.tier_key}\u0000${g.industry}`;
  const masks = new Map(before.map((g) => [key(g), g.mask]));
  const changed = new Map<string, ChangedGroup>();
  for (const g of after) {
    const old = masks.get(key(g)) ?? 0;
    if (old !== g.mask) changed.set(key(g), { industry: g.industry, tier_key: g.tier_key, flipped: old ^ g.mask });
    masks.delete(key(g));
  }
  for (const g of before) if (masks.has(key(g)) && g.mask !== 0) changed.set(key(g), { industry: g.industry, tier_key: g.tier_key, flipped: g.mask });
  return [...changed.values()];
}

/**
 * The accounts of these groups whose whitespace the change can move: an account's whitespace is
 * its group's common categories that it does not run, so it changes only if it lacks one of the
 * flipped categories (an account running all of them keeps its whitespace, and with it its plays,
 * which read the account's group only through whitespace). Found through the groups' industries
 * (accounts' industry index) and their tiers' ranks (an index-only scan of account_segmentation's
 * (tier_rank, score, account_id) index) instead of joining every account: 1.7 s instead of 7.2 s
 * for three groups at 1,000,000 accounts. A tier's members have its position as their rank
 * (apply-changes.ts writes both; reorderTierRanks, run before this, puts moved tiers in step),
 * untiered ones UNTIERED.rank. The pairs are a condition on the joined rows, not a join to a list
 * of them: joined, the planner read a repeated industry's accounts once per pair (0.75 s against
 * 0.43 s for three groups at 1,000,000 accounts; docs/benchmarks.md, session 15).
 */
export async function groupMembers(db: PlaysExecutor, groups: readonly ChangedGroup[]): Promise<number[]> {
  if (groups.length === 0) return [];
  const tiers = await db.$queryRaw<{ id: number; position: number }[]>`SELECT id, position FROM tiers`;
  const position = new Map(tiers.map((t) => [t.id, t.position]));
  const rankOf = (tier: number) => (tier === 0 ? UNTIERED.rank : (position.get(tier) ?? -1));
  const ranks = groups.map((g) => rankOf(g.tier_key));
  const pairs = groups.map(
    (g, i) =>
      Prisma.sql`(a.industry = ${g.industry} AND r.tier_rank = ${ranks[i]}::int AND (a.technology_categories & ${g.flipped}::int) <> ${g.flipped}::int)`,
  );
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT a.id FROM accounts a
    JOIN account_segmentation r ON r.account_id = a.id
    WHERE a.industry = ANY(${[...new Set(groups.map((g) => g.industry))]}::text[]) AND r.tier_rank = ANY(${[...new Set(ranks)]}::int[])
      AND (${Prisma.join(pairs, " OR ")})`;
  return rows.map((r) => r.id);
}
