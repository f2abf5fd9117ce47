import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import type { RuleGroup } from "@/lib/segmentation/schema";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";

export interface SampleAccount {
  id: number;
  name: string;
  domain: string;
  lifetimeValue: number;
  tierName: string | null;
}

const SAMPLE_SIZE = 8;

async function sample(where: Prisma.Sql, limit = SAMPLE_SIZE): Promise<SampleAccount[]> {
  const rows = await db.$queryRaw<{ id: number; name: string; domain: string; ltv: number; tier_name: string | null }[]>`
    SELECT a.id, a.name, a.domain, a.lifetime_value::float8 AS ltv, t.name AS tier_name
    FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id
    WHERE ${where} ORDER BY a.lifetime_value DESC, a.id LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, name: r.name, domain: r.domain, lifetimeValue: Number(r.ltv), tierName: r.tier_name }));
}

export interface SegmentPreview {
  total: number;
  matching: number;
  sample: SampleAccount[];
  /** Against the current members (published version); null for a never-published segment. */
  diff: { entering: number; leaving: number; enteringSample: SampleAccount[]; leavingSample: SampleAccount[] } | null;
}

/** How many accounts a segment rule matches now, a sample, and who would enter or leave. */
export async function previewSegmentRule(rule: RuleGroup, segmentId: number | null, published: boolean): Promise<SegmentPreview> {
  const matches = compileRule(rule, new Date());
  const isMember = segmentId
    ? Prisma.sql`EXISTS (SELECT 1 FROM account_segments s WHERE s.account_id = a.id AND s.segment_id = ${segmentId})`
    : Prisma.sql`FALSE`;
  const [counts] = await db.$queryRaw<{ total: number; matching: number; entering: number; leaving: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE ${matches})::int AS matching,
      count(*) FILTER (WHERE ${matches} AND NOT ${isMember})::int AS entering,
      count(*) FILTER (WHERE ${isMember} AND NOT (${matches}))::int AS leaving
    FROM accounts a`;
  const c = counts ?? { total: 0, matching: 0, entering: 0, leaving: 0 };
  const [matchingSample, enteringSample, leavingSample] = await Promise.all([
    sample(matches),
    published && c.entering > 0 ? sample(Prisma.sql`${matches} AND NOT ${isMember}`, 5) : Promise.resolve([]),
    published && c.leaving > 0 ? sample(Prisma.sql`${isMember} AND NOT (${matches})`, 5) : Promise.resolve([]),
  ]);
  return {
    total: c.total,
    matching: c.matching,
    sample: matchingSample,
    diff: published ? { entering: c.entering, leaving: c.leaving, enteringSample, leavingSample } : null,
  };
}

export interface TierPreviewTier {
  key: string;
  name: string;
  color: string;
  /** Accounts assigned to this tier (first match wins). */
  count: number;
  lifetimeValue: number;
  /** Accounts this tier's rule matches on its own, and how many of those an earlier tier takes. */
  ownMatches: number;
  caughtEarlier: number;
  sample: SampleAccount[];
}

export interface TierTransition {
  fromKey: string | null;
  fromName: string;
  toKey: string | null;
  toName: string;
  accounts: number;
  lifetimeValue: number;
  reps: { id: string; name: string }[];
}

export interface TierPreview {
  total: number;
  untiered: number;
  tiers: TierPreviewTier[];
  /** Current tier x draft tier, only cells where accounts move. */
  transitions: TierTransition[];
  moving: number;
  revenueMoving: number;
  repsAffected: number;
}

