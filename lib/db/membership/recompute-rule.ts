/**
 * Recomputes after one rule is published or restored: the tier scheme (segments carried over) or
 * one segment (tiers and other segments carried over), through the same read and write as the
 * full recompute; play audiences and whitespace (which depend on both) follow.
 */
import type { RuleGroup } from "@/lib/segmentation/schema";
import { applyMembershipChanges } from "./apply-changes";
import { readMembershipChanges, type MembershipRecompute } from "./changes";
import { beginDerivedWrites, dropStamp } from "./input-stamp";
import { changedGroups, countPeers, groupMembers, loadPeerCounts, movePeerCounts, peerCommon, storePeerCounts } from "./peer-counts";
import { loadPublishedPlays, recomputePlays, withParallelScans, type PublishedPlay } from "./plays";
import type { PublishedScheme } from "./published-rules";
import { reorderTierRanks, syncTiers } from "./tier-rows";
import type { Because, Executor, RecomputeScope } from "./types";

/**
 * Assign every account (or the given ones) to its tier; returns how many changed tier. Whitespace
 * compares an account with its (industry, tier) peer group, so after a whole-scheme republish
 * only the moved accounts and the accounts of groups whose common categories changed are
 * recomputed, the groups moved by the moved accounts from the stored counts (peer-counts.ts);
 * when those are not current, every account is, and the counts are stored for the next time.
 */
export async function recomputeTiers(
  db: Executor,
  scheme: PublishedScheme | null,
  because: Because,
  scope: RecomputeScope = {},
): Promise<number> {
  // Own writes (input-stamp.ts): this keeps the peer counts in step, or drops their stamp. The
  // full recompute's stamp names the published scheme, but a caller may pass another: dropped.
  await beginDerivedWrites(db);
  await dropStamp(db, "full");
  const peers = await loadPeerCounts(db);
  if (!peers.counts || scope.accountIds) await dropStamp(db, "peer_counts");
  const ids = await syncTiers(db, scheme?.tiers ?? []);
  const what: MembershipRecompute = { tiers: { scheme, ids }, segments: [] };
  // Parallel workers: nothing else runs beside a publish's one pass over every account.
  const changes = await withParallelScans(db, () => readMembershipChanges(db, what, { ...scope, peerColumns: true }));
  const { tierChanges } = await applyMembershipChanges(db, changes, what, because);
  await reorderTierRanks(db);
  if (scope.accountIds) {
    await recomputePlays(db, because, scope);
  } else if (peers.counts) {
    const after = movePeerCounts(peers.counts, changes);
    const common = peerCommon(after);
    const members = await withParallelScans(db, () => groupMembers(db, changedGroups(peerCommon(peers.counts!), common)));
    const accountIds = [...new Set([...changes.map((c) => c.id), ...members])];
    await recomputePlays(db, because, { ...scope, peers: common, accountIds: accountIds.length > EVERY_ACCOUNT_ABOVE ? undefined : accountIds });
    await storePeerCounts(db, after, peers.snapshot);
  } else {
    const counts = await withParallelScans(db, () => countPeers(db));
    await recomputePlays(db, because, { ...scope, peers: peerCommon(counts) });
    await storePeerCounts(db, counts, peers.snapshot);
  }
  return tierChanges;
}

/** Past this many accounts to recompute, one pass over all is cheaper than finding them by id. */
const EVERY_ACCOUNT_ABOVE = 200_000;

/**
 * Recompute one segment's members (a null rule removes them all); returns how many entered and
 * left. Plays follow for the accounts whose segments changed (no one else's audience inputs
 * did), against the stored peer groups when they are current (segments do not group peers),
 * and only if some published play's audience names the segment: an audience reads segments only
 * through its segment lists, and whitespace only through tiers and technologies, so otherwise no
 * account's plays or whitespace can change (a pass over every account found none at 1,000,000).
 */
export async function recomputeSegment(
  db: Executor,
  segment: { id: number; rule: RuleGroup | null },
  because: Because,
  scope: RecomputeScope = {},
): Promise<{ entered: number; left: number }> {
  // Own writes (input-stamp.ts): tiers do not move, so the peer counts stay true. The full
  // recompute's stamp names the published segments, but a caller may pass another rule: dropped.
  await beginDerivedWrites(db);
  await dropStamp(db, "full");
  const peers = await loadPeerCounts(db);
  const what: MembershipRecompute = { tiers: null, segments: [{ ...segment, version: null }] };
  const changes = await withParallelScans(db, () => readMembershipChanges(db, what, scope));
  const { segmentsEntered, segmentsLeft } = await applyMembershipChanges(db, changes, what, because);
  if (changes.length === 0) return { entered: 0, left: 0 };
  if (!(await loadPublishedPlays(db)).some((play) => namesSegment(play, segment.id))) return { entered: segmentsEntered, left: segmentsLeft };
  const counts = peers.counts ?? (await withParallelScans(db, () => countPeers(db)));
  const accountIds = changes.length > EVERY_ACCOUNT_ABOVE ? scope.accountIds : changes.map((c) => c.id);
  // Play audiences name segments: they follow.
  await recomputePlays(db, because, { ...scope, peers: peerCommon(counts), accountIds });
  if (!peers.counts) await storePeerCounts(db, counts, peers.snapshot);
  return { entered: segmentsEntered, left: segmentsLeft };
}

/** Whether a play's audience reads this segment's membership (its only way to read segments). */
function namesSegment(play: PublishedPlay, segmentId: number): boolean {
  const { segmentsAll, segmentsAny } = play.definition.audience;
  return segmentsAll.includes(segmentId) || segmentsAny.includes(segmentId);
}
