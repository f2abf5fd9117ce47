/**
 * A rep's day plan (/today): every (account, play) pair where the rep owns the account and the
 * account is in the audience of a running published play (account_segmentation.play_ids), minus
 * pairs whose newest outcome takes them off the list (any outcome, except a snooze whose date
 * has come), ranked by tier, score, play priority, then account id, cut at the rep's daily
 * capacity. One SQL statement finds the pairs and counts them; the shown items then need their
 * facts (for the pitch) and campaign responses (for the best channel), one query each.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { loadAccountFacts } from "@/lib/db/account-facts";
import { loadPublishedPlays, type PublishedPlay } from "@/lib/db/membership/plays";
import { accountWhereSql } from "@/lib/data/account-filters";
import { loadNameLookups } from "@/lib/data/rules/context";
import { sharedAggregate } from "@/lib/data/aggregate-cache";
import { sharedNameLookups, sharedPublishedPlays } from "@/lib/data/shared-lookups";
import { isPlayRunning } from "@/lib/plays/definition";
import { suggestedChannel, type SuggestedChannel } from "@/lib/plays/channel";
import { BEST_CHANNEL, type PlayKind } from "@/lib/plays/kinds";
import { renderTemplateSource } from "@/lib/plays/template-render";
import { toIsoDate } from "@/lib/segmentation/dates";
import type { TodayQuery } from "@/lib/validation/today-query";
import { responsesByAccount } from "./responses";
import { resolveTodayRep, type TodayViewer } from "./today-rep";

export interface WorklistItem {
  account: { id: number; name: string; domain: string; tier: { name: string; color: string } | null; score: number; lifetimeValue: number };
  play: { id: number; name: string; kind: PlayKind; goal: string; priority: number };
  /** The rendered pitch's first line, shortened (plain text: React escapes it). */
  pitch: string;
  channel: ChannelView;
}

/** The suggested channel as the worklist shows it: a label and, for "best", the evidence behind it. */
export interface ChannelView {
  label: string;
  evidence: string | null;
  best: boolean;
}

export interface Worklist {
  viewer: TodayViewer;
  /** The items: the first `capacity` open pairs. */
  capacity: number;
  items: WorklistItem[];
  /** Open pairs in the rep's whole book that match the filters ("20 of 148 for today"). */
  open: number;
  /** Pairs in a running play's audience that match the filters, done or not (tells "all done" from "none"). */
  inAudience: number;
  /** Running published plays, by name: the play filter's choices; none means there is nothing to plan yet. */
  plays: { id: number; name: string }[];
}

/** Longest pitch excerpt, in characters. */
export const PITCH_EXCERPT_LENGTH = 220;

/** The first non-empty line of a rendered pitch, cut at a word boundary with "…" when too long. */
export function pitchExcerpt(text: string, max = PITCH_EXCERPT_LENGTH): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? "";
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  // Ends on a whole word when the next character is a space or punctuation; else back to the last space.
  const wholeWord = /[\s,;:.!?]/.test(line.charAt(max - 1));
  const space = cut.lastIndexOf(" ");
  return `${(wholeWord || space <= max / 2 ? cut : cut.slice(0, space)).replace(/[\s,;:.]+$/, "")}…`;
}

export function channelView(suggested: SuggestedChannel): ChannelView {
  if (suggested.kind === "fixed") return { label: suggested.label, evidence: null, best: false };
  const { best } = suggested;
  if (best.channel === null) return { label: "No clear channel", evidence: best.reason, best: true };
  return { label: best.label, evidence: best.evidence.summary, best: true };
}

interface PairRow {
  open_total: number;
  in_audience: number;
  account_id: number | null;
  play_id: number | null;
  name: string | null;
  domain: string | null;
  lifetime_value: Prisma.Decimal | null;
  priority_score: number | null;
  tier_name: string | null;
  tier_color: string | null;
}

/**
 * The ranked open pairs (at most `limit`) and the counts, in one statement. The pairs are the
 * rep's accounts (owner index) whose play_ids overlap the running plays, one row per play; the
 * newest outcome per pair is one probe of play_outcomes (account_id, play_id, at DESC).
 */
