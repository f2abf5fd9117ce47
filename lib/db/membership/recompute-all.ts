/**
 * Recomputing everything the published rules decide (tiers, segments, plays, scores): after a data
 * change on the caller's transaction (recomputeAll), or the full recompute on its own
 * connections (recomputeEverything: the daily refresh, the seed, benchmarks).
 */
import type { Db } from "@/lib/db/client";
import { LONG_TRANSACTION, allowLargeSorts } from "@/lib/db/transaction";
import { toIsoDate } from "@/lib/segmentation/dates";
import { applyMembershipChanges } from "./apply-changes";
import { readMembershipChanges, type MembershipRecompute } from "./changes";
import { checkStamp, beginDerivedWrites, storeStamp } from "./input-stamp";
import { materialiseEverything, mostlyBlank } from "./materialise";
import { countPeers, keepPeerCounts, peerCommon, storePeerCounts } from "./peer-counts";
import { loadPublishedPlays, recomputePlays, withParallelScans, type PeerCommon, type PublishedPlay } from "./plays";
import { loadPublishedRules, membershipsSignature, rulesSignature, type PublishedRules, type ScoringSettings } from "./published-rules";
import { applyScoreChanges, readScopedScoreChanges, readScoreChanges, writeScoreChanges } from "./scores";
import { recomputeWritten } from "./recompute-written";
import { reorderTierRanks, syncTiers } from "./tier-rows";
import type { Because, Executor, RecomputeScope } from "./types";

export interface RecomputeSummary {
  tierChanges: number;
  segmentChanges: number;
  /** Play entries and exits. */
  playChanges: number;
  scoreChanges: number;
}

/** Every published rule: the scheme with its tiers' row ids, and every published segment. */
async function everything(db: Executor, rules: PublishedRules): Promise<MembershipRecompute> {
  const ids = await syncTiers(db, rules.scheme?.tiers ?? []);
  return { tiers: { scheme: rules.scheme, ids }, segments: rules.segments };
}

/**
 * Everything after a data change (an import, an owner change): tiers and segments for the given
 * accounts (all when omitted), then scores, which are relative to all accounts. Runs on the
 * caller's executor (usually its transaction), one statement after another.
 */
export async function recomputeAll(db: Executor, because: Because, scope: RecomputeScope = {}): Promise<RecomputeSummary> {
  const asOf = scope.asOf ?? new Date();
  await allowLargeSorts(db);
  const rules = await loadPublishedRules(db);
  const what = await everything(db, rules);
  const memberships = await readMembershipChanges(db, what, { asOf, accountIds: scope.accountIds });
  const { tierChanges, segmentsEntered, segmentsLeft } = await applyMembershipChanges(db, memberships, what, because);
  await reorderTierRanks(db);
  const playChanges = await recomputePlays(db, because, { asOf, accountIds: scope.accountIds });
  const scoreChanges = await writeScoreChanges(db, rules.scoring, asOf);
  return { tierChanges, segmentChanges: segmentsEntered + segmentsLeft, playChanges, scoreChanges };
}

/**
 * Only the tiers and segments of the given accounts, with their ledger rows: what an import's dry
 * run compares with its snapshot (lib/import/impact.ts) before it rolls everything back. No rule
 * reads a play or a score, so the plays and scores recomputeAll would also rewrite (every score
 * moves when many accounts arrive) change nothing it reports; the commit runs the whole recompute.
 */
export async function recomputeTiersAndSegments(db: Executor, because: Because, scope: RecomputeScope & { accountIds: readonly number[] }): Promise<void> {
  const asOf = scope.asOf ?? new Date();
  await allowLargeSorts(db);
  const rules = await loadPublishedRules(db);
  const what = { tiers: { scheme: rules.scheme, ids: await publishedTierIds(db, rules) }, segments: rules.segments };
  await applyMembershipChanges(db, await readMembershipChanges(db, what, { asOf, accountIds: scope.accountIds }), what, because);
}

/** Accounts recomputed for one cause (its ledger reason and detail). */
export interface AccountsBecause {
  because: Because;
  accountIds: readonly number[];
}

/**
 * The incremental path for a few accounts (the live recompute after an API write, a small
 * import): tiers, segments and plays of only these accounts, and their scores ranked against all
 * accounts without ranking every account (readScopedScoreChanges). Only the given accounts' rows
 * are written; other accounts' value ranks drift by at most 1/(n-1) per moved account until the
 * next full recompute, at most an hour later (lib/db/refresh.ts). Derived metrics are the
 * caller's (recomputeAccountMetrics first). Causes with different ledger details are recomputed
 * one after another; scores once for all.
 */