/** Counts per draft tier, overlap for lint, samples, and the from-tier x to-tier matrix against today. */
export async function previewTierScheme(tiers: readonly TierDefinition[]): Promise<TierPreview> {
  const asOf = new Date();
  // Draft tiers have no ids yet: number them 1..n for the CASE, map back by position.
  const positions = new Map(tiers.map((t, i) => [t.key, i + 1]));
  const tierCase = compileTierCase(tiers, positions, asOf);
  const compiled = tiers.map((t) => compileRule(t.rule, asOf));
  const overlapParts = compiled.map((rule, i) => {
    const earlier = compiled.slice(0, i);
    const caught = earlier.length ? Prisma.sql`(${rule}) AND (${Prisma.join(earlier, " OR ")})` : Prisma.sql`FALSE`;
    return Prisma.sql`count(*) FILTER (WHERE ${rule})::int AS ${Prisma.raw(`own_${i}`)},
      count(*) FILTER (WHERE ${caught})::int AS ${Prisma.raw(`caught_${i}`)}`;
  });

  const [matrixRows, overlapRows] = await Promise.all([
    db.$queryRaw<{ from_key: string | null; from_name: string | null; to_pos: number | null; n: number; ltv: number; reps: string[] }[]>`
      WITH calc AS (SELECT r.tier_id, a.owner_id, a.lifetime_value, ${tierCase} AS to_pos
        FROM accounts a JOIN account_segmentation r ON r.account_id = a.id)
      SELECT t.key AS from_key, t.name AS from_name, c.to_pos, count(*)::int AS n,
             coalesce(sum(c.lifetime_value), 0)::float8 AS ltv,
             coalesce(array_agg(DISTINCT c.owner_id) FILTER (WHERE c.owner_id IS NOT NULL), '{}') AS reps
      FROM calc c LEFT JOIN tiers t ON t.id = c.tier_id
      GROUP BY t.key, t.name, c.to_pos`,
    compiled.length
      ? db.$queryRaw<Record<string, number>[]>`SELECT ${Prisma.join(overlapParts, ", ")} FROM accounts a`
      : Promise.resolve([] as Record<string, number>[]),
  ]);

  const userIds = [...new Set(matrixRows.flatMap((r) => r.reps))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const userName = new Map(users.map((u) => [u.id, u.name]));

  const overlap: Record<string, number> = overlapRows[0] ?? {};
  const samples = await Promise.all(
    tiers.map((_, i) => sample(Prisma.sql`${tierCase} = ${i + 1}`, 5)),
  );
  const previewTiers: TierPreviewTier[] = tiers.map((t, i) => {
    const rows = matrixRows.filter((r) => r.to_pos === i + 1);
    return {
      key: t.key,
      name: t.name,
      color: t.color,
      count: rows.reduce((s, r) => s + r.n, 0),
      lifetimeValue: rows.reduce((s, r) => s + Number(r.ltv), 0),
      ownMatches: overlap[`own_${i}`] ?? 0,
      caughtEarlier: overlap[`caught_${i}`] ?? 0,
      sample: samples[i] ?? [],
    };
  });

  const transitions: TierTransition[] = [];
  const affected = new Set<string>();
  for (const r of matrixRows) {
    const toTier = r.to_pos ? tiers[r.to_pos - 1] : undefined;
    const toKey = toTier?.key ?? null;
    if (r.from_key === toKey) continue;
    r.reps.forEach((id) => affected.add(id));
    transitions.push({
      fromKey: r.from_key,
      fromName: r.from_name ?? "Untiered",
      toKey,
      toName: toTier?.name ?? "Untiered",
      accounts: r.n,
      lifetimeValue: Number(r.ltv),
      reps: r.reps.map((id) => ({ id, name: userName.get(id) ?? "Unknown" })).sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  transitions.sort((a, b) => b.accounts - a.accounts);
  const total = matrixRows.reduce((s, r) => s + r.n, 0);
  return {
    total,
    untiered: matrixRows.filter((r) => r.to_pos == null).reduce((s, r) => s + r.n, 0),
    tiers: previewTiers,
    transitions,
    moving: transitions.reduce((s, t) => s + t.accounts, 0),
    revenueMoving: transitions.reduce((s, t) => s + t.lifetimeValue, 0),
    repsAffected: affected.size,
  };
}
