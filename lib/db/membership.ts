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

/** Assign every account (or the given ones) to its tier; returns how many changed tier. */
export async function recomputeTiers(
  db: Executor,
  scheme: PublishedScheme | null,
  because: Because,
  options: { asOf?: Date; accountIds?: readonly number[] } = {},
): Promise<number> {
  const asOf = options.asOf ?? new Date();
  const tiers = scheme?.tiers ?? [];
  const tierIds = await syncTiers(db, tiers);
  const tierCase = compileTierCase(tiers, tierIds, asOf);
  await ensureSegmentationRows(db);
  // Only rows whose tier changes are written: a recompute that changes nothing only reads.
  const changed = await db.$executeRaw`
    WITH calc AS (
      SELECT a.id, r.tier_id AS old_tier, ${tierCase} AS new_tier
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
      WHERE ${idsFilter(options.accountIds)}
    ), moved AS (
      SELECT * FROM calc WHERE old_tier IS DISTINCT FROM new_tier
    ), upd AS (
      UPDATE account_segmentation r SET tier_id = m.new_tier, tier_rank = COALESCE(t.position, 9999)
      FROM moved m LEFT JOIN tiers t ON t.id = m.new_tier
      WHERE r.account_id = m.id
      RETURNING m.id, m.old_tier, m.new_tier
    )
    INSERT INTO membership_events (account_id, at, scope, tier_id, from_tier_id, change, reason, rule_version, detail)
    SELECT id, now(), 'TIER', new_tier, old_tier, CASE WHEN new_tier IS NULL THEN 'LEFT' ELSE 'ENTERED' END,
           ${because.reason}::text, ${because.ruleVersion ?? null}::int, ${because.detail ?? null}::text
    FROM upd`;
  // Reordered tiers keep their members but change rank.
  await db.$executeRaw`UPDATE account_segmentation r SET tier_rank = t.position FROM tiers t
    WHERE r.tier_id = t.id AND r.tier_rank <> t.position`;
  return changed;
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
    WITH matched AS (
      SELECT a.id FROM accounts a WHERE ${idsFilter(options.accountIds)} AND ${matches}
    ), gone AS (
      DELETE FROM account_segments s WHERE s.segment_id = ${segment.id}::int AND ${scope}
        AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.id = s.account_id)
      RETURNING s.account_id
    ), added AS (
      INSERT INTO account_segments (segment_id, account_id, since)
      SELECT ${segment.id}::int, m.id, now() FROM matched m
      ON CONFLICT (segment_id, account_id) DO NOTHING
      RETURNING account_id
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

/** Accounts inserted while the trigger was disabled (bulk loads) get their row here. */
export async function ensureSegmentationRows(db: Executor): Promise<void> {
  await db.$executeRaw`INSERT INTO account_segmentation (account_id)
    SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_segmentation r WHERE r.account_id = a.id)
    ON CONFLICT DO NOTHING`;
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

/** Recompute every account's priority score and its breakdown; returns how many changed. */
export async function recomputeScores(db: Executor, scoring: ScoringSettings, options: { asOf?: Date } = {}): Promise<number> {
  const asOf = options.asOf ?? new Date();
  await ensureSegmentationRows(db);
  return db.$executeRaw(scoresUpdateSql(scoring, asOf));
}

/** The score recompute as one statement: writes only the rows whose score or breakdown changes. */
export function scoresUpdateSql(scoring: ScoringSettings, asOf: Date): Prisma.Sql {
  const day = asOf.toISOString().slice(0, 10);
  const w = normaliseWeights(scoring.weights);
  return Prisma.sql`
    WITH base AS (
      SELECT a.id,
        percent_rank() OVER (ORDER BY a.lifetime_value) AS ltv_rank,
        percent_rank() OVER (ORDER BY a.potential) AS potential_rank,
        ${fitSql(scoring.idealProfile, asOf)} AS fit,
        LEAST(a.engagement_score, 100)::float8 AS engagement,
        CASE WHEN a.last_order_at IS NULL THEN 0
             ELSE GREATEST(0, 100 - 100.0 * GREATEST(0, CAST(${day} AS date) - a.last_order_at) / ${RECENCY_HORIZON_DAYS})
        END::float8 AS recency
      FROM accounts a
    ), parts AS MATERIALIZED (
      -- Rounded to 0.1 (in float8: numeric rounding is several times slower) so tiny shifts do not rewrite rows.
      SELECT id,
        round(1000 * (${VALUE_LTV_SHARE} * ltv_rank + ${1 - VALUE_LTV_SHARE} * potential_rank)) / 10 AS v,
        round(1000 * fit) / 10 AS f,
        round(10 * (${ENGAGEMENT_SCORE_SHARE} * engagement + ${1 - ENGAGEMENT_SCORE_SHARE} * recency)) / 10 AS e
      FROM base
    ), scored AS MATERIALIZED (
      SELECT id, v, f, e, round(10 * (${w.value} * v + ${w.fit} * f + ${w.engagement} * e)) / 10 AS total FROM parts
    )
    UPDATE account_segmentation r SET score_value = s.v, score_fit = s.f, score_engagement = s.e, priority_score = s.total
    FROM scored s
    WHERE r.account_id = s.id
      AND (r.score_value, r.score_fit, r.score_engagement, r.priority_score) IS DISTINCT FROM (s.v, s.f, s.e, s.total)`;
}

export interface RecomputeSummary {
  tierChanges: number;
  segmentChanges: number;
  scoreChanges: number;
}

/**
 * Everything after a data change (import, orders, events, the daily refresh): tiers and
 * segments for the given accounts (all when omitted), then scores, which are relative to all accounts.
 */
export async function recomputeAll(
  db: Executor,
  because: Because,
  options: { asOf?: Date; accountIds?: readonly number[] } = {},
): Promise<RecomputeSummary> {
  const scheme = await loadPublishedScheme(db);
  const tierChanges = await recomputeTiers(db, scheme, { ...because, ruleVersion: because.ruleVersion ?? scheme?.version }, options);
  let segmentChanges = 0;
  for (const segment of await loadPublishedSegments(db)) {
    const { entered, left } = await recomputeSegment(db, segment, { ...because, ruleVersion: because.ruleVersion ?? segment.version }, options);
    segmentChanges += entered + left;
  }
  const scoreChanges = await recomputeScores(db, await loadScoring(db), options);
  return { tierChanges, segmentChanges, scoreChanges };
}
