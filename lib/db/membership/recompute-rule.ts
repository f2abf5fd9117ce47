/**
 * Recomputes after one rule is published or restored: the tier scheme (segments carried over) or
 * one segment (tiers and other segments carried over), through the same read and write as the
 * full recompute; play audiences and whitespace (which depend on both) follow.
 */
import type { RuleGroup } from "@/lib/segmentation/schema";
import { applyMembershipChanges, applyStagedMembershipChanges, type AppliedChanges } from "./apply-changes";
import { readMembershipChanges, STAGED_CHANGES, stageMembershipChanges, type MembershipRecompute } from "./changes";
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
 * Runs in the caller's transaction: over every account the changes are staged in a temporary
 * table that lives as long as it.
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
  const { count, applied, changedIds } = scope.accountIds ? await forAccounts(db, what, because, scope) : await forEveryAccount(db, what, because, scope);
  const { segmentsEntered, segmentsLeft } = applied;
  if (count === 0) return { entered: 0, left: 0 };
  if (!(await loadPublishedPlays(db)).some((play) => namesSegment(play, segment.id))) return { entered: segmentsEntered, left: segmentsLeft };
  const counts = peers.counts ?? (await withParallelScans(db, () => countPeers(db)));
  const accountIds = count > EVERY_ACCOUNT_ABOVE ? scope.accountIds : await changedIds();
  // Play audiences name segments: they follow.
  await recomputePlays(db, because, { ...scope, peers: peerCommon(counts), accountIds });
  if (!peers.counts) await storePeerCounts(db, counts, peers.snapshot);
  return { entered: segmentsEntered, left: segmentsLeft };
}

interface SegmentChanges {
  count: number;
  applied: AppliedChanges;
  changedIds: () => Promise<number[]>;
}

/** The given accounts: their changes read into Node and written in batches. */
async function forAccounts(db: Executor, what: MembershipRecompute, because: Because, scope: RecomputeScope): Promise<SegmentChanges> {
  const changes = await withParallelScans(db, () => readMembershipChanges(db, what, scope));
  return { count: changes.length, applied: await applyMembershipChanges(db, changes, what, because), changedIds: async () => changes.map((c) => c.id) };
}

/**
 * Every account: the changes stay in PostgreSQL, staged and written in one statement (a new
 * segment at 1,000,000 accounts, 343,152 entering: 6.3 s against 8.8 s read into Node and written
 * in batches; docs/benchmarks.md, session 14).
 */
async function forEveryAccount(db: Executor, what: MembershipRecompute, because: Because, scope: RecomputeScope): Promise<SegmentChanges> {
  const count = await withParallelScans(db, () => stageMembershipChanges(db, what, scope));
  return {
    count,
    applied: await applyStagedMembershipChanges(db, what, because),
    changedIds: async () => (await db.$queryRaw<{ id: number }[]>`SELECT id FROM ${STAGED_CHANGES} ORDER BY id`).map((r) => r.id),
  };
}

/** Whether a play's audience reads this segment's membership (its only way to read segments). */
function namesSegment(play: PublishedPlay, segmentId: number): boolean {
  const { segmentsAll, segmentsAny } = play.definition.audience;
  return segmentsAll.includes(segmentId) || segmentsAny.includes(segmentId);
}
