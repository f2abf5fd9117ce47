/**
 * Play audiences and whitespace, recomputed after tiers and segments (both depend on them).
 * Two reads and one write:
 *  1. peer statistics: per (industry, tier) how many accounts run each technology category; a
 *     category most of a group runs (lib/plays/whitespace.ts: at least half, at least 5 accounts)
 *     is whitespace for the group's accounts that lack it;
 *  2. one pass over the accounts computing each one's whitespace and the ascending ids of the
 *     running published plays whose audience it is in, returning only accounts whose stored
 *     arrays differ;
 *  3. the write: account_segmentation.whitespace / play_ids, and a ledger row (scope PLAY) for
 *     every play an account enters or leaves.
 * The play_ids array is the membership (GIN-indexed); there is no per-row table to keep in step.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import { TECH_CATEGORIES, techCategoryBit } from "@/lib/domain/tech-category-bits";
import { compileAudience } from "@/lib/plays/audience";
import { isPlayRunning, readPlayDefinition, type PlayDefinition } from "@/lib/plays/definition";
import { toIsoDate } from "@/lib/segmentation/dates";
import { APPLY_BATCH, byIds } from "./apply-changes";
import { identArraysLiteral, intArrayLiteral, intArraysLiteral, parseJsonRows } from "@/lib/db/bulk-values";
import { beginDerivedWrites } from "./input-stamp";
import { countPeers, peerCommon } from "./peer-counts";
import type { Because, RecomputeScope } from "./types";
import type { Db } from "@/lib/db/client";

export type PlaysExecutor = Pick<Db, "$executeRaw" | "$queryRaw">;

export interface PublishedPlay {
  id: number;
  name: string;
  version: number;
  definition: PlayDefinition;
}

/**
 * Parsed definitions by play, version and publish time. A published version never changes
 * (publishing or restoring makes a new one; the time tells a reseeded database's "v1" from the
 * old one), so each is validated once per process: the full zod schema over every play on every
 * page view cost more than the worklist query itself.
 */
const parsedVersions = new Map<string, PlayDefinition | null>();

/** Published, not archived plays (running or not), newest version each, by id. */
export async function loadPublishedPlays(db: PlaysExecutor): Promise<PublishedPlay[]> {
  const rows = await db.$queryRaw<{ id: number; name: string; version: number; published_at: Date; definition: unknown }[]>`
    SELECT p.id, p.name, v.version, v.published_at, v.definition FROM plays p
    JOIN play_versions v ON v.play_id = p.id AND v.version = p.published_version
    WHERE NOT p.archived ORDER BY p.id`;
  const plays: PublishedPlay[] = [];
  for (const row of rows) {
    const key = `${row.id}:${row.version}:${row.published_at.getTime()}`;
    if (!parsedVersions.has(key)) parsedVersions.set(key, readPlayDefinition(row.definition));
    const definition = parsedVersions.get(key);
    if (definition) plays.push({ id: row.id, name: row.name, version: row.version, definition });
    else console.error(`[tierwise] play ${row.id} v${row.version} no longer validates; its members are kept`);
  }
  return plays;
}

/**
 * The account's technology categories tested as bits of accounts.technology_categories (kept
 * by the technology_ids trigger): an integer test per category instead of an array overlap.
 */
const runs = (c: TechCategory) => Prisma.sql`(a.technology_categories & ${techCategoryBit(c)}::int <> 0)`;
const bit = techCategoryBit;

export interface PeerCommon {
  industry: string;
  /** The tier's id, 0 for untiered (a plain value, so the per-account pass can hash-join on it). */
  tier_key: number;
  /** The categories most of the group runs, as bits (see `bit`). */
  mask: number;
}

/** Per (industry, tier) the categories most of its accounts run (only groups of at least WHITESPACE_MIN_PEERS), counted now. */
export async function readPeerCommon(db: PlaysExecutor): Promise<PeerCommon[]> {
  return peerCommon(await withParallelScans(db, () => countPeers(db)));
}

interface PlayChange {
  id: number;
  old_ws: string[];
  new_ws: string[];
  old_plays: number[];
  new_plays: number[];
}

/** A plays recompute's scope; `peers`: peer groups read earlier (the live recompute's cache), else read now. */
export interface PlaysScope extends RecomputeScope {
  peers?: readonly PeerCommon[];
}

