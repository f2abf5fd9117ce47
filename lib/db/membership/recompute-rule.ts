/**
 * Recomputes after one rule is published or restored: the tier scheme (segments carried over) or
 * one segment (tiers and other segments carried over), through the same read and write as the
 * full recompute; play audiences and whitespace (which depend on both) follow.
 */
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@/lib/generated/prisma/client";
import { toIsoDate } from "@/lib/segmentation/dates";
import { compileSchemeDisagreement, compileTierCase } from "@/lib/segmentation/sql";
import { intArrayLiteral } from "@/lib/db/bulk-values";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { applyMembershipChanges, applyStagedMembershipChanges, type AppliedChanges } from "./apply-changes";
import { readMembershipChanges, STAGED_CHANGES, stageMembershipChanges, type MembershipRecompute } from "./changes";
import { beginDerivedWrites, checkStamp, dropStamp, resumeStamp, suspendStamp } from "./input-stamp";
import { changedGroups, countPeers, groupMembers, loadPeerCounts, movePeerCounts, peerCommon, storePeerCounts } from "./peer-counts";
import { loadPublishedPlays, recomputePlays, withParallelScans, type PublishedPlay } from "./plays";
import { loadPublishedRules, loadPublishedSegments, loadSchemeVersion, membershipsSignature, type PublishedRules, type PublishedScheme } from "./published-rules";
import type { FullSignature } from "./recompute-all";
import { WRITTEN_MAX, writtenAccounts } from "./recompute-written";
import { reorderTierRanks, syncTiers } from "./tier-rows";
import type { Because, Executor, RecomputeScope } from "./types";

/**
 * Assign every account (or the given ones) to its tier; returns how many changed tier. Over every
 * account, only those whose tier can change are read while the full recompute's stamp says which
 * (tierCandidates). Whitespace compares an account with its (industry, tier) peer group, so after
 * a whole-scheme republish only the moved accounts and the accounts of groups whose common
 * categories changed are recomputed, the groups moved by the moved accounts from the stored counts
 * (peer-counts.ts); when those are not current, every account is, and the counts are stored for
 * the next time.
 */
export async function recomputeTiers(
  db: Executor,
  scheme: PublishedScheme | null,
  because: Because,
  given: RecomputeScope = {},
): Promise<number> {
  // One evaluation day for the reads and the stamp.
  const scope = { ...given, asOf: given.asOf ?? new Date() };
  // Own writes (input-stamp.ts): this keeps the peer counts in step, or drops their stamp. The
  // full recompute's stamp names nothing until the end, then the rules now published if it still
  // holds (keepStamp).
  await beginDerivedWrites(db);
  const stamp = await suspendStamp(db, "full");
  const peers = await loadPeerCounts(db);
  if (!peers.counts || scope.accountIds) await dropStamp(db, "peer_counts");
  const ids = await syncTiers(db, scheme?.tiers ?? []);
  const what: MembershipRecompute = { tiers: { scheme, ids }, segments: [] };
  const candidates = scope.accountIds ? null : await tierCandidates(db, stamp, what, scope.asOf);
  // Parallel workers: nothing else runs beside a publish's one pass over every account.
  const changes = await withParallelScans(db, () =>
    readMembershipChanges(db, what, { ...scope, peerColumns: true, ...(candidates ? { candidates } : {}) }),
  );
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
  await keepStamp(db, stamp, scope, (rules) => isDeepStrictEqual(rules.scheme, scheme), ([, segments]) => [null, segments]);
  return tierChanges;
}

/**
 * Where the stored tiers can differ from the new scheme's (`what.tiers`), as a condition on
 * `accounts a`, or null when that is not known and every account's stored row is read. The full
 * recompute's stamp (suspended, as `stamp`), while it holds on this evaluation day, says that
 * every stored tier is the one the scheme version it names assigns, except on the accounts
 * written since its snapshot (up to WRITTEN_MAX, found by their rows' transaction ids when every
 * such write rewrote its accounts' rows: input-stamp.ts). So a tier can change only where that
 * version and the new scheme assign different tiers, or on an account written since. That is one
 * pass over the accounts alone, their stored rows read only for those (1,000,000 accounts, 13,019
 * moving: 0.35-0.43 s against 1.1 s; docs/benchmarks.md, session 17). The stored segments must
 * follow the segments published now too, since the read carries them over. A write that commits
 * while this runs is not in the stamp's snapshot either, so the next full recompute covers it, as
 * it covers one that commits after a read of every account.
 */