export async function recomputeAccounts(
  db: Executor,
  causes: readonly AccountsBecause[],
  options: {
    asOf?: Date;
    /** Whitespace peer groups read earlier (lib/live/peer-groups.ts); read now when absent. */
    peers?: readonly PeerCommon[];
    /** false: leave the scores to the caller (the live recompute scores in a job of its own). */
    scores?: boolean;
  } = {},
): Promise<RecomputeSummary> {
  const asOf = options.asOf ?? new Date();
  // Own writes (input-stamp.ts): they follow from the writes to these accounts, which the stamps count.
  await beginDerivedWrites(db);
  const rules = await loadPublishedRules(db);
  const what = { tiers: { scheme: rules.scheme, ids: await publishedTierIds(db, rules) }, segments: rules.segments };
  const summary: RecomputeSummary = { tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 };
  for (const { because, accountIds } of causes) {
    if (accountIds.length === 0) continue;
    const memberships = await readMembershipChanges(db, what, { asOf, accountIds });
    const applied = await applyMembershipChanges(db, memberships, what, because);
    summary.tierChanges += applied.tierChanges;
    summary.segmentChanges += applied.segmentsEntered + applied.segmentsLeft;
    summary.playChanges += await recomputePlays(db, because, { asOf, accountIds, peers: options.peers });
  }
  if (options.scores === false) return summary;
  summary.scoreChanges = await recomputeScopedScores(db, rules.scoring, asOf, causes.flatMap((c) => c.accountIds));
  return summary;
}

/** The scores of only these accounts, ranked against all accounts (readScopedScoreChanges); returns how many changed. */
export async function recomputeScopedScores(db: Executor, scoring: ScoringSettings, asOf: Date, accountIds: readonly number[]): Promise<number> {
  // Own writes (input-stamp.ts): a changed rank follows from a written account, which the stamps count.
  await beginDerivedWrites(db);
  return applyScoreChanges(db, await readScopedScoreChanges(db, scoring, asOf, [...new Set(accountIds)]));
}

/**
 * The published scheme's tier row ids, read rather than upserted: publishing synced the tiers
 * table, and a write to every tier row on each live recompute would only contend with others.
 * Falls back to syncTiers (and reorders ranks) if the table is not in step.
 */
async function publishedTierIds(db: Executor, rules: PublishedRules): Promise<ReadonlyMap<string, number>> {
  const tiers = rules.scheme?.tiers ?? [];
  const rows = await db.$queryRaw<{ id: number; key: string; position: number }[]>`
    SELECT id, key, position FROM tiers WHERE NOT archived`;
  const ids = new Map(rows.map((r) => [r.key, r.id]));
  const inStep = rows.length === tiers.length && tiers.every((t, index) => rows.some((r) => r.key === t.key && r.position === index + 1));
  if (inStep) return ids;
  const synced = await syncTiers(db, tiers);
  await reorderTierRanks(db);
  return synced;
}

/**
 * What the full recompute's parts were computed from, besides the inputs the stamp watches: the
 * evaluation day (rules, scores and plays can count days), the published tiers and segments, the
 * scoring settings and the published plays (each version is immutable).
 */
export interface FullSignature {
  day: string;
  memberships: string;
  scoring: string;
  plays: string;
}

function fullSignature(rules: PublishedRules, plays: readonly PublishedPlay[], asOf: Date): FullSignature {
  return {
    day: toIsoDate(asOf),
    memberships: membershipsSignature(rules),
    scoring: JSON.stringify(rules.scoring),
    plays: JSON.stringify(plays.map((p) => [p.id, p.version])),
  };
}

/** Which parts of the last full recompute still hold (nothing written since its snapshot, same day and rules). */
function currentParts(stored: string | null, now: FullSignature): { memberships: boolean; scores: boolean; plays: boolean } {
  const last = stored ? (JSON.parse(stored) as Partial<FullSignature>) : null;
  const sameDay = last?.day === now.day;
  const memberships = sameDay && last?.memberships === now.memberships;
  return { memberships, scores: sameDay && last?.scoring === now.scoring, plays: memberships && last?.plays === now.plays };
}

/**
 * The full recompute: the same work as recomputeAll over every account, but the score read runs
 * on a connection of its own beside the membership read, the membership write and the plays
 * pass, so both cores work; every change is written in one transaction. If rules are published while it reads, it
 * reads again (up to three times) rather than write what the old rules computed.
 *
 * A part whose inputs did not change since the last full recompute is not recomputed: no input
 * was written since that recompute's snapshot (input-stamp.ts), the evaluation day is the same
 * and so are its rules (tiers and segments; scoring settings; plays, which also follow any
 * membership change). Everything else always runs: the tiers table follows the scheme and ranks
 * follow the tiers. When the only writes since were writes of a few accounts (updates, their
 * technologies or campaign responses; same day and rules), only what those can have changed is
 * recomputed (recompute-written.ts).
 *
 * When most accounts were never materialised (the first materialisation, mostlyBlank), every row
 * changes: then everything is computed into staging tables and written once per row, set-based,
 * in one transaction (materialise.ts) instead of three rewrites of every row carried through Node.
 */
