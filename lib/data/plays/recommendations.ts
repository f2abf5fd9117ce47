/**
 * Recommended plays on the account page: the running published plays the account is in
 * (account_segmentation.play_ids is the membership), best first, each with why the account is in
 * its audience (the tier, segments and whitespace that put it there, and the extra rule's trace
 * with the account's actual values, converted like every other explanation on the page), the
 * pitch and talking points rendered for this account, the suggested channel with its evidence and
 * the latest outcome a rep recorded. A fixed number of queries, whatever the number of plays.
 */
import "server-only";
import { responsesByAccount } from "./responses";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import type { PublishedPlay } from "@/lib/db/membership/plays";
import { checkAudience, type AudienceCheck, type Membership } from "@/lib/plays/audience";
import { suggestedChannel, type CampaignResponseFact } from "@/lib/plays/channel";
import { isPlayRunning, type PlayAudience } from "@/lib/plays/definition";
import { isOutcomeKind, OUTCOME_KIND_LABELS, PLAY_KIND_LABELS, type OutcomeKind, type PlayKind } from "@/lib/plays/kinds";
import { renderTemplateSource } from "@/lib/plays/template-render";
import { toIsoDate } from "@/lib/segmentation/dates";
import { categoryLabel } from "@/lib/segmentation/format";
import { parseId } from "@/lib/validation/ids";
import { accountSegmentationRow } from "../account-segmentation-row";
import { toTraceView, type GroupTraceView } from "../explain";
import { requestAccountFacts, sharedAudienceNames, sharedNameLookups, sharedPublishedPlays } from "../shared-lookups";
import type { AudienceNames } from "./context";
import { describeAudience } from "./describe";


export interface Chip {
  label: string;
  color: string;
  /** Whether the account has it (is in the tier or segment, lacks the category). */
  has: boolean;
}

export interface PlayWhy {
  /** The audience in one sentence ("In Tier 1 or Tier 2, in “ERP laggards”, where …"). */
  audience: string;
  /** False when today's data no longer matches; membership follows at the next recompute. */
  matchesNow: boolean;
  /** The play's tiers (any of), each marked when it is the account's. Null: any tier. */
  tiers: { ok: boolean; chips: Chip[] } | null;
  /** Segments the account must be in, every one. */
  segmentsAll: { ok: boolean; chips: Chip[] } | null;
  /** Segments of which the account must be in one. */
  segmentsAny: { ok: boolean; chips: Chip[] } | null;
  /** Categories of which the account must lack one that most of its peers run. */
  whitespace: { ok: boolean; chips: Chip[] } | null;
  /** The extra rule's trace with the account's actual values; null when the play has none. */
  rule: GroupTraceView | null;
}

export interface ChannelView {
  /** The channel to use; null when "best for this account" finds none. */
  label: string | null;
  /** Set by the play rather than chosen from the account's responses. */
  fixed: boolean;
  /** One line per channel the account responded on, the chosen one first. */
  evidence: string[];
  /** Why no channel was chosen. */
  note: string | null;
}

export interface LatestOutcome {
  kind: OutcomeKind;
  label: string;
  by: string | null;
  at: Date;
  amount: number | null;
  reason: string | null;
  snoozeUntil: string | null;
}

export interface RecommendedPlay {
  play: { id: number; version: number; name: string; goal: string; kind: PlayKind; kindLabel: string; priority: number };
  why: PlayWhy;
  /** Plain text: React escapes it; line breaks are the author's. */
  pitch: string;
  talkingPoints: string[];
  channel: ChannelView;
  latestOutcome: LatestOutcome | null;
}

export interface AccountPlays {
  accountId: number;
  /** The one evaluation date ("YYYY-MM-DD"). */
  asOf: string;
  plays: RecommendedPlay[];
}

interface OutcomeRow {
  play_id: number;
  kind: string;
  by_name: string | null;
  at: Date;
  amount: string | null;
  reason: string | null;
  snooze_until: Date | null;
}

/**
 * The account's recommended plays, ranked by play priority (highest first), then name. Null when
 * the account does not exist or the actor may not see it (a rep sees only their own accounts).
 */
