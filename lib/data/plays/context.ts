import "server-only";
import { db } from "@/lib/db/client";
import type { PlayContext } from "@/lib/plays/definition";
import { loadRuleContext } from "@/lib/data/rules/context";

/** The ids a play may refer to: the rule's (technologies, owners), live tiers and published segments. */
export async function loadPlayContext(): Promise<PlayContext> {
  const [rule, tiers, segments] = await Promise.all([
    loadRuleContext(),
    db.tier.findMany({ where: { archived: false }, select: { key: true } }),
    db.segment.findMany({ where: { archived: false, publishedVersion: { not: null } }, select: { id: true } }),
  ]);
  return { ...rule, tierKeys: new Set(tiers.map((t) => t.key)), segmentIds: new Set(segments.map((s) => s.id)) };
}

export interface AudienceNames {
  tiers: Map<string, { name: string; color: string; position: number }>;
  segments: Map<number, { name: string; color: string }>;
}

/** Names and colours of tiers (by key) and segments (by id), for showing an audience. */
export async function loadAudienceNames(): Promise<AudienceNames> {
  const [tiers, segments] = await Promise.all([
    db.tier.findMany({ where: { archived: false }, select: { key: true, name: true, color: true, position: true } }),
    db.segment.findMany({ where: { archived: false }, select: { id: true, name: true, color: true } }),
  ]);
  return {
    tiers: new Map(tiers.map((t) => [t.key, { name: t.name, color: t.color, position: t.position }])),
    segments: new Map(segments.map((s) => [s.id, { name: s.name, color: s.color }])),
  };
}
