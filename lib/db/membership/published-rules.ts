/**
 * The published rules every recompute and explanation starts from: the newest tier scheme, the
 * published version of each live segment, and the scoring settings.
 */
import { parseRule, type RuleGroup } from "@/lib/segmentation/schema";
import { DEFAULT_WEIGHTS, type ScoreWeights } from "@/lib/segmentation/score";
import { parseTierScheme, type TierDefinition } from "@/lib/segmentation/tier-scheme";
import type { Executor } from "./types";

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

export interface PublishedRules {
  scheme: PublishedScheme | null;
  segments: PublishedSegment[];
  scoring: ScoringSettings;
}

/** Everything published, read at once. */
export async function loadPublishedRules(db: Executor): Promise<PublishedRules> {
  const [scheme, segments, scoring] = await Promise.all([loadPublishedScheme(db), loadPublishedSegments(db), loadScoring(db)]);
  return { scheme, segments, scoring };
}

/** Equal when the same versions of the same rules (and the same scoring settings) are published. */
export function rulesSignature(rules: PublishedRules): string {
  return JSON.stringify([rules.scheme?.version ?? null, segmentVersions(rules.segments), rules.scoring]);
}

/** Equal when the same versions of the same tier scheme and segments are published (what memberships follow). */
export function membershipsSignature(rules: Pick<PublishedRules, "scheme" | "segments">): string {
  return JSON.stringify([rules.scheme?.version ?? null, segmentVersions(rules.segments)]);
}

/** [id, version] of each segment, by id. */
function segmentVersions(segments: readonly Pick<PublishedSegment, "id" | "version">[]): [number, number][] {
  return segments.map((s): [number, number] => [s.id, s.version]).sort((x, y) => x[0] - y[0]);
}

/** The newest published tier scheme, or null when none has been published. */
export async function loadPublishedScheme(db: Executor): Promise<PublishedScheme | null> {
  const latest = await db.tierSchemeVersion.findFirst({ orderBy: { version: "desc" } });
  if (!latest) return null;
  const parsed = parseTierScheme(latest.definition);
  if (!parsed.ok) throw new Error(`Published tier scheme v${latest.version} is invalid: ${parsed.errors[0]?.message}`);
  return { version: latest.version, tiers: parsed.scheme.tiers };
}

/** One published version of the tier scheme, or null when there is none or it no longer parses. */
export async function loadSchemeVersion(db: Executor, version: number): Promise<PublishedScheme | null> {
  const row = await db.tierSchemeVersion.findUnique({ where: { version } });
  const parsed = row ? parseTierScheme(row.definition) : null;
  return parsed?.ok ? { version, tiers: parsed.scheme.tiers } : null;
}

/**
 * The published version of every live segment (or of the one asked for). A version whose rule no
 * longer parses is skipped, so its members are kept as they are rather than all leaving.
 */
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

/** The saved weights and ideal profile, or the scorer's defaults before an admin saves any. */
export async function loadScoring(db: Executor): Promise<ScoringSettings> {
  const config = await db.scoringConfig.findUnique({ where: { id: 1 } });
  if (!config) return { weights: DEFAULT_WEIGHTS, idealProfile: null };
  const parsed = parseRule(config.idealProfile);
  return {
    weights: { value: config.valueWeight, fit: config.fitWeight, engagement: config.engagementWeight },
    idealProfile: parsed.ok ? parsed.rule : null,
  };
}
