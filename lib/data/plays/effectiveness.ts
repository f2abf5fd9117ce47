/**
 * Which plays work (/admin/plays): per live play over a period, the accounts worked, outcomes by
 * kind, win rate and won amount, broken down by the tier and the segments each account had when
 * its outcome was recorded (the snapshot on play_outcomes, not today's tier). Two grouped
 * queries whatever the number of plays: one over tiers (with GROUPING SETS for the play and
 * overall totals, so distinct accounts are counted by PostgreSQL, not added up here), one over
 * the unnested segment snapshot.
 */
import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { UNTIERED } from "@/lib/domain/tiers";
import {
  EMPTY_FIGURES,
  figuresOf,
  type BreakdownRow,
  type EffectivenessReport,
  type GroupedCount,
  type PlayEffectiveness,
} from "@/lib/plays/effectiveness";
import { addDays } from "@/lib/segmentation/dates";
import type { PlaysPeriod } from "@/lib/validation/plays-period";

interface TierCountRow extends GroupedCount {
  play_id: number | null;
  tier_id: number | null;
  /** 1 where the row adds up over that column (GROUPING()), so a NULL tier (untiered) is told from "all tiers". */
  all_plays: number;
  all_tiers: number;
}

interface SegmentCountRow extends GroupedCount {
  play_id: number;
  /** null: outcomes of accounts that were in no segment. */
  segment_id: number | null;
}

const NO_SEGMENT = "none";

/** The period as instants: from its first day's midnight (UTC) up to, not including, the day after its last. */
function periodBounds(period: PlaysPeriod): { start: Date; end: Date } {
  return { start: new Date(`${period.from}T00:00:00.000Z`), end: new Date(`${addDays(period.to, 1)}T00:00:00.000Z`) };
}

/** Every live play's effectiveness over the period. Admins and managers (who see every account). */
export async function getPlayEffectiveness(actor: Actor, period: PlaysPeriod): Promise<EffectivenessReport> {
  assertRole(actor, "ADMIN", "MANAGER");
  const { start, end } = periodBounds(period);
  const [plays, tiers, segments, tierRows, segmentRows] = await Promise.all([
    db.play.findMany({ where: { archived: false }, select: { id: true } }),
    db.tier.findMany({ orderBy: [{ archived: "asc" }, { position: "asc" }], select: { id: true, key: true, name: true, color: true, archived: true } }),
    db.segment.findMany({ select: { id: true, name: true, color: true, archived: true } }),
    // kind NULL with all_tiers = 0: a (play, tier) total; with all_tiers = 1: the play's total;
    // with all_plays = 1 as well: every play together.
    db.$queryRaw<TierCountRow[]>`
      SELECT o.play_id, o.tier_id, o.kind::text AS kind,
        GROUPING(o.play_id)::int AS all_plays, GROUPING(o.tier_id)::int AS all_tiers,
        count(*)::int AS n, count(DISTINCT o.account_id)::int AS accounts,
        COALESCE(sum(o.amount) FILTER (WHERE o.kind = 'WON'), 0)::float8 AS won
      FROM play_outcomes o JOIN plays p ON p.id = o.play_id AND NOT p.archived
      WHERE o.at >= ${start} AND o.at < ${end}
      GROUP BY GROUPING SETS ((o.play_id, o.tier_id, o.kind), (o.play_id, o.tier_id), (o.play_id, o.kind), (o.play_id), (o.kind), ())`,
    // An outcome counts in each segment the account was in; one with none in the NULL row.
    db.$queryRaw<SegmentCountRow[]>`
      SELECT o.play_id, s.segment_id, o.kind::text AS kind,
        count(*)::int AS n, count(DISTINCT o.account_id)::int AS accounts,
        COALESCE(sum(o.amount) FILTER (WHERE o.kind = 'WON'), 0)::float8 AS won
      FROM play_outcomes o JOIN plays p ON p.id = o.play_id AND NOT p.archived
        CROSS JOIN LATERAL unnest(CASE WHEN cardinality(o.segment_ids) > 0 THEN o.segment_ids ELSE ARRAY[NULL]::int[] END) AS s(segment_id)
      WHERE o.at >= ${start} AND o.at < ${end}
      GROUP BY GROUPING SETS ((o.play_id, s.segment_id, o.kind), (o.play_id, s.segment_id))`,
  ]);

  const tierInfo = new Map(tiers.map((t) => [t.id, t]));
  const tierOrder = new Map(tiers.map((t, i) => [t.id, i]));
  const tierLabel = (id: number | null): Pick<BreakdownRow, "key" | "label" | "color"> => {
    if (id === null) return { key: UNTIERED.key, label: UNTIERED.label, color: UNTIERED.color };
    const tier = tierInfo.get(id);
    // A tier removed since: its outcomes still count, under a name that says so.
    if (!tier) return { key: `tier-${id}`, label: "Former tier", color: null };
    return { key: tier.key, label: tier.archived ? `${tier.name} (archived)` : tier.name, color: tier.color };
  };
  const segmentInfo = new Map(segments.map((s) => [s.id, s]));
  const segmentLabel = (id: number | null): Pick<BreakdownRow, "key" | "label" | "color"> => {
    if (id === null) return { key: NO_SEGMENT, label: "In no segment", color: null };
    const segment = segmentInfo.get(id);
    if (!segment) return { key: String(id), label: "Former segment", color: null };
    return { key: String(id), label: segment.archived ? `${segment.name} (archived)` : segment.name, color: segment.color };
  };

  const byPlay = new Map<number, { own: GroupedCount[]; tiers: Map<number | null, GroupedCount[]>; segments: Map<number | null, GroupedCount[]> }>();
  const entry = (playId: number) => {
    let e = byPlay.get(playId);
    if (!e) byPlay.set(playId, (e = { own: [], tiers: new Map(), segments: new Map() }));
    return e;
  };
  const push = <K>(map: Map<K, GroupedCount[]>, key: K, row: GroupedCount) => map.set(key, [...(map.get(key) ?? []), row]);

  const overall: GroupedCount[] = [];
  for (const row of tierRows) {
    if (row.all_plays === 1) overall.push(row);
    else if (row.play_id !== null && row.all_tiers === 1) entry(row.play_id).own.push(row);
    else if (row.play_id !== null) push(entry(row.play_id).tiers, row.tier_id, row);
  }
  for (const row of segmentRows) push(entry(row.play_id).segments, row.segment_id, row);

  const report: EffectivenessReport = { totals: figuresOf(overall), plays: new Map() };
  for (const { id } of plays) {
    const e = byPlay.get(id);
    const play: PlayEffectiveness = { playId: id, figures: EMPTY_FIGURES, byTier: [], bySegment: [] };
    if (e) {
      play.figures = figuresOf(e.own);
      play.byTier = [...e.tiers.entries()]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : (tierOrder.get(a) ?? Infinity) - (tierOrder.get(b) ?? Infinity)))
        .map(([tierId, rows]) => ({ ...tierLabel(tierId), ...figuresOf(rows) }));
      play.bySegment = [...e.segments.entries()]
        .map(([segmentId, rows]) => ({ ...segmentLabel(segmentId), ...figuresOf(rows) }))
        .sort((a, b) => Number(a.key === NO_SEGMENT) - Number(b.key === NO_SEGMENT) || b.totalOutcomes - a.totalOutcomes || a.label.localeCompare(b.label));
    }
    report.plays.set(id, play);
  }
  return report;
}