function rankedPairsSql(repId: string, plays: readonly Pick<PublishedPlay, "id" | "definition">[], query: Pick<TodayQuery, "tier" | "segment">, today: string, limit: number): Prisma.Sql {
  const ids = plays.map((p) => p.id);
  const priorities = plays.map((p) => p.definition.priority);
  // The filters of the accounts list (tier by rank, segment), scoped to the accounts the rep owns.
  const where = accountWhereSql({ id: repId, role: "REP" }, { tier: query.tier, segment: query.segment });
  return Prisma.sql`
    WITH done AS (
      -- The rep's pairs whose newest outcome takes them off the list (a few thousand rows at most:
      -- one hash, instead of one index probe per pair).
      SELECT account_id, play_id FROM (
        SELECT DISTINCT ON (o.account_id, o.play_id) o.account_id, o.play_id, o.kind, o.snooze_until
        FROM play_outcomes o JOIN accounts oa ON oa.id = o.account_id
        WHERE oa.owner_id = ${repId} AND o.play_id = ANY(${ids}::int[])
        ORDER BY o.account_id, o.play_id, o.at DESC, o.id DESC
      ) newest WHERE newest.kind <> 'SNOOZED' OR newest.snooze_until > ${today}::date
    ), pairs AS MATERIALIZED (
      SELECT r.account_id, r.tier_id, r.tier_rank, r.priority_score, p.play_id, p.priority, d.account_id IS NULL AS open
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
        CROSS JOIN LATERAL unnest(r.play_ids) AS x(play_id)
        JOIN unnest(${ids}::int[], ${priorities}::int[]) AS p(play_id, priority) ON p.play_id = x.play_id
        LEFT JOIN done d ON d.account_id = r.account_id AND d.play_id = p.play_id
      WHERE r.play_ids && ${ids}::int[] AND ${where}
    ), counts AS (
      SELECT count(*)::int AS in_audience, (count(*) FILTER (WHERE open))::int AS open_total FROM pairs
    )
    SELECT c.in_audience, c.open_total, top.account_id, top.play_id, a.name, a.domain, a.lifetime_value, top.priority_score,
      t.name AS tier_name, t.color AS tier_color
    FROM counts c
      LEFT JOIN LATERAL (
        SELECT * FROM pairs WHERE open
        ORDER BY tier_rank ASC, priority_score DESC, priority DESC, account_id ASC, play_id ASC LIMIT ${limit}
      ) top ON TRUE
      LEFT JOIN accounts a ON a.id = top.account_id
      LEFT JOIN tiers t ON t.id = top.tier_id
    ORDER BY top.tier_rank ASC, top.priority_score DESC, top.priority DESC, top.account_id ASC, top.play_id ASC`;
}

/** Published plays running today, by name. */
async function runningPlays(today: string, shared: boolean): Promise<PublishedPlay[]> {
  const plays = shared ? await sharedPublishedPlays() : await loadPublishedPlays(db);
  return plays.filter((p) => isPlayRunning(p.definition, today)).sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
}

/**
 * The day plan of the rep the actor may see (their own, or for a manager or admin the rep in
 * `query.rep`), with the play, tier and segment filters of the URL. `shared` (the page): the plan
 * is shared with other requests for the same rep, filters and day under the data stamp
 * (lib/data/aggregate-cache.ts; recording an outcome changes it: play_outcomes is watched), so a
 * rep reloading /today, or their manager looking at it, does not rank the rep's book again.
 */
export async function getWorklist(actor: Actor, query: TodayQuery, now = new Date(), options: { shared?: boolean } = {}): Promise<Worklist> {
  const today = toIsoDate(now);
  const shared = options.shared ?? false;
  const [viewer, running] = await Promise.all([resolveTodayRep(actor, query.rep), runningPlays(today, shared)]);
  const plays = running.map((p) => ({ id: p.id, name: p.name }));
  const rep = viewer.rep;
  const capacity = rep?.dailyCapacity ?? 0;
  const chosen = query.play.length ? running.filter((p) => query.play.includes(p.id)) : running;
  if (!rep || chosen.length === 0) return { viewer, capacity, items: [], open: 0, inAudience: 0, plays };

  const plan = () => dayPlan(rep.id, chosen, query, now, capacity, shared);
  const key = [rep.id, today, capacity, chosen.map((p) => p.id).join(","), query.tier.join(","), query.segment.join(",")].join("|");
  const planned = shared ? await sharedAggregate(`worklist:${key}`, plan) : await plan();
  return { viewer, capacity, ...planned, plays };
}

/** The ranked open pairs with their pitch and channel, and the counts. */
async function dayPlan(
  repId: string,
  chosen: readonly PublishedPlay[],
  query: TodayQuery,
  now: Date,
  capacity: number,
  shared: boolean,
): Promise<Pick<Worklist, "items" | "open" | "inAudience">> {
  const rows = await db.$queryRaw<PairRow[]>(rankedPairsSql(repId, chosen, query, toIsoDate(now), capacity));
  const first = rows[0];
  const pairs = rows.filter((r): r is PairRow & { account_id: number; play_id: number } => r.account_id !== null && r.play_id !== null);
  const byId = new Map(chosen.map((p) => [p.id, p]));
  const accountIds = [...new Set(pairs.map((r) => r.account_id))];
  const bestIds = [...new Set(pairs.filter((r) => byId.get(r.play_id)?.definition.channel === BEST_CHANNEL).map((r) => r.account_id))];
  const [facts, responses, lookups] = await Promise.all([
    loadAccountFacts(db, accountIds),
    responsesByAccount(bestIds, now),
    shared ? sharedNameLookups() : loadNameLookups(),
  ]);

  const items = pairs.flatMap((row): WorklistItem[] => {
    const play = byId.get(row.play_id);
    const accountFacts = facts.get(row.account_id);
    if (!play || !accountFacts) return [];
    const tier = row.tier_name ? { name: row.tier_name, color: row.tier_color ?? "#64748b" } : null;
    const { definition } = play;
    const pitch = renderTemplateSource(definition.pitch, accountFacts, { asOf: now, lookups, tierName: tier?.name ?? null });
    return [
      {
        account: { id: row.account_id, name: row.name ?? "", domain: row.domain ?? "", tier, score: row.priority_score ?? 0, lifetimeValue: Number(row.lifetime_value ?? 0) },
        play: { id: play.id, name: play.name, kind: definition.kind, goal: definition.goal, priority: definition.priority },
        pitch: pitchExcerpt(pitch),
        channel: channelView(suggestedChannel(definition.channel, responses.get(row.account_id) ?? [])),
      },
    ];
  });
  return { items, open: first?.open_total ?? 0, inAudience: first?.in_audience ?? 0 };
}
