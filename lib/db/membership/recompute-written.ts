/**
 * The full recompute after only a few accounts were written since the last one (an API write, an
 * edit, a live order, a technology) on the same day with the same rules: instead of reading every
 * account, it recomputes what those writes can have changed, with the same result as reading
 * everything.
 *
 *  - Which accounts: input_writes says that every transaction since the last full recompute's
 *    snapshot rewrote the rows of the accounts it changed (an UPDATE of accounts, or a write of
 *    their technologies or campaign responses, whose triggers rewrite each account's row; an
 *    insert or delete of accounts or a stored membership written still reads everything), so
 *    those rows carry their id as xmin. Rows whose xmin is not older than the snapshot's xmin are a
 *    superset of them (a frozen row's xmin reads as FrozenTransactionId, the oldest).
 *  - Tiers, segments, plays and whitespace depend on the account's own row, and whitespace on its
 *    peer group's counts: the groups of the written accounts' industries are counted again (or
 *    every group, when the stored counts cannot stand for the others: countWrittenPeers) and the
 *    accounts of every group whose common categories changed are recomputed with the written
 *    ones (peer-counts.ts).
 *  - Scores: fit, engagement and recency are the account's own; the value part ranks lifetime
 *    value and potential among all accounts. Written accounts are scored ranked against all
 *    accounts and store the values they were ranked at. Other accounts' stored scores counted a
 *    written account at the values stored with its score (account_segmentation.ranked_*): an
 *    account's rank changes only if its value lies between a written account's old and new value,
 *    so only those accounts' value parts are recomputed, with their stored fit and engagement
 *    (readWrittenScoreChanges).
 *
 * Everything runs in one REPEATABLE READ transaction: the stamp check, every read and the stamp it
 * stores see the same snapshot. When too many accounts were written or moved in rank, or a written
 * one was never ranked, or a concurrent write conflicts, or a rule was published meanwhile, it
 * returns null (having written nothing) and the caller reads everything.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { LONG_TRANSACTION, allowLargeSorts } from "@/lib/db/transaction";
import { applyMembershipChanges } from "./apply-changes";
import { readMembershipChanges, type MembershipRecompute } from "./changes";
import { beginDerivedWrites, checkStamp, storeStamp } from "./input-stamp";
import { changedGroups, countPeers, countWrittenPeers, groupMembers, peerCommon, storePeerCounts, type PeerCount } from "./peer-counts";
import { recomputePlays, withParallelScans } from "./plays";
import type { ScoringSettings } from "./published-rules";
import { applyScoreChanges, readWrittenScoreChanges, writtenScoresHold } from "./scores";
import { reorderTierRanks } from "./tier-rows";
import type { RecomputeSummary } from "./recompute-all";
import type { Because, Executor, Step } from "./types";

/** Above this many written accounts everything is read instead. */
export const WRITTEN_MAX = 20_000;
/**
 * Above this many accounts whose value rank the written ones may have moved, everything is read
 * instead: at 1,000,000 accounts rescoring them costs ~0.7 s plus ~12 µs each (beside the rest),
 * reading everything ~5 s.
 */
export const MOVED_MAX = 250_000;

/**
 * Recompute after the accounts written since the last full recompute, or null (nothing written)
 * when that cannot stand for reading everything: the stored stamp must carry the signature of the
 * rules published now and this day.
 */
