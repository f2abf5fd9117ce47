/**
 * "Nothing changed since": a derived result (the last full recompute, the whitespace peer counts)
 * is stored with the snapshot taken before its reads (derived_stamps). Every transaction that
 * writes an input (an account, its technologies or campaign responses) or a stored membership
 * outside the recompute code leaves its transaction id in input_writes (prisma/post-migrate.sql's
 * statement triggers). The result is still true when no committed row of input_writes belongs to
 * a transaction the snapshot did not see; its rules and evaluation day are compared through the
 * stamp's signature.
 *
 * Why a snapshot rather than a counter: a counter (or sequence) read at the start would count a
 * transaction that had already taken a number but committed later as seen; visibility in the
 * snapshot is exactly what the reads after it could see. A transaction still running when the
 * stamp is checked is invisible to both the check and the reads, and counts as a change once it
 * commits. Rolled-back writes leave no row (the insert rolls back with them).
 */
import type { PlaysExecutor } from "./plays";

export type StampName = "full" | "peer_counts";

export interface StampCheck {
  /** The snapshot of this moment: store it with what the reads after it compute. */
  now: string;
  /** The stored stamp's signature when nothing was written since its snapshot; null otherwise (or none stored). */
  unchangedSignature: string | null;
  /**
   * The stored stamp when inputs were written since its snapshot: the snapshot, its signature and
   * whether every such write marked the accounts it changed (input_writes.written_accounts_marked:
   * their rows rewritten); else null.
   */
  writtenSince: { snapshot: string; signature: string; writtenAccountsMarked: boolean } | null;
}

/** The current snapshot, and the stored stamp with what was written since it (one statement: one snapshot). */
export async function checkStamp(db: PlaysExecutor, name: StampName): Promise<StampCheck> {
  const [row] = await db.$queryRaw<{ now: string; snapshot: string | null; signature: string | null; unseen: number; marked: boolean | null }[]>`
    SELECT pg_current_snapshot()::text AS now, s.snapshot, s.signature, w.unseen, w.marked
    FROM (SELECT 1) one LEFT JOIN derived_stamps s ON s.name = ${name}
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS unseen, bool_and(w.written_accounts_marked) AS marked FROM input_writes w
      WHERE NOT pg_visible_in_snapshot(w.xid::text::xid8, s.snapshot::pg_snapshot)
    ) w ON s.snapshot IS NOT NULL`;
  if (!row) throw new Error("checkStamp: no row");
  const stored = row.snapshot !== null && row.signature !== null ? { snapshot: row.snapshot, signature: row.signature } : null;
  return {
    now: row.now,
    unchangedSignature: stored && row.unseen === 0 ? stored.signature : null,
    writtenSince: stored && row.unseen > 0 ? { ...stored, writtenAccountsMarked: row.marked === true } : null,
  };
}

/**
 * Store what was computed from the reads after `snapshot`, then forget the input writes every
 * stored stamp has seen (transactions older than each snapshot's xmin: committed ones are visible
 * in all of them). A stamp whose snapshot is older than what was already forgotten (a computation
 * that overlapped one that pruned) is not stored but dropped: rows it did not see may be gone.
 * Stores and prunes take turns (a transaction-level advisory lock), so a prune never misses a
 * stamp being stored.
 */
export async function storeStamp(db: PlaysExecutor, name: StampName, snapshot: string, signature: string): Promise<void> {
  await db.$queryRaw`SELECT pg_advisory_xact_lock(${STAMP_LOCK}::bigint)::text AS locked`;
  const stored = await db.$executeRaw`
    INSERT INTO derived_stamps (name, snapshot, signature, at)
    SELECT ${name}, ${snapshot}, ${signature}, now()
    WHERE pg_snapshot_xmin(${snapshot}::pg_snapshot) >= COALESCE(
      (SELECT pg_snapshot_xmin(snapshot::pg_snapshot) FROM derived_stamps WHERE name = ${PRUNED}), '0'::xid8)
    ON CONFLICT (name) DO UPDATE SET snapshot = EXCLUDED.snapshot, signature = EXCLUDED.signature, at = EXCLUDED.at`;
  if (stored === 0) await dropStamp(db, name);
  // The horizon is stored as a snapshot "x:x:" (every transaction below x has ended).
  await db.$executeRaw`
    WITH horizon AS (
      SELECT min(pg_snapshot_xmin(snapshot::pg_snapshot)) AS xmin FROM derived_stamps WHERE name <> ${PRUNED}
    ), forgotten AS (
      DELETE FROM input_writes WHERE xid::text::xid8 < (SELECT xmin FROM horizon) RETURNING 1
    )
    INSERT INTO derived_stamps (name, snapshot, signature, at)
    SELECT ${PRUNED}, xmin::text || ':' || xmin::text || ':', '', now() FROM horizon WHERE xmin IS NOT NULL
    ON CONFLICT (name) DO UPDATE SET snapshot = EXCLUDED.snapshot, at = EXCLUDED.at
    WHERE pg_snapshot_xmin(derived_stamps.snapshot::pg_snapshot) < pg_snapshot_xmin(EXCLUDED.snapshot::pg_snapshot)`;
}

/** The advisory lock key of storeStamp ("tw-stamp"). */
const STAMP_LOCK = 0x74772d7374616d70n;
/** The derived_stamps row holding the pruning horizon (not a result). */
const PRUNED = "pruned";

/**
 * Make a stamp name nothing (its result is no longer known to hold) while keeping its snapshot, so
 * the input writes it has not seen are not forgotten (storeStamp prunes only below every stored
 * snapshot); returns it as it was, or null when none is stored. For a caller that may then let it
 * name rules again (resumeStamp) or forget it (dropStamp).
 */
export async function suspendStamp(db: PlaysExecutor, name: StampName): Promise<{ snapshot: string; signature: string } | null> {
  const [row] = await db.$queryRaw<{ snapshot: string; signature: string }[]>`
    WITH old AS (SELECT snapshot, signature FROM derived_stamps WHERE name = ${name} FOR UPDATE)
    UPDATE derived_stamps s SET signature = ${SUSPENDED} FROM old WHERE s.name = ${name}
    RETURNING old.snapshot, old.signature`;
  return row ?? null;
}

/** Let a suspended stamp name these rules (a signature), if it still has the snapshot suspendStamp returned. */
export async function resumeStamp(db: PlaysExecutor, name: StampName, snapshot: string, signature: string): Promise<void> {
  await db.$executeRaw`UPDATE derived_stamps SET signature = ${signature} WHERE name = ${name} AND snapshot = ${snapshot} AND signature = ${SUSPENDED}`;
}

/** The signature of a suspended stamp: an empty object, which matches no recompute's signature. */
const SUSPENDED = "{}";

/** Forget a stamp (its result is no longer known to be true). */
export async function dropStamp(db: PlaysExecutor, name: StampName): Promise<void> {
  await db.$executeRaw`DELETE FROM derived_stamps WHERE name = ${name}`;
}

/**
 * The rest of this transaction's writes to stored memberships are the recompute code's own
 * (transaction-local: outside a transaction the flag does nothing and they count as input writes):
 * they follow from inputs the stamps watch or from rules their signatures name, so they do not
 * make a stamp untrue. Whoever moves tiers keeps the peer counts in step or drops their stamp;
 * a rule recompute also suspends the full recompute's stamp, and lets it name the rule it
 * recomputed or drops it (recompute-rule.ts).
 */
export async function beginDerivedWrites(db: PlaysExecutor): Promise<void> {
  await db.$queryRaw`SELECT set_config('tierwise.derived_write', 'on', true)`;
}
