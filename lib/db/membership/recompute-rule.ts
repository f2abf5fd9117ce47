/**
 * Recomputes after one rule is published or restored: the tier scheme (segments carried over) or
 * one segment (tiers and other segments carried over), through the same read and write as the
 * full recompute; play audiences and whitespace (which depend on both) follow.
 */
import type { RuleGroup } from "@/lib/segmentation/schema";
import { applyMembershipChanges } from "./apply-changes";
import { readMembershipChanges, type MembershipRecompute } from "./changes";
import { dropStamp, beginDerivedWrites } from "./input-stamp";
import { recomputePlays } from "./plays";
import type { PublishedScheme } from "./published-rules";
import { reorderTierRanks, syncTiers } from "./tier-rows";
import type { Because, Executor, RecomputeScope } from "./types";

/** Assign every account (or the given ones) to its tier; returns how many changed tier. */
export async function recomputeTiers(
  db: Executor,
  scheme: PublishedScheme | null,
  because: Because,
  scope: RecomputeScope = {},
): Promise<number> {
  // Own writes (input-stamp.ts); the peer counts, grouped by tier, no longer hold.
  await beginDerivedWrites(db);
  await dropStamp(db, "peer_counts");
  const ids = await syncTiers(db, scheme?.tiers ?? []);
  const what: MembershipRecompute = { tiers: { scheme, ids }, segments: [] };
  const { tierChanges } = await applyMembershipChanges(db, await readMembershipChanges(db, what, scope), what, because);
  await reorderTierRanks(db);
  await recomputePlays(db, because, scope);
  return tierChanges;
}

/** Recompute one segment's members (a null rule removes them all); returns how many entered and left. */
export async function recomputeSegment(
  db: Executor,
  segment: { id: number; rule: RuleGroup | null },
  because: Because,
  scope: RecomputeScope = {},
): Promise<{ entered: number; left: number }> {
  // Own writes (input-stamp.ts).
  await beginDerivedWrites(db);
  const what: MembershipRecompute = { tiers: null, segments: [{ ...segment, version: null }] };
  const { segmentsEntered, segmentsLeft } = await applyMembershipChanges(db, await readMembershipChanges(db, what, scope), what, because);
  // Play audiences name segments: they follow.
  await recomputePlays(db, because, scope);
  return { entered: segmentsEntered, left: segmentsLeft };
}