export async function recomputeWritten(
  root: Db,
  input: {
    what: MembershipRecompute;
    scoring: ScoringSettings;
    because: Because;
    asOf: Date;
    step: Step;
    /** The full recompute's signature of the rules published now (read in the transaction's snapshot). */
    signature: (tx: Executor) => Promise<string>;
    max?: number;
  },
): Promise<RecomputeSummary | null> {
  const { what, because, asOf, step } = input;
  const max = input.max ?? WRITTEN_MAX;
  try {
    return await root.$transaction(
      async (tx) => {
        // The transaction's first statement: its snapshot is the one every read below sees.
        const stamp = await checkStamp(tx, "full");
        const since = stamp.writtenSince;
        if (!since?.writtenAccountsMarked) return null;
        const signature = await input.signature(tx);
        if (since.signature !== signature) return null;
        const written = await step("find written accounts", () => writtenAccounts(tx, since.snapshot, max));
        if (!written) return null;
        if (!(await writtenScoresHold(tx, written, MOVED_MAX))) return null;
        await allowLargeSorts(tx);
        // The score read, the longest part, on a connection of its own in this transaction's
        // snapshot, while the memberships and plays are recomputed here (it compares with stored
        // scores, which nothing here writes before it is awaited).
        const [exported] = await tx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
        const scoresRead = step("scores of written accounts and of those whose value rank they moved", () =>
          readInSnapshot(root, exported!.snapshot, (other) => readWrittenScoreChanges(other, input.scoring, asOf, written)),
        );
        scoresRead.catch(() => {}); // awaited below; this only keeps an early failure here from leaving it unhandled
        await beginDerivedWrites(tx);
        const memberships = await readMembershipChanges(tx, what, { asOf, accountIds: written });
        const { tierChanges, segmentsEntered, segmentsLeft } = await applyMembershipChanges(tx, memberships, what, because);
        await reorderTierRanks(tx);
        const playChanges = await step("count peers, plays and whitespace of written accounts", async () => {
          const stored = await tx.$queryRaw<PeerCount[]>`SELECT industry, tier_key, accounts, with_category FROM peer_counts`;
          const counts = await withParallelScans(tx, async () =>
            (await step("count the peers of the written accounts' industries", () => countWrittenPeers(tx, stored, written, since.snapshot))) ??
            (await step("count every account's peers", () => countPeers(tx))),
          );
          const common = peerCommon(counts);
          const regrouped = await groupMembers(tx, changedGroups(peerCommon(stored), common));
          const changed = await recomputePlays(tx, because, { asOf, accountIds: [...new Set([...written, ...regrouped])], peers: common });
          await storePeerCounts(tx, counts, stamp.now);
          return changed;
        });
        // Written accounts store the values they are now ranked at; the others' did not change.
        const scores = await scoresRead;
        const scoreChanges = (await applyScoreChanges(tx, scores.written)) + (await applyScoreChanges(tx, scores.moved));
        // A rule published since this transaction's snapshot (read on another connection, which sees
        // it): its own recompute may have left rows this one wrote from the old rule. Roll back.
        if ((await input.signature(root)) !== signature) throw new RulesChanged();
        await storeStamp(tx, "full", stamp.now, signature);
        return { tierChanges, segmentChanges: segmentsEntered + segmentsLeft, playChanges, scoreChanges };
      },
      { ...LONG_TRANSACTION, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
  } catch (error) {
    // Another transaction updated a row this one writes after its snapshot, or a rule was
    // published meanwhile: read everything instead.
    if (error instanceof RulesChanged || isWriteConflict(error)) return null;
    throw error;
  }
}

class RulesChanged extends Error {}

/** A read on another connection in the snapshot another transaction exported (pg_export_snapshot), which must stay open until it ends. */
async function readInSnapshot<T>(root: Db, snapshot: string, read: (db: Executor) => Promise<T>): Promise<T> {
  if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`readInSnapshot: unexpected snapshot id ${snapshot}`);
  return root.$transaction(
    async (other) => {
      await other.$executeRawUnsafe(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      await allowLargeSorts(other);
      return read(other);
    },
    { ...LONG_TRANSACTION, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

/**
 * The accounts whose row was written by a transaction not older than the snapshot's xmin (every
 * transaction the snapshot does not see is at least that), or null if more than `max`. Compared
 * by age from the current transaction, which orders 32-bit ids within 2^31 of it.
 */
export async function writtenAccounts(db: Executor, snapshot: string, max: number): Promise<number[] | null> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM accounts
    WHERE age(xmin) <= age(((pg_snapshot_xmin(${snapshot}::pg_snapshot)::text::bigint % 4294967296)::text)::xid)
    LIMIT ${max + 1}`;
  return rows.length > max ? null : rows.map((r) => r.id);
}

/** A serialization failure (SQLSTATE 40001) as Prisma reports it through the driver adapter. */
function isWriteConflict(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ""}` : String(error);
  return /40001|P2034|could not serialize access/i.test(text);
}