export async function recomputeEverything(
  root: Db,
  because: Because,
  options: {
    asOf?: Date;
    onStep?: (step: string, ms: number) => void | Promise<void>;
    /** The set-based path (materialise.ts): forced on or off; by default when most accounts are blank. */
    bulk?: boolean;
  } = {},
): Promise<RecomputeSummary> {
  const asOf = options.asOf ?? new Date();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    await options.onStep?.(name, performance.now() - started);
    return result;
  };
  for (let attempt = 1; ; attempt++) {
    const rules = await loadPublishedRules(root);
    const what = await everything(root, rules);
    const plays = await loadPublishedPlays(root);
    const signature = fullSignature(rules, plays, asOf);
    // Before every read: whatever commits after this snapshot counts as a change next time.
    const stamp = await checkStamp(root, "full");
    const current = currentParts(stamp.unchangedSignature, signature);
    // Only a few accounts written since the last full recompute, same day and rules: recompute
    // what they can have changed (recompute-written.ts), or read everything if that cannot stand.
    if (stamp.writtenSince?.writtenAccountsMarked && stamp.writtenSince.signature === JSON.stringify(signature) && options.bulk === undefined) {
      const written = await recomputeWritten(root, {
        what,
        scoring: rules.scoring,
        because,
        asOf,
        step,
        signature: async (tx) => JSON.stringify(fullSignature(await loadPublishedRules(tx), await loadPublishedPlays(tx), asOf)),
      });
      if (written) return written;
    }
    // Most accounts never materialised: every row changes, so write each once, set-based.
    if (!current.memberships && (options.bulk ?? (await mostlyBlank(root)))) {
      const summary = await root.$transaction(async (tx) => {
        const stillCurrent = async () => rulesSignature(await loadPublishedRules(tx)) === rulesSignature(rules);
        if (!(await stillCurrent())) return null;
        await beginDerivedWrites(tx);
        await allowLargeSorts(tx);
        const done = await materialiseEverything(tx, { what, scoring: rules.scoring, plays, because, asOf, step, stillCurrent });
        if (!done) return null;
        // No reorderTierRanks: the write gave every row whose rank was off its tier's position
        // (new_rank <> old_rank is a change) that position, as of this transaction. Its probes of
        // the (tier_id, tier_rank) index would also find the index just built again unusable here
        // (rows the write updated in place: pg_index.indcheckxmin) and scan the table per tier:
        // 1.2 s at 1,000,000 accounts.
        await storePeerCounts(tx, done.counts, stamp.now);
        await storeStamp(tx, "full", stamp.now, JSON.stringify(signature));
        return { tierChanges: done.tierChanges, segmentChanges: done.segmentChanges, playChanges: done.playChanges, scoreChanges: done.scoreChanges };
      }, LONG_TRANSACTION);
      if (summary) return summary;
      if (attempt >= 3) throw new Error("The rules changed during three recomputes in a row; try again later.");
      continue;
    }
    // The score read is the longest; scores depend on neither tiers, segments nor plays, so it
    // goes on while the memberships are written and the plays recomputed, and is awaited last.
    const scoresRead = current.scores
      ? Promise.resolve([])
      : step("read scores", () =>
          root.$transaction(async (tx) => {
            await allowLargeSorts(tx);
            return readScoreChanges(tx, rules.scoring, asOf);
          }, LONG_TRANSACTION),
        );
    scoresRead.catch(() => {}); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
    const memberships = current.memberships
      ? []
      : await step("read tiers and segments", () =>
          root.$transaction(async (tx) => {
            // One core each: PostgreSQL's own parallel workers would only compete with the score read.
            await tx.$queryRaw`SELECT set_config('max_parallel_workers_per_gather', '0', true)`;
            return readMembershipChanges(tx, what, { asOf });
          }, LONG_TRANSACTION),
        );
    const summary = await root.$transaction(async (tx) => {
      if (rulesSignature(await loadPublishedRules(tx)) !== rulesSignature(rules)) return null;
      await beginDerivedWrites(tx);
      const { tierChanges, segmentsEntered, segmentsLeft } = await step(`write ${memberships.length} membership changes`, () =>
        applyMembershipChanges(tx, memberships, what, because),
      );
      await reorderTierRanks(tx);
      // Audiences read the tiers and segments just written.
      const playChanges =
        current.plays && memberships.length === 0
          ? // Nothing the peer counts read changed either: stored under this recompute's snapshot
            // too, a live recompute after it builds on them (countWrittenPeers).
            await keepPeerCounts(tx, stamp.now).then(() => 0)
          : await step("plays and whitespace", async () => {
              // Counted here, the peer groups are stored for a republish to move (peer-counts.ts).
              const counts = await withParallelScans(tx, () => countPeers(tx));
              const changed = await recomputePlays(tx, because, { asOf, peers: peerCommon(counts) });
              await storePeerCounts(tx, counts, stamp.now);
              return changed;
            });
      const scores = await scoresRead;
      const scoreChanges = await step(`write ${scores.length} score changes`, () => applyScoreChanges(tx, scores));
      await storeStamp(tx, "full", stamp.now, JSON.stringify(signature));
      return { tierChanges, segmentChanges: segmentsEntered + segmentsLeft, playChanges, scoreChanges };
    }, LONG_TRANSACTION);
    if (!summary) await scoresRead.catch(() => undefined);
    if (summary) return summary;
    if (attempt >= 3) throw new Error("The rules changed during three recomputes in a row; try again later.");
  }
}
