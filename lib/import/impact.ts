/**
 * What an import changes in tiers and segments, read from the ledger rows (membership_events) its
 * recompute wrote, inside the import's transaction (so a dry run reads exactly what its commit
 * will do). Every tier move and segment entry or exit of a recomputed account is a ledger row
 * carrying its old and new tier, so nothing needs snapshotting before the write: a copy of every
 * touched account's tier and segments cost 0.4-0.6 s of a 100,000-row orders dry run at 100,000
 * accounts, and the comparison with it another 0.4 s (docs/benchmarks.md, session 19).
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

/**
 * Where the ledger ends before the import writes: the highest id, read under the import lock
 * (run.ts). Ids come from one sequence without a per-session cache (CACHE 1, the default), so every
 * row the import's recompute writes gets a higher id than any row written before this read.
 */
export async function ledgerPosition(tx: SqlClient): Promise<bigint> {
  const [row] = await tx.$queryRawUnsafe<{ id: string }[]>("SELECT COALESCE(max(id), 0)::text AS id FROM membership_events");
  return BigInt(row!.id);
}

/**
 * The ledger rows of this import: past its position, with the reason only imports write. Imports
 * run one at a time (the import lock, held since before the position was read), so no other
 * transaction writes such rows meanwhile. Read through the primary key's range, with whether the
 * file created the account: a subquery `e` (account_id, tier_id, from_tier_id, segment_id,
 * change, created).
 */
const importRows = (scope: "TIER" | "SEGMENT") =>
  `(SELECT l.account_id, l.tier_id, l.from_tier_id, l.segment_id, l.change, t.created
    FROM membership_events l JOIN import_touched t ON t.account_id = l.account_id
    WHERE l.id > $1::bigint AND l.reason = 'IMPORT' AND l.scope = '${scope}') e`;

interface TierRow {
  key: string | null;
  name: string | null;
  color: string | null;
}

const tierRef = (row: TierRow): TierRef | null => (row.key ? { key: row.key, name: row.name ?? row.key, color: row.color ?? "#94a3b8" } : null);

/** The tier moves and segment entries and exits of the import's recompute (ledger rows past `since`). */
export async function readImpact(tx: SqlClient, since: bigint): Promise<ImportImpact> {
  // A created account's first tier is not a move: it is counted by the tier it lands in below.
  const moves = await tx.$queryRawUnsafe<{ from_key: string | null; from_name: string | null; from_color: string | null; to_key: string | null; to_name: string | null; to_color: string | null; n: number }[]>(
    `SELECT ft.key AS from_key, ft.name AS from_name, ft.color AS from_color,
            tt.key AS to_key, tt.name AS to_name, tt.color AS to_color, count(*)::int AS n
     FROM ${importRows("TIER")}
       LEFT JOIN tiers ft ON ft.id = e.from_tier_id
       LEFT JOIN tiers tt ON tt.id = e.tier_id
     WHERE NOT e.created
     GROUP BY 1, 2, 3, 4, 5, 6, ft.position, tt.position
     ORDER BY ft.position NULLS LAST, tt.position NULLS LAST`,
    since.toString(),
  );
  // A created account that lands in a tier has a ledger row (from no tier); the others stay untiered.
  const newByTier = await tx.$queryRawUnsafe<{ key: string | null; name: string | null; color: string | null; n: number }[]>(
    `WITH landed AS (
       SELECT e.tier_id, count(*)::int AS n FROM ${importRows("TIER")} WHERE e.created GROUP BY e.tier_id
     ), counted AS (
       SELECT tier_id, n FROM landed
       UNION ALL
       SELECT NULL, (SELECT count(*) FROM import_touched WHERE created)::int - (SELECT COALESCE(sum(n), 0) FROM landed)::int
     )
     SELECT tt.key, tt.name, tt.color, c.n FROM counted c LEFT JOIN tiers tt ON tt.id = c.tier_id
     WHERE c.n > 0 ORDER BY tt.position NULLS LAST`,
    since.toString(),
  );
  const segments = await tx.$queryRawUnsafe<{ id: number; name: string; color: string; entered: number; entered_new: number; n_left: number }[]>(
    `SELECT g.id, g.name, g.color,
       count(*) FILTER (WHERE e.change = 'ENTERED')::int AS entered,
       count(*) FILTER (WHERE e.change = 'ENTERED' AND e.created)::int AS entered_new,
       count(*) FILTER (WHERE e.change = 'LEFT')::int AS n_left
     FROM ${importRows("SEGMENT")}
       JOIN segments g ON g.id = e.segment_id
     GROUP BY g.id, g.name, g.color ORDER BY g.name`,
    since.toString(),
  );
  const newAccounts = await tx.$queryRawUnsafe<{ id: number; name: string; domain: string; key: string | null; tier_name: string | null; color: string | null }[]>(
    // The sample's ids first, in key order: joined whole, every created account was hashed (0.13 s for 50,000).
    `SELECT a.id, a.name, a.domain, tt.key, tt.name AS tier_name, tt.color
     FROM (SELECT account_id FROM import_touched WHERE created ORDER BY account_id LIMIT ${NEW_ACCOUNT_SAMPLE}) t
     JOIN accounts a ON a.id = t.account_id
     JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers tt ON tt.id = r.tier_id
     ORDER BY a.id`,
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
