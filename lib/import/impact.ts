/**
 * What an import changes in tiers and segments: the tier and segments of every account the file
 * touches are snapshotted before anything is written, and compared with the recomputed ones
 * afterwards, inside the same transaction (so a dry run reads exactly what its commit will do).
 */
import type { SqlClient } from "./stage/types";

export interface TierRef {
  key: string;
  name: string;
  color: string;
}

export interface TierMove {
  from: TierRef | null;
  to: TierRef | null;
  accounts: number;
}

export interface TierCount {
  tier: TierRef | null;
  accounts: number;
}

export interface SegmentChange {
  id: number;
  name: string;
  color: string;
  /** Accounts entering, of which `enteredNew` are accounts the file creates. */
  entered: number;
  enteredNew: number;
  left: number;
}

export interface NewAccount {
  id: number;
  name: string;
  domain: string;
  tier: TierRef | null;
}

export interface ImportImpact {
  /** Existing accounts whose tier changes. */
  tierChanges: number;
  moves: TierMove[];
  /** Accounts the file creates, by the tier they land in. */
  newByTier: TierCount[];
  segments: SegmentChange[];
  newAccounts: NewAccount[];
}

export const NEW_ACCOUNT_SAMPLE = 25;

/** Tier and segment memberships of the accounts the file is about, before writing. */
export async function snapshotBefore(tx: SqlClient, candidatesSql: string): Promise<void> {
  // The candidates once, analysed, so both reads below look the accounts up by key instead of
  // scanning every account's row (at 1,000,000 accounts the scans took seconds).
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_candidates ON COMMIT DROP AS
    SELECT DISTINCT c.id AS account_id FROM (${candidatesSql}) AS c(id)`);
  await tx.$executeRawUnsafe("ANALYZE import_candidates");
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_before ON COMMIT DROP AS
    SELECT r.account_id, r.tier_id FROM import_candidates c JOIN account_segmentation r ON r.account_id = c.account_id`);
  // Segments from the arrays, which hold the same ids as account_segments (every write keeps them
  // in step), reached by the key: account_segments is not indexed by account.
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_before_segments ON COMMIT DROP AS
    SELECT r.account_id, x.segment_id FROM import_candidates c JOIN account_segmentation r ON r.account_id = c.account_id
      CROSS JOIN LATERAL unnest(r.segment_ids) AS x(segment_id)`);
  await tx.$executeRawUnsafe("ANALYZE import_before, import_before_segments");
}

interface TierRow {
  key: string | null;
  name: string | null;
  color: string | null;
}

const tierRef = (row: TierRow): TierRef | null => (row.key ? { key: row.key, name: row.name ?? row.key, color: row.color ?? "#94a3b8" } : null);

/** Compare the touched accounts' tiers and segments with the snapshot. */
export async function readImpact(tx: SqlClient): Promise<ImportImpact> {
  const moves = await tx.$queryRawUnsafe<{ from_key: string | null; from_name: string | null; from_color: string | null; to_key: string | null; to_name: string | null; to_color: string | null; n: number }[]>(
    `SELECT ft.key AS from_key, ft.name AS from_name, ft.color AS from_color,
            tt.key AS to_key, tt.name AS to_name, tt.color AS to_color, count(*)::int AS n
     FROM import_touched t
     JOIN account_segmentation r ON r.account_id = t.account_id
     LEFT JOIN import_before b ON b.account_id = t.account_id
     LEFT JOIN tiers ft ON ft.id = b.tier_id
     LEFT JOIN tiers tt ON tt.id = r.tier_id
     WHERE NOT t.created AND b.tier_id IS DISTINCT FROM r.tier_id
     GROUP BY 1, 2, 3, 4, 5, 6, ft.position, tt.position
     ORDER BY ft.position NULLS LAST, tt.position NULLS LAST`,
  );
  const newByTier = await tx.$queryRawUnsafe<{ key: string | null; name: string | null; color: string | null; n: number }[]>(
    `SELECT tt.key, tt.name, tt.color, count(*)::int AS n
     FROM import_touched t JOIN account_segmentation r ON r.account_id = t.account_id LEFT JOIN tiers tt ON tt.id = r.tier_id
     WHERE t.created GROUP BY 1, 2, 3, tt.position ORDER BY tt.position NULLS LAST`,
  );
  const segments = await tx.$queryRawUnsafe<{ id: number; name: string; color: string; entered: number; entered_new: number; n_left: number }[]>(
    `WITH after AS (
       SELECT r.account_id, x.segment_id, t.created FROM import_touched t JOIN account_segmentation r ON r.account_id = t.account_id
         CROSS JOIN LATERAL unnest(r.segment_ids) AS x(segment_id)
     ), before AS (
       SELECT b.account_id, b.segment_id FROM import_before_segments b JOIN import_touched t ON t.account_id = b.account_id
     ), entered AS (
       SELECT a.segment_id, a.created FROM after a
       WHERE NOT EXISTS (SELECT 1 FROM before b WHERE b.account_id = a.account_id AND b.segment_id = a.segment_id)
     ), exited AS (
       SELECT b.segment_id FROM before b
       WHERE NOT EXISTS (SELECT 1 FROM after a WHERE a.account_id = b.account_id AND a.segment_id = b.segment_id)
     ), counts AS (
       SELECT segment_id, count(*)::int AS entered, count(*) FILTER (WHERE created)::int AS entered_new, 0 AS n_left FROM entered GROUP BY 1
       UNION ALL
       SELECT segment_id, 0, 0, count(*)::int FROM exited GROUP BY 1
     )
     SELECT g.id, g.name, g.color, sum(c.entered)::int AS entered, sum(c.entered_new)::int AS entered_new, sum(c.n_left)::int AS n_left
     FROM counts c JOIN segments g ON g.id = c.segment_id
     GROUP BY g.id, g.name, g.color ORDER BY g.name`,
  );
  const newAccounts = await tx.$queryRawUnsafe<{ id: number; name: string; domain: string; key: string | null; tier_name: string | null; color: string | null }[]>(
    `SELECT a.id, a.name, a.domain, tt.key, tt.name AS tier_name, tt.color
     FROM import_touched t JOIN accounts a ON a.id = t.account_id
     JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers tt ON tt.id = r.tier_id
     WHERE t.created ORDER BY a.id LIMIT ${NEW_ACCOUNT_SAMPLE}`,
  );

  return {
    tierChanges: moves.reduce((sum, m) => sum + m.n, 0),
    moves: moves.map((m) => ({
      from: tierRef({ key: m.from_key, name: m.from_name, color: m.from_color }),
      to: tierRef({ key: m.to_key, name: m.to_name, color: m.to_color }),
      accounts: m.n,
    })),
    newByTier: newByTier.map((t) => ({ tier: tierRef(t), accounts: t.n })),
    segments: segments.map((s) => ({ id: s.id, name: s.name, color: s.color, entered: s.entered, enteredNew: s.entered_new, left: s.n_left })),
    newAccounts: newAccounts.map((a) => ({ id: a.id, name: a.name, domain: a.domain, tier: tierRef({ key: a.key, name: a.tier_name, color: a.color }) })),
  };
}

/** An impact of nothing (no account changed). */
export const NO_IMPACT: ImportImpact = { tierChanges: 0, moves: [], newByTier: [], segments: [], newAccounts: [] };
