/**
 * Materialised segmentation: each account's tier, segment memberships and priority score,
 * computed set-based inside PostgreSQL from the published rules, with every entry and exit
 * written to the membership ledger (membership_events). Used by publishing, data imports,
 * the seed and the daily refresh. Not a permission boundary: callers check the user.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { parseRule, type RuleGroup } from "@/lib/segmentation/schema";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import { parseTierScheme, type TierDefinition } from "@/lib/segmentation/tier-scheme";
import {
  ENGAGEMENT_SCORE_SHARE,
  RECENCY_HORIZON_DAYS,
  VALUE_LTV_SHARE,
  normaliseWeights,
  type ScoreWeights,
} from "@/lib/segmentation/score";

/** The Prisma client or a transaction of it. */
export type Executor = Pick<Db, "$executeRaw" | "$queryRaw" | "tier" | "tierSchemeVersion" | "segment" | "segmentVersion" | "scoringConfig">;

export type MembershipReason = "RULE_PUBLISHED" | "RULE_RESTORED" | "DATA_CHANGE" | "IMPORT";

export interface Because {
  reason: MembershipReason;
  ruleVersion?: number | null;
  detail?: string | null;
}

export interface PublishedScheme {
  version: number;
  tiers: TierDefinition[];
}

export interface PublishedSegment {
  id: number;
  name: string;
  version: number;
  rule: RuleGroup;
}

export interface ScoringSettings {
  weights: ScoreWeights;
  idealProfile: RuleGroup | null;
}

/** tier_rank of an untiered account: after every tier (the column's default, prisma/schema.prisma). */
export const UNTIERED_RANK = 9999;

export const DEFAULT_WEIGHTS: ScoreWeights = { value: 50, fit: 30, engagement: 20 };

const idsFilter = (accountIds?: readonly number[]) =>
  accountIds ? Prisma.sql`a.id = ANY(${[...accountIds]}::int[])` : Prisma.sql`TRUE`;

/** The newest published tier scheme, or null when none has been published. */
export async function loadPublishedScheme(db: Executor): Promise<PublishedScheme | null> {
  const latest = await db.tierSchemeVersion.findFirst({ orderBy: { version: "desc" } });
  if (!latest) return null;
  const parsed = parseTierScheme(latest.definition);
  if (!parsed.ok) throw new Error(`Published tier scheme v${latest.version} is invalid: ${parsed.errors[0]?.message}`);
  return { version: latest.version, tiers: parsed.scheme.tiers };
}

export async function loadPublishedSegments(db: Executor, onlyId?: number): Promise<PublishedSegment[]> {
  const segments = await db.segment.findMany({
    where: { archived: false, publishedVersion: { not: null }, ...(onlyId ? { id: onlyId } : {}) },
    include: { versions: true },
  });
  const result: PublishedSegment[] = [];
  for (const segment of segments) {
    const version = segment.versions.find((v) => v.version === segment.publishedVersion);
    if (!version) continue;
    const parsed = parseRule(version.rule);
    if (!parsed.ok) {
      console.error(`segment ${segment.id} v${version.version} has an invalid rule; skipped`, parsed.errors[0]?.message);
      continue;
    }
    result.push({ id: segment.id, name: segment.name, version: version.version, rule: parsed.rule });
  }
  return result;
}

export async function loadScoring(db: Executor): Promise<ScoringSettings> {
  const config = await db.scoringConfig.findUnique({ where: { id: 1 } });
  if (!config) return { weights: DEFAULT_WEIGHTS, idealProfile: null };
  const parsed = parseRule(config.idealProfile);
  return {
    weights: { value: config.valueWeight, fit: config.fitWeight, engagement: config.engagementWeight },
    idealProfile: parsed.ok ? parsed.rule : null,
  };
}