async function readPlayChanges(db: PlaysExecutor, plays: readonly PublishedPlay[], scope: PlaysScope): Promise<PlayChange[]> {
  const rows = await db.$queryRaw<{ r: string }[]>(await playChangesSql(db, plays, scope));
  return parseJsonRows(rows).map(([id, old_ws, new_ws, old_plays, new_plays]) => ({ id, old_ws, new_ws, old_plays, new_plays }) as PlayChange);
}

/** How an account's membership reads in the play expressions: its tier id and segment ids (r.* columns, or a staging table's). */
export interface PlayMember {
  tierId: Prisma.Sql;
  segmentIds: Prisma.Sql;
}

/**
 * Each account's new whitespace and play ids as SQL over `accounts a`, the membership `member`
 * and the peer group `g` (join `groups` as g on a.industry and the account's tier id, 0 for
 * untiered): shared by the read below and the set-based first materialisation.
 */
export async function playColumns(
  db: PlaysExecutor,
  plays: readonly PublishedPlay[],
  common: readonly PeerCommon[],
  member: PlayMember,
  asOf: Date,
): Promise<{ whitespace: Prisma.Sql; plays: Prisma.Sql; groups: Prisma.Sql }> {
  const tierRows = await db.$queryRaw<{ id: number; key: string }[]>`SELECT id, key FROM tiers WHERE NOT archived`;
  const tierIds = new Map(tierRows.map((t) => [t.key, t.id]));
  // The account's whitespace: the group's common categories it does not run, in enum order. Only
  // categories common in some group can be whitespace: the others are not tested at all.
  const anywhere = common.reduce((mask, g) => mask | g.mask, 0);
  const gap = (c: TechCategory) => Prisma.sql`(g.mask & ${bit(c)}::int <> 0 AND NOT ${runs(c)})`;
  const candidates = TECH_CATEGORIES.filter((c) => (anywhere & bit(c)) !== 0);
  const whitespace = candidates.length
    ? Prisma.sql`array_remove(ARRAY[${Prisma.join(candidates.map((c) => Prisma.sql`CASE WHEN ${gap(c)} THEN ${c} END`))}]::text[], NULL)`
    : Prisma.sql`'{}'::text[]`;
  // Audiences test their own whitespace categories directly rather than the array above.
  const whitespaceAny = (categories: readonly string[]) => {
    const tested = candidates.filter((c) => categories.includes(c));
    return tested.length ? Prisma.sql`(${Prisma.join(tested.map(gap), " OR ")})` : Prisma.sql`FALSE`;
  };
  const day = toIsoDate(asOf);
  const running = plays.filter((p) => isPlayRunning(p.definition, day));
  const cases = running.map(
    (p) => Prisma.sql`CASE WHEN ${compileAudience(p.definition.audience, tierIds, { ...member, whitespace: whitespaceAny }, asOf)} THEN ${p.id}::int END`,
  );
  const newPlays = cases.length ? Prisma.sql`array_remove(ARRAY[${Prisma.join(cases)}]::int[], NULL)` : Prisma.sql`'{}'::int[]`;
  const groups = Prisma.sql`unnest(${common.map((g) => g.industry)}::text[], ${common.map((g) => g.tier_key)}::int[], ${common.map((g) => g.mask)}::int[])
        AS g(industry, tier_key, mask)`;
  return { whitespace, plays: newPlays, groups };
}

/** The one statement of readPlayChanges. */
async function playChangesSql(db: PlaysExecutor, plays: readonly PublishedPlay[], scope: PlaysScope): Promise<Prisma.Sql> {
  const common = scope.peers ?? (await readPeerCommon(db));
  const member = { tierId: Prisma.sql`r.tier_id`, segmentIds: Prisma.sql`COALESCE(r.segment_ids, '{}')` };
  const columns = await playColumns(db, plays, common, member, scope.asOf ?? new Date());
  const ids = scope.accountIds ? Prisma.sql`a.id = ANY(${[...scope.accountIds]}::int[])` : Prisma.sql`TRUE`;
  return Prisma.sql`
    -- Each row as one JSON text (bulk-values.ts).
    SELECT json_build_array(id, old_ws, new_ws, old_plays, new_plays)::text AS r FROM (
      SELECT a.id, COALESCE(r.whitespace, '{}') AS old_ws, ${columns.whitespace} AS new_ws, COALESCE(r.play_ids, '{}') AS old_plays, ${columns.plays} AS new_plays
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
      LEFT JOIN ${columns.groups} ON g.industry = a.industry AND g.tier_key = COALESCE(r.tier_id, 0)
      WHERE ${ids}
    ) calc
    WHERE old_ws <> new_ws OR old_plays <> new_plays`;
}

