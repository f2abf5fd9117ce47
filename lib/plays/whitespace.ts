/**
 * Whitespace: the technology categories an account lacks that most of its peers have, and those
 * the ideal customer profile names that it lacks. Pure: the caller counts the peer group in SQL.
 *
 * Peers are the accounts of the same industry and tier. The counts include the account itself,
 * so the sentence ("71% of Tier 1 Software accounts run marketing automation; this account does
 * not") is literally true of the group as counted. Below WHITESPACE_MIN_PEERS accounts, shares
 * are too noisy to claim anything, and peer whitespace is not computed (the reason is returned).
 */
import { TechCategory } from "@/lib/generated/prisma/enums";
import { UNTIERED } from "@/lib/domain/tiers";
import { categoryLabel, lowerFirst } from "@/lib/segmentation/format";
import type { RuleNode } from "@/lib/segmentation/rule";
import { plural } from "@/lib/utils/format";

/** A category is peer whitespace when at least this share of the peer group has it. */
export const WHITESPACE_MIN_SHARE = 0.5;
/** Smallest peer group (the account included) whose shares are worth quoting. */
export const WHITESPACE_MIN_PEERS = 5;

const CATEGORIES: readonly TechCategory[] = Object.values(TechCategory);

export interface PeerGroup {
  industry: string;
  /** The group's tier name ("Tier 1"); null for untiered accounts. */
  tierName: string | null;
  /** Accounts in the group (same industry and tier), the account itself included. */
  accounts: number;
  /** Per category, how many accounts of the group have at least one technology in it. */
  withCategory: Readonly<Partial<Record<string, number>>>;
}

export interface PeerGap {
  category: TechCategory;
  label: string;
  /** 0..1: peersWith / peers. */
  share: number;
  peersWith: number;
  peers: number;
  /** "71% of Tier 1 Software accounts run marketing automation; this account does not". */
  sentence: string;
}

export interface ProfileGap {
  category: TechCategory;
  label: string;
  /** "The ideal customer profile includes CRM; this account has none on record". */
  sentence: string;
}

export interface Whitespace {
  /** Categories most peers have and the account lacks, highest share first. */
  peerGaps: PeerGap[];
  /** Why peer whitespace was not computed (too few peers); null when it was. */
  peerNote: string | null;
  /** Categories of the ideal customer profile the account lacks, in schema order. */
  profileGaps: ProfileGap[];
}

export interface WhitespaceInput {
  /** The categories of the account's technologies (duplicates allowed). */
  accountCategories: readonly string[];
  peers: PeerGroup;
  /** Categories of the ideal customer profile (see idealProfileCategories). */
  profileCategories: readonly string[];
}

export interface WhitespaceOptions {
  minShare?: number;
  minPeers?: number;
}

export function whitespace(input: WhitespaceInput, options: WhitespaceOptions = {}): Whitespace {
  const minShare = options.minShare ?? WHITESPACE_MIN_SHARE;
  const minPeers = options.minPeers ?? WHITESPACE_MIN_PEERS;
  const has = new Set(input.accountCategories);
  const missing = CATEGORIES.filter((category) => !has.has(category));
  const wanted = new Set(input.profileCategories);
  const profileGaps = missing
    .filter((category) => wanted.has(category))
    .map((category) => ({
      category,
      label: categoryLabel(category),
      sentence: `The ideal customer profile includes ${lowerFirst(categoryLabel(category))}; this account has none on record`,
    }));

  const { peers } = input;
  const group = `${peers.tierName ?? UNTIERED.label} ${peers.industry}`;
  if (peers.accounts < minPeers) {
    const peerNote = `Only ${plural(peers.accounts, `${group} account`)}: too few to compare with peers (at least ${minPeers} are needed)`;
    return { peerGaps: [], peerNote, profileGaps };
  }

  const peerGaps = missing
    .map((category) => {
      const peersWith = Math.min(peers.withCategory[category] ?? 0, peers.accounts);
      const share = peersWith / peers.accounts;
      const label = categoryLabel(category);
      const sentence = `${formatShare(share)} of ${group} accounts run ${lowerFirst(label)}; this account does not`;
      return { category, label, share, peersWith, peers: peers.accounts, sentence };
    })
    .filter((gap) => gap.peersWith > 0 && gap.share >= minShare)
    // Stable sort: equal shares keep the schema's category order.
    .sort((a, b) => b.share - a.share);
  return { peerGaps, peerNote: null, profileGaps };
}

/** "71%"; never "100%" for a share below 1, since the sentence goes on "this account does not". */
export function formatShare(share: number): string {
  const percent = Math.round(share * 100);
  return `${share < 1 ? Math.min(percent, 99) : percent}%`;
}

/**
 * The technology categories an ideal customer profile asks for: those of its `in_category`
 * conditions that are not under a negated group (a negated one says what the profile avoids).
 */
export function idealProfileCategories(profile: RuleNode | null): TechCategory[] {
  const found = new Set<string>();
  const visit = (node: RuleNode, negated: boolean) => {
    if (node.kind === "group") {
      const inner = negated !== (node.negate ?? false);
      for (const child of node.children) visit(child, inner);
      return;
    }
    if (!negated && node.field === "technologies" && node.operator === "in_category") {
      for (const category of node.value) found.add(category);
    }
  };
  if (profile) visit(profile, false);
  return CATEGORIES.filter((category) => found.has(category));
}