/** Make the tiers table match a scheme (by key): names, colours, positions; removed tiers are archived. */
export async function syncTiers(db: Executor, tiers: readonly TierDefinition[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [index, tier] of tiers.entries()) {
    const row = await db.tier.upsert({
      where: { key: tier.key },
      create: { key: tier.key, name: tier.name, color: tier.color, position: index + 1 },
      update: { name: tier.name, color: tier.color, position: index + 1, archived: false },
    });
    ids.set(tier.key, row.id);
  }
  await db.tier.updateMany({ where: { key: { notIn: [...ids.keys()] }, archived: false }, data: { archived: true } });
  return ids;
}

/**
 * Assign every account (or the given ones) to its tier; returns how many changed tier. Segment
 * memberships are carried over as they are (readMembershipChanges keeps segments it is not given).
 */
export async function recomputeTiers(
  db: Executor,
  scheme: PublishedScheme | null,
  because: Because,
  options: { asOf?: Date; accountIds?: readonly number[] } = {},
): Promise<number> {
  const tierIds = await syncTiers(db, scheme?.tiers ?? []);
  const changes = await readMembershipChanges(db, scheme, tierIds, [], options);
  const { tierChanges } = await applyMembershipChanges(db, changes, scheme, [], because);
  await reorderTierRanks(db);
  return tierChanges;
}

/** Recompute one segment's members; returns how many entered and left. */
export async function recomputeSegment(
  db: Executor,
  segment: { id: number; rule: RuleGroup | null },
  because: Because,
  options: { asOf?: Date; accountIds?: readonly number[] } = {},
): Promise<{ entered: number; left: number }> {
  const asOf = options.asOf ?? new Date();
  const matches = segment.rule ? compileRule(segment.rule, asOf) : Prisma.sql`FALSE`;
  const scope = options.accountIds
    ? Prisma.sql`s.account_id = ANY(${[...options.accountIds]}::int[])`
    : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<{ change: string; n: number }[]>`
    WITH matched AS MATERIALIZED (
      SELECT a.id FROM accounts a WHERE ${idsFilter(options.accountIds)} AND ${matches}
    ), gone AS (
      DELETE FROM account_segments s WHERE s.segment_id = ${segment.id}::int AND ${scope}
        AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.id = s.account_id)
      RETURNING s.account_id
    ), added AS (
      INSERT INTO account_segments (segment_id, account_id, since)
      SELECT ${segment.id}::int, m.id, now() FROM matched m
      WHERE NOT EXISTS (SELECT 1 FROM account_segments s WHERE s.segment_id = ${segment.id}::int AND s.account_id = m.id)
      ON CONFLICT (segment_id, account_id) DO NOTHING
      RETURNING account_id
    ), arrays AS (
      UPDATE account_segmentation r
      SET segment_ids = CASE WHEN c.change = 'ENTERED'
        THEN ${sortedAppend(Prisma.sql`r.segment_ids`, Prisma.sql`${segment.id}::int`)}
        ELSE array_remove(r.segment_ids, ${segment.id}::int) END
      FROM (SELECT account_id, 'LEFT' AS change FROM gone UNION ALL SELECT account_id, 'ENTERED' FROM added) c
      WHERE r.account_id = c.account_id
    ), logged AS (
      INSERT INTO membership_events (account_id, at, scope, segment_id, change, reason, rule_version, detail)
      SELECT account_id, now(), 'SEGMENT', ${segment.id}::int, 'LEFT', ${because.reason}::text, ${because.ruleVersion ?? null}::int, ${because.detail ?? null}::text FROM gone
      UNION ALL
      SELECT account_id, now(), 'SEGMENT', ${segment.id}::int, 'ENTERED', ${because.reason}::text, ${because.ruleVersion ?? null}::int, ${because.detail ?? null}::text FROM added
      RETURNING change
    )
    SELECT change, count(*)::int AS n FROM logged GROUP BY change`;
  return {
    entered: rows.find((r) => r.change === "ENTERED")?.n ?? 0,
    left: rows.find((r) => r.change === "LEFT")?.n ?? 0,
  };
}