async function applyPlayChanges(db: PlaysExecutor, changes: readonly PlayChange[], plays: readonly PublishedPlay[], because: Because): Promise<number> {
  const playIds = plays.map((p) => p.id);
  const versions = plays.map((p) => p.version);
  let logged = 0;
  // In account order, found through the primary key (byIds).
  const sorted = [...changes].sort((x, y) => x.id - y.id);
  for (let start = 0; start < sorted.length; start += APPLY_BATCH) {
    const batch = sorted.slice(start, start + APPLY_BATCH);
    const ids = intArrayLiteral(batch.map((c) => c.id));
    const [row] = await db.$queryRaw<{ n: number }[]>`
      WITH input AS (
        SELECT c.id, c.old_plays::int[] AS old_plays, c.new_plays::int[] AS new_plays, c.new_ws::text[] AS new_ws
        FROM unnest(${ids}::int[], ${intArraysLiteral(batch.map((c) => c.old_plays))}::text[],
          ${intArraysLiteral(batch.map((c) => c.new_plays))}::text[], ${identArraysLiteral(batch.map((c) => c.new_ws))}::text[]) AS c(id, old_plays, new_plays, new_ws)
      ), changed AS MATERIALIZED (
        UPDATE account_segmentation r SET play_ids = c.new_plays, whitespace = c.new_ws
        FROM input c WHERE r.account_id = c.id AND ${byIds(ids)} AND COALESCE(r.play_ids, '{}') = c.old_plays
        RETURNING c.id, c.old_plays, c.new_plays
      ), moves AS (
        SELECT c.id, x.play_id, 'ENTERED' AS change FROM changed c CROSS JOIN LATERAL unnest(c.new_plays) AS x(play_id) WHERE NOT (x.play_id = ANY(c.old_plays))
        UNION ALL
        SELECT c.id, x.play_id, 'LEFT' FROM changed c CROSS JOIN LATERAL unnest(c.old_plays) AS x(play_id) WHERE NOT (x.play_id = ANY(c.new_plays))
      ), versions AS (
        SELECT * FROM unnest(${playIds}::int[], ${versions}::int[]) AS v(play_id, version)
      ), logged AS (
        INSERT INTO membership_events (account_id, at, scope, play_id, change, reason, rule_version, detail)
        SELECT m.id, now(), 'PLAY', m.play_id, m.change, ${because.reason}::text, v.version, ${because.detail ?? null}::text
        FROM moves m LEFT JOIN versions v ON v.play_id = m.play_id
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM logged`;
    logged += row?.n ?? 0;
  }
  return logged;
}

/**
 * Recompute whitespace and play memberships (of the given accounts, or all) from the stored
 * tiers and segments; returns how many play entries and exits were recorded. The ledger records
 * each play's own published version; `because` says what caused the change (a tier or segment
 * publish, a play publish, a data change).
 */
export async function recomputePlays(db: PlaysExecutor, because: Because, scope: PlaysScope = {}): Promise<number> {
  // Own writes (input-stamp.ts): the full recompute's stamp names the published plays.
  await beginDerivedWrites(db);
  const plays = await loadPublishedPlays(db);
  const changes = await withParallelScans(db, () => readPlayChanges(db, plays, scope));
  return applyPlayChanges(db, changes, plays, because);
}

/**
 * The two passes over every account are CPU-bound expressions that PostgreSQL underestimates, so
 * it would run them on one core: inside the caller's transaction, make parallel workers free for
 * them, then put the settings back (the rest of the transaction plans as usual).
 */
export async function withParallelScans<T>(db: PlaysExecutor, work: () => Promise<T>): Promise<T> {
  const [before] = await db.$queryRaw<{ setup: string; tuple: string }[]>`
    SELECT current_setting('parallel_setup_cost') AS setup, current_setting('parallel_tuple_cost') AS tuple,
      set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true)`;
  try {
    return await work();
  } finally {
    await db.$queryRaw`SELECT set_config('parallel_setup_cost', ${before?.setup ?? "1000"}, true), set_config('parallel_tuple_cost', ${before?.tuple ?? "0.1"}, true)`;
  }
}