export async function getRecommendedPlays(actor: Actor, accountId: number): Promise<AccountPlays | null> {
  if (parseId(accountId) === null) return null;
  const asOf = new Date();
  const [account, published] = await Promise.all([accountSegmentationRow(actor, accountId), sharedPublishedPlays()]);
  if (!account) return null;

  const day = toIsoDate(asOf);
  const member = new Set(account.play_ids ?? []);
  const plays = published
    .filter((p) => member.has(p.id) && isPlayRunning(p.definition, day))
    .sort((a, b) => b.definition.priority - a.definition.priority || a.definition.name.localeCompare(b.definition.name));
  if (plays.length === 0) return { accountId, asOf: day, plays: [] };

  const [facts, lookups, names, responses, outcomes] = await Promise.all([
    requestAccountFacts(accountId),
    sharedNameLookups(),
    sharedAudienceNames(),
    responsesByAccount([accountId], asOf).then((all) => all.get(accountId) ?? []),
    latestOutcomes(accountId, plays.map((p) => p.id)),
  ]);
  // Visible a moment ago; a concurrent delete makes it simply not found.
  if (!facts) return null;

  const membership: Membership = { tierKey: account.tier_key, segmentIds: account.segment_ids ?? [], whitespace: account.whitespace ?? [] };
  const render = (source: string) => renderTemplateSource(source, facts, { asOf, lookups, tierName: account.tier_name });
  return {
    accountId,
    asOf: day,
    plays: plays.map((p) => {
      const d = p.definition;
      const check = checkAudience(d.audience, membership, facts, asOf, lookups);
      return {
        play: { id: p.id, version: p.version, name: d.name, goal: d.goal, kind: d.kind, kindLabel: PLAY_KIND_LABELS[d.kind], priority: d.priority },
        why: { audience: describeAudience(d.audience, names, lookups), ...whyView(d.audience, check, membership, names) },
        pitch: render(d.pitch),
        talkingPoints: d.talkingPoints.map(render),
        channel: channelView(p, responses),
        latestOutcome: outcomes.get(p.id) ?? null,
      };
    }),
  };
}

/** The audience check as chips and a trace view: what the play asks, marked with what the account has. */
function whyView(audience: PlayAudience, check: AudienceCheck, member: Membership, names: AudienceNames): Omit<PlayWhy, "audience"> {
  const inSegments = new Set(member.segmentIds);
  const segmentChips = (ids: readonly number[]): Chip[] =>
    ids.map((id) => {
      const segment = names.segments.get(id);
      return { label: segment?.name ?? `Segment ${id}`, color: segment?.color ?? "#6366f1", has: inSegments.has(id) };
    });
  const tierChips = audience.tiers.map((key) => {
    const tier = names.tiers.get(key);
    return { label: tier?.name ?? key, color: tier?.color ?? "#64748b", has: key === member.tierKey };
  });
  const gaps = new Set(member.whitespace);
  const whitespaceChips = audience.whitespace.map((category) => ({ label: categoryLabel(category), color: "#f59e0b", has: gaps.has(category) }));
  return {
    matchesNow: check.matches,
    tiers: check.tier && { ok: check.tier.ok, chips: tierChips },
    segmentsAll: check.segmentsAll && { ok: check.segmentsAll.ok, chips: segmentChips(audience.segmentsAll) },
    segmentsAny: check.segmentsAny && { ok: check.segmentsAny.ok, chips: segmentChips(audience.segmentsAny) },
    whitespace: check.whitespace && { ok: check.whitespace.ok, chips: whitespaceChips },
    rule: check.rule && toTraceView(check.rule.trace),
  };
}

function channelView(play: PublishedPlay, responses: readonly CampaignResponseFact[]): ChannelView {
  const suggestion = suggestedChannel(play.definition.channel, responses);
  if (suggestion.kind === "fixed") return { label: suggestion.label, fixed: true, evidence: [], note: null };
  const { best } = suggestion;
  const evidence = best.ranking.map((e) => e.summary);
  return best.channel === null ? { label: null, fixed: false, evidence, note: best.reason } : { label: best.label, fixed: false, evidence, note: null };
}

/** The newest outcome of each of the plays on this account, in one query. */
async function latestOutcomes(accountId: number, playIds: number[]): Promise<Map<number, LatestOutcome>> {
  const rows = await db.$queryRaw<OutcomeRow[]>`
    SELECT DISTINCT ON (o.play_id) o.play_id, o.kind::text AS kind, u.name AS by_name, o.at, o.amount::text AS amount, o.reason, o.snooze_until
    FROM play_outcomes o LEFT JOIN users u ON u.id = o.user_id
    WHERE o.account_id = ${accountId} AND o.play_id = ANY(${playIds}::int[])
    ORDER BY o.play_id, o.at DESC, o.id DESC`;
  const latest = new Map<number, LatestOutcome>();
  for (const r of rows) {
    if (!isOutcomeKind(r.kind)) continue;
    latest.set(r.play_id, {
      kind: r.kind,
      label: OUTCOME_KIND_LABELS[r.kind],
      by: r.by_name,
      at: r.at,
      amount: r.amount === null ? null : Number(r.amount),
      reason: r.reason,
      snoozeUntil: r.snooze_until ? toIsoDate(r.snooze_until) : null,
    });
  }
  return latest;
}