/** `array` with `id` added, ascending and without duplicates (segment_ids stays canonical). */
function sortedAppend(array: Prisma.Sql, id: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ARRAY(SELECT DISTINCT x FROM unnest(array_append(COALESCE(${array}, '{}'), ${id})) AS x ORDER BY x)`;
}

interface MembershipChange {
  id: number;
  old_tier: number | null;
  new_tier: number | null;
  old_segs: number[];
  new_segs: number[];
}

/** Rows written per statement when applying changes (bounded parameters and memory). */
const APPLY_BATCH = 50_000;

/**
 * The read half of a membership recompute: one pass over the accounts (all, or the given ones)
 * computes each account's tier and ascending array of segment ids and returns only the accounts
 * whose stored tier or segments differ. Segments not being recomputed (none in practice) keep
 * their members.
 */
async function readMembershipChanges(
  db: Executor,
  scheme: PublishedScheme | null,
  tierIds: ReadonlyMap<string, number>,
  segments: readonly PublishedSegment[],
  options: { asOf?: Date; accountIds?: readonly number[] },
): Promise<MembershipChange[]> {
  const asOf = options.asOf ?? new Date();
  const tierCase = compileTierCase(scheme?.tiers ?? [], tierIds, asOf);
  const recomputed = segments.map((s) => s.id);
  const others = await db.$queryRaw<{ id: number }[]>`
    SELECT g.id FROM segments g WHERE NOT (g.id = ANY(${recomputed}::int[]))
      AND EXISTS (SELECT 1 FROM account_segments s WHERE s.segment_id = g.id)`;
  // In ascending id order, so the array compares equal to the stored one when nothing changed.
  const entries = [
    ...segments.map((s) => ({ id: s.id, sql: Prisma.sql`CASE WHEN ${compileRule(s.rule, asOf)} THEN ${s.id}::int END` })),
    ...others.map(({ id }) => ({ id, sql: Prisma.sql`CASE WHEN ${id}::int = ANY(r.segment_ids) THEN ${id}::int END` })),
  ].sort((x, y) => x.id - y.id);
  const newSegments = entries.length
    ? Prisma.sql`array_remove(ARRAY[${Prisma.join(entries.map((e) => e.sql))}]::int[], NULL)`
    : Prisma.sql`'{}'::int[]`;
  return db.$queryRaw<MembershipChange[]>`
    SELECT id, old_tier, new_tier, old_segs, new_segs FROM (
      SELECT a.id, r.tier_id AS old_tier, ${tierCase} AS new_tier,
        COALESCE(r.segment_ids, '{}') AS old_segs, ${newSegments} AS new_segs
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
      WHERE ${idsFilter(options.accountIds)}
    ) calc
    WHERE old_tier IS DISTINCT FROM new_tier OR old_segs <> new_segs`;
}

/**
 * The write half: stores the new tiers and segments, updates account_segments and writes the
 * ledger. A row someone else changed since it was read is left alone (their recompute covers it).
 */
async function applyMembershipChanges(
  db: Executor,
  changes: readonly MembershipChange[],
  scheme: PublishedScheme | null,
  segments: readonly PublishedSegment[],
  because: Because,
): Promise<{ tierChanges: number; segmentChanges: number }> {
  let tierChanges = 0;
  let segmentChanges = 0;
  const segmentIds = segments.map((s) => s.id);
  const versions = segments.map((s) => because.ruleVersion ?? s.version);
  const pgArray = (ids: number[]) => `{${ids.join(",")}}`;
  for (let start = 0; start < changes.length; start += APPLY_BATCH) {
    const batch = changes.slice(start, start + APPLY_BATCH);
    const rows = await db.$queryRaw<{ scope: string; n: number }[]>`
      WITH input AS (
        SELECT c.id, c.old_tier, c.new_tier, c.old_segs::int[] AS old_segs, c.new_segs::int[] AS new_segs
        FROM unnest(${batch.map((c) => c.id)}::int[], ${batch.map((c) => c.old_tier)}::int[], ${batch.map((c) => c.new_tier)}::int[],
          ${batch.map((c) => pgArray(c.old_segs))}::text[], ${batch.map((c) => pgArray(c.new_segs))}::text[])
          AS c(id, old_tier, new_tier, old_segs, new_segs)
      ), changed AS MATERIALIZED (
        UPDATE account_segmentation r
        SET tier_id = c.new_tier, tier_rank = COALESCE(t.position, ${UNTIERED_RANK}::int), segment_ids = c.new_segs
        FROM input c LEFT JOIN tiers t ON t.id = c.new_tier
        WHERE r.account_id = c.id AND r.tier_id IS NOT DISTINCT FROM c.old_tier AND COALESCE(r.segment_ids, '{}') = c.old_segs
        RETURNING c.id, c.old_tier, c.new_tier, c.old_segs, c.new_segs
      ), entering AS MATERIALIZED (
        SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.new_segs) AS x(segment_id)
        WHERE NOT (x.segment_id = ANY(c.old_segs))
      ), leaving AS MATERIALIZED (
        SELECT c.id, x.segment_id FROM changed c CROSS JOIN LATERAL unnest(c.old_segs) AS x(segment_id)
        WHERE NOT (x.segment_id = ANY(c.new_segs))
      ), gone AS (
        DELETE FROM account_segments s USING leaving l WHERE s.account_id = l.id AND s.segment_id = l.segment_id
      ), added AS (
        INSERT INTO account_segments (segment_id, account_id, since)
        SELECT segment_id, id, now() FROM entering ON CONFLICT (segment_id, account_id) DO NOTHING
      ), versions AS (
        SELECT * FROM unnest(${segmentIds}::int[], ${versions}::int[]) AS v(segment_id, version)
      ), logged AS (
        INSERT INTO membership_events (account_id, at, scope, tier_id, from_tier_id, segment_id, change, reason, rule_version, detail)
        SELECT id, now(), 'TIER', new_tier, old_tier, NULL, CASE WHEN new_tier IS NULL THEN 'LEFT' ELSE 'ENTERED' END,
          ${because.reason}::text, ${because.ruleVersion ?? scheme?.version ?? null}::int, ${because.detail ?? null}::text
        FROM changed WHERE old_tier IS DISTINCT FROM new_tier
        UNION ALL
        SELECT e.id, now(), 'SEGMENT', NULL, NULL, e.segment_id, 'ENTERED', ${because.reason}::text, v.version, ${because.detail ?? null}::text
        FROM entering e LEFT JOIN versions v ON v.segment_id = e.segment_id
        UNION ALL
        SELECT l.id, now(), 'SEGMENT', NULL, NULL, l.segment_id, 'LEFT', ${because.reason}::text, v.version, ${because.detail ?? null}::text
        FROM leaving l LEFT JOIN versions v ON v.segment_id = l.segment_id
        RETURNING scope
      )
      SELECT scope, count(*)::int AS n FROM logged GROUP BY scope`;
    tierChanges += rows.find((r) => r.scope === "TIER")?.n ?? 0;
    segmentChanges += rows.find((r) => r.scope === "SEGMENT")?.n ?? 0;
  }
  return { tierChanges, segmentChanges };
}

/** Reordered tiers keep their members but change rank. */
async function reorderTierRanks(db: Executor): Promise<void> {
  await db.$executeRaw`UPDATE account_segmentation r SET tier_rank = t.position FROM tiers t
    WHERE r.tier_id = t.id AND r.tier_rank <> t.position`;
}

/** Fit as SQL: the share (0-1) of the ideal profile's top-level conditions an account meets. */
function fitSql(idealProfile: RuleGroup | null, asOf: Date): Prisma.Sql {
  const children = idealProfile?.children ?? [];
  if (children.length === 0) return Prisma.sql`0::float8`;
  const parts = children.map((child) => {
    const single = { kind: "group" as const, op: "and" as const, children: [child] };
    return Prisma.sql`(CASE WHEN ${compileRule(single, asOf)} THEN 1 ELSE 0 END)`;
  });
  return Prisma.sql`((${Prisma.join(parts, " + ")})::float8 / ${children.length})`;
}

interface ScoreChange {
  id: number;
  v: number;
  f: number;
  e: number;
  total: number;
}

/** Recompute every account's priority score and its breakdown; returns how many changed. */
export async function recomputeScores(db: Executor, scoring: ScoringSettings, options: { asOf?: Date } = {}): Promise<number> {
  await allowLargeSorts(db);
  return applyScoreChanges(db, await readScoreChanges(db, scoring, options.asOf ?? new Date()));
}

/**
 * Every account's score components (value ranks are relative to all accounts), returning only
 * the accounts whose stored score or breakdown differs.
 */
function readScoreChanges(db: Executor, scoring: ScoringSettings, asOf: Date): Promise<ScoreChange[]> {
  const day = asOf.toISOString().slice(0, 10);
  const w = normaliseWeights(scoring.weights);
  return db.$queryRaw<ScoreChange[]>`
    WITH base AS (
      SELECT a.id,
        percent_rank() OVER (ORDER BY a.lifetime_value::float8) AS ltv_rank,
        percent_rank() OVER (ORDER BY a.potential::float8) AS potential_rank,
        ${fitSql(scoring.idealProfile, asOf)} AS fit,
        LEAST(a.engagement_score, 100)::float8 AS engagement,
        CASE WHEN a.last_order_at IS NULL THEN 0
             ELSE GREATEST(0, 100 - 100.0 * GREATEST(0, CAST(${day} AS date) - a.last_order_at) / ${RECENCY_HORIZON_DAYS})
        END::float8 AS recency
      FROM accounts a
    ), parts AS (
      -- Rounded to 0.1 (in float8: numeric rounding is several times slower) so tiny shifts do not rewrite rows.
      SELECT id,
        round(1000 * (${VALUE_LTV_SHARE} * ltv_rank + ${1 - VALUE_LTV_SHARE} * potential_rank)) / 10 AS v,
        round(1000 * fit) / 10 AS f,
        round(10 * (${ENGAGEMENT_SCORE_SHARE} * engagement + ${1 - ENGAGEMENT_SCORE_SHARE} * recency)) / 10 AS e
      FROM base
    ), scored AS (
      SELECT id, v, f, e, round(10 * (${w.value} * v + ${w.fit} * f + ${w.engagement} * e)) / 10 AS total FROM parts
    )
    SELECT s.id, s.v, s.f, s.e, s.total FROM scored s JOIN account_segmentation r ON r.account_id = s.id
    WHERE (r.score_value, r.score_fit, r.score_engagement, r.priority_score) IS DISTINCT FROM (s.v, s.f, s.e, s.total)`;
}

async function applyScoreChanges(db: Executor, changes: readonly ScoreChange[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < changes.length; start += APPLY_BATCH) {
    const batch = changes.slice(start, start + APPLY_BATCH);
    written += await db.$executeRaw`
      UPDATE account_segmentation r SET score_value = c.v, score_fit = c.f, score_engagement = c.e, priority_score = c.total
      FROM unnest(${batch.map((c) => c.id)}::int[], ${batch.map((c) => c.v)}::float8[], ${batch.map((c) => c.f)}::float8[],
        ${batch.map((c) => c.e)}::float8[], ${batch.map((c) => c.total)}::float8[]) AS c(id, v, f, e, total)
      WHERE r.account_id = c.id`;
  }
  return written;
}

export interface RecomputeSummary {
  tierChanges: number;
  segmentChanges: number;
  scoreChanges: number;
}

/**
 * Everything after a data change (an import, an owner change): tiers and segments for the given
 * accounts (all when omitted), then scores, which are relative to all accounts. Runs on the
 * caller's executor (usually its transaction), one statement after another.
 */
export async function recomputeAll(
  db: Executor,
  because: Because,
  options: { asOf?: Date; accountIds?: readonly number[] } = {},
): Promise<RecomputeSummary> {
  const asOf = options.asOf ?? new Date();
  await allowLargeSorts(db);
  const [scheme, segments, scoring] = await Promise.all([loadPublishedScheme(db), loadPublishedSegments(db), loadScoring(db)]);
  const tierIds = await syncTiers(db, scheme?.tiers ?? []);
  const memberships = await readMembershipChanges(db, scheme, tierIds, segments, { asOf, accountIds: options.accountIds });
  const { tierChanges, segmentChanges } = await applyMembershipChanges(db, memberships, scheme, segments, because);
  await reorderTierRanks(db);
  const scoreChanges = await applyScoreChanges(db, await readScoreChanges(db, scoring, asOf));
  return { tierChanges, segmentChanges, scoreChanges };
}

/**
 * The full recompute (the daily refresh, the seed, benchmarks): the same work as recomputeAll
 * over every account, but the two read passes (memberships, scores) run at the same time on two
 * connections, so both cores work; the changes they find are then written in one transaction.
 */
export async function recomputeEverything(
  root: Db,
  because: Because,
  options: { asOf?: Date; onStep?: (step: string, ms: number) => void | Promise<void> } = {},
): Promise<RecomputeSummary> {
  const asOf = options.asOf ?? new Date();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    await options.onStep?.(name, performance.now() - started);
    return result;
  };
  for (let attempt = 1; ; attempt++) {
    const rules = await loadRules(root);
    const { scheme, segments, scoring } = rules;
    const tierIds = await syncTiers(root, scheme?.tiers ?? []);
    const [memberships, scores] = await Promise.all([
      step("read tiers and segments", () =>
        root.$transaction(async (tx) => {
          // One core each: PostgreSQL's own parallel workers would only compete with the other read.
          await tx.$queryRaw`SELECT set_config('max_parallel_workers_per_gather', '0', true)`;
          return readMembershipChanges(tx, scheme, tierIds, segments, { asOf });
        }, LONG_TRANSACTION),
      ),
      step("read scores", () =>
        root.$transaction(async (tx) => {
          await allowLargeSorts(tx);
          return readScoreChanges(tx, scoring, asOf);
        }, LONG_TRANSACTION),
      ),
    ]);
    const summary = await root.$transaction(async (tx) => {
      // Rules published while we read would be overwritten by what the old ones computed: read again.
      if (rulesSignature(await loadRules(tx)) !== rulesSignature(rules)) return null;
      const { tierChanges, segmentChanges } = await step(`write ${memberships.length} membership changes`, () =>
        applyMembershipChanges(tx, memberships, scheme, segments, because),
      );
      await reorderTierRanks(tx);
      const scoreChanges = await step(`write ${scores.length} score changes`, () => applyScoreChanges(tx, scores));
      return { tierChanges, segmentChanges, scoreChanges };
    }, LONG_TRANSACTION);
    if (summary) return summary;
    if (attempt >= 3) throw new Error("The rules changed during three recomputes in a row; try again later.");
  }
}

interface PublishedRules {
  scheme: PublishedScheme | null;
  segments: PublishedSegment[];
  scoring: ScoringSettings;
}

async function loadRules(db: Executor): Promise<PublishedRules> {
  const [scheme, segments, scoring] = await Promise.all([loadPublishedScheme(db), loadPublishedSegments(db), loadScoring(db)]);
  return { scheme, segments, scoring };
}

/** Equal when the same versions of the same rules (and the same scoring settings) are published. */
function rulesSignature(rules: PublishedRules): string {
  return JSON.stringify([
    rules.scheme?.version ?? null,
    rules.segments.map((s) => [s.id, s.version]).sort((x, y) => x[0]! - y[0]!),
    rules.scoring,
  ]);
}

const LONG_TRANSACTION = { maxWait: 10_000, timeout: 15 * 60_000 };

/**
 * Ranking a million accounts sorts ~100 MB; PostgreSQL's default work_mem would spill it to
 * disk. Transaction-local, so it ends with the caller's transaction (and is a no-op outside one).
 */
async function allowLargeSorts(db: Executor): Promise<void> {
  await db.$queryRaw`SELECT set_config('work_mem', '256MB', true)`;
}