async function tierCandidates(
  db: Executor,
  stamp: { snapshot: string; signature: string } | null,
  what: MembershipRecompute,
  asOf: Date,
): Promise<Prisma.Sql | null> {
  if (!stamp || !what.tiers) return null;
  // The stamp's row is this transaction's (suspended): the check sees its snapshot and what was written since.
  const check = await checkStamp(db, "full");
  if (check.unchangedSignature === null && !check.writtenSince?.writtenAccountsMarked) return null;
  const written = check.writtenSince ? await writtenAccounts(db, stamp.snapshot, WRITTEN_MAX) : [];
  if (!written) return null;
  const last = JSON.parse(stamp.signature) as Partial<FullSignature>;
  if (last.day !== toIsoDate(asOf) || !last.memberships) return null;
  const [version, segments] = JSON.parse(last.memberships) as NamedRules;
  const [, published] = JSON.parse(membershipsSignature({ scheme: null, segments: await loadPublishedSegments(db) })) as NamedRules;
  if (JSON.stringify(segments) !== JSON.stringify(published)) return null;
  const old = version === null ? { tiers: [] } : await loadSchemeVersion(db, version);
  if (!old) return null;
  const rows = await db.$queryRaw<{ id: number; key: string }[]>`SELECT id, key FROM tiers WHERE key = ANY(${old.tiers.map((t) => t.key)}::text[])`;
  const oldIds = new Map(rows.map((t) => [t.key, t.id]));
  if (old.tiers.some((t) => !oldIds.has(t.key))) return null;
  const tiers = what.tiers.scheme?.tiers ?? [];
  const apart = Prisma.sql`${compileTierCase(old.tiers, oldIds, asOf)} IS DISTINCT FROM ${compileTierCase(tiers, what.tiers.ids, asOf)}`;
  // A bar moved: the accounts it can move through the changed fields' indexes, not a test of every account.
  const changed = compileSchemeDisagreement(old.tiers, tiers, asOf);
  const rewritten = written.length ? Prisma.sql` OR a.id = ANY(${intArrayLiteral(written)}::int[])` : Prisma.empty;
  return Prisma.sql`(${changed ? Prisma.sql`(${changed} AND ${apart})` : apart}${rewritten})`;
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
  given: RecomputeScope = {},
): Promise<{ entered: number; left: number }> {
  // One evaluation day for the reads and the stamp.
  const scope = { ...given, asOf: given.asOf ?? new Date() };
  // Own writes (input-stamp.ts): tiers do not move, so the peer counts stay true. The full
  // recompute's stamp names nothing until the end, then the rules now published if it still
  // holds (keepStamp).
  await beginDerivedWrites(db);
  const stamp = await suspendStamp(db, "full");
  const moved = await recomputeSegmentMembers(db, segment, because, scope);
  const published = (rules: PublishedRules) => rules.segments.find((s) => s.id === segment.id)?.rule ?? null;
  await keepStamp(
    db,
    stamp,
    scope,
    (rules) => isDeepStrictEqual(published(rules), segment.rule),
    ([scheme, segments]) => [scheme, segments.filter(([id]) => id !== segment.id)],
  );
  return moved;
}

/** recomputeSegment's members and the plays that follow them. */
async function recomputeSegmentMembers(
  db: Executor,
  segment: { id: number; rule: RuleGroup | null },
  because: Because,
  scope: RecomputeScope,
): Promise<{ entered: number; left: number }> {
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

/**
 * After one rule was recomputed: let the full recompute's stamp (input-stamp.ts, suspended at the
 * start) name the rules now published, when it still holds. It did if it named the published
 * rules apart from this one (`without` takes this rule out of both), on the day this recompute
 * evaluated; this one went over every account with the rule now published (`isPublished`), and
 * its own writes (tiers, segments, the plays and whitespace that follow) are not input writes.
 * Every stored membership then follows the published rules as of the stamp's snapshot or later,
 * and what was written since that snapshot is still counted; scores follow no tier or segment.
 * So the next full recompute skips what did not change, its score read above all (5.3 s at
 * 1,000,000 accounts), instead of running every part after every publish. Otherwise it is dropped.
 */
async function keepStamp(
  db: Executor,
  stamp: { snapshot: string; signature: string } | null,
  scope: RecomputeScope & { asOf: Date },
  isPublished: (rules: PublishedRules) => boolean,
  without: (named: NamedRules) => NamedRules,
): Promise<void> {
  if (!stamp) return;
  if (scope.accountIds) return dropStamp(db, "full");
  const last = JSON.parse(stamp.signature) as FullSignature;
  const rules = await loadPublishedRules(db);
  const now = membershipsSignature(rules);
  const holds =
    last.day === toIsoDate(scope.asOf) &&
    isPublished(rules) &&
    JSON.stringify(without(JSON.parse(last.memberships) as NamedRules)) === JSON.stringify(without(JSON.parse(now) as NamedRules));
  if (holds) await resumeStamp(db, "full", stamp.snapshot, JSON.stringify({ ...last, memberships: now } satisfies FullSignature));
  else await dropStamp(db, "full");
}

/** What membershipsSignature names: the tier scheme's version and each segment's [id, version]. */
type NamedRules = [scheme: number | null, segments: [number, number][]];

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
