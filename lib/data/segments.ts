import "server-only";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { describeRule } from "@/lib/segmentation/text";
import { parseId } from "@/lib/validation/ids";
import { SEGMENT_KIND_LABELS, SEGMENT_KINDS } from "@/lib/validation/segment";
import { visibleAccountsSql } from "./account-filters";
import { loadNameLookups } from "./rules/context";

/** The window of a segment's trend, in days. */
export const TREND_DAYS = 30;

export interface SegmentSummary {
  id: number;
  name: string;
  description: string;
  kind: string;
  kindLabel: string;
  color: string;
  /** The published version in force. */
  version: number;
  publishedAt: Date | null;
  /** The published rule in plain language. */
  ruleText: string;
  /** Members the actor may see (a rep: their own accounts). */
  size: number;
  /** Ledger entries and exits over the last TREND_DAYS days, among the accounts the actor may see. */
  trend: { entered: number; left: number; net: number };
}

/** Every published segment, by name, with its size and trend as the actor sees them. */
export async function listSegments(actor: Actor): Promise<SegmentSummary[]> {
  return loadSummaries(actor);
}

/** One published segment, or null when it does not exist, is archived or was never published. */
export async function getSegment(actor: Actor, id: number): Promise<SegmentSummary | null> {
  if (parseId(id) === null) return null;
  const [segment] = await loadSummaries(actor, id);
  return segment ?? null;
}

async function loadSummaries(actor: Actor, onlyId?: number): Promise<SegmentSummary[]> {
  const published = await loadPublishedSegments(db, onlyId);
  if (published.length === 0) return [];
  const ids = published.map((s) => s.id);
  // Those who see every account need no join at all (ten times faster at 100k accounts).
  const visible = canSeeAllAccounts(actor)
    ? Prisma.sql`TRUE`
    : Prisma.sql`x.account_id IN (SELECT a.id FROM accounts a WHERE ${visibleAccountsSql(actor)})`;
  const since = new Date(Date.now() - TREND_DAYS * 86_400_000);

  const [meta, versions, sizes, trends, lookups] = await Promise.all([
    db.segment.findMany({ where: { id: { in: ids } }, select: { id: true, description: true, kind: true, color: true } }),
    db.segmentVersion.findMany({
      where: { OR: published.map((s) => ({ segmentId: s.id, version: s.version })) },
      select: { segmentId: true, publishedAt: true },
    }),
    db.$queryRaw<{ id: number; n: number }[]>`
      SELECT x.segment_id AS id, count(*)::int AS n
      FROM account_segments x
      WHERE x.segment_id = ANY(${ids}::int[]) AND ${visible}
      GROUP BY x.segment_id`,
    db.$queryRaw<{ id: number; entered: number; left: number }[]>`
      SELECT x.segment_id AS id,
             count(*) FILTER (WHERE x.change = 'ENTERED')::int AS entered,
             count(*) FILTER (WHERE x.change = 'LEFT')::int AS left
      FROM membership_events x
      WHERE x.scope = 'SEGMENT' AND x.segment_id = ANY(${ids}::int[]) AND x.at >= ${since} AND ${visible}
      GROUP BY x.segment_id`,
    loadNameLookups(),
  ]);

  const metaById = new Map(meta.map((m) => [m.id, m]));
  const publishedAt = new Map(versions.map((v) => [v.segmentId, v.publishedAt]));
  const sizeById = new Map(sizes.map((s) => [s.id, s.n]));
  const trendById = new Map(trends.map((t) => [t.id, t]));
  return published
    .map((segment) => {
      const m = metaById.get(segment.id);
      const t = trendById.get(segment.id);
      const kind = m?.kind ?? "TECHNOGRAPHIC";
      const entered = t?.entered ?? 0;
      const left = t?.left ?? 0;
      return {
        id: segment.id,
        name: segment.name,
        description: m?.description ?? "",
        kind,
        kindLabel: isKind(kind) ? SEGMENT_KIND_LABELS[kind] : kind,
        color: m?.color ?? "#6366f1",
        version: segment.version,
        publishedAt: publishedAt.get(segment.id) ?? null,
        ruleText: describeRule(segment.rule, lookups),
        size: sizeById.get(segment.id) ?? 0,
        trend: { entered, left, net: entered - left },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function isKind(kind: string): kind is (typeof SEGMENT_KINDS)[number] {
  return (SEGMENT_KINDS as readonly string[]).includes(kind);
}
