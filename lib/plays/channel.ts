/**
 * "Best channel for this account", from its campaign responses, with the evidence shown to the rep.
 *
 * The rule, meant to be explained in one sentence:
 * - each response scores its outcome's weight (OUTCOME_WEIGHTS): the further down the funnel,
 *   the more it counts (an open 1, a registration 3, a meeting booked 6, a conversion 8);
 *   "no response" and "unsubscribed" score nothing;
 * - a channel whose latest response is an unsubscribe is not suggested (the account asked not to
 *   be contacted that way), whatever it scored before;
 * - the channel with the highest total wins; a tie goes to the channel with the most recent
 *   engaged response, then to the channel listed first in the schema (so the answer is stable).
 * Callers decide the window (e.g. pass only the last 24 months of responses).
 */
import { CampaignChannel, CampaignOutcome } from "@/lib/generated/prisma/enums";
import { enumLabel } from "@/lib/domain/enums";
import { toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import { lowerFirst } from "@/lib/segmentation/format";
import { NON_RESPONSE_OUTCOMES } from "@/lib/segmentation/options";
import { formatDate, plural } from "@/lib/utils/format";
import { BEST_CHANNEL, type ChannelChoice } from "@/lib/plays/kinds";

export interface CampaignResponseFact {
  channel: CampaignChannel;
  /** A Date from Prisma (a `date` column: its UTC day) or "YYYY-MM-DD". */
  respondedAt: Date | IsoDate;
  outcome: CampaignOutcome;
}

export const OUTCOME_WEIGHTS: Readonly<Record<CampaignOutcome, number>> = {
  NO_RESPONSE: 0,
  OPENED: 1,
  CLICKED: 2,
  REGISTERED: 3,
  ATTENDED: 4,
  REPLIED: 4,
  MEETING_BOOKED: 6,
  CONVERTED: 8,
  UNSUBSCRIBED: 0,
};

const CHANNEL_ORDER: readonly CampaignChannel[] = Object.values(CampaignChannel);
// Strongest first: the order outcomes are listed in the evidence.
const OUTCOME_ORDER: readonly CampaignOutcome[] = Object.values(CampaignOutcome).sort((a, b) => OUTCOME_WEIGHTS[b] - OUTCOME_WEIGHTS[a]);

export interface ChannelEvidence {
  channel: CampaignChannel;
  label: string;
  /** Sum of OUTCOME_WEIGHTS over the channel's responses. */
  score: number;
  /** Responses that show engagement (every outcome but no response and unsubscribed). */
  responses: number;
  /** Every response on the channel, engaged or not. */
  total: number;
  /** How many responses had each outcome (outcomes that never occurred are absent). */
  outcomes: Partial<Record<CampaignOutcome, number>>;
  /** The latest engaged response, or null when there is none. */
  lastResponseAt: IsoDate | null;
  /** The date of the unsubscribe when it is the channel's latest response; null otherwise. */
  optedOutAt: IsoDate | null;
  /** "Webinar: 3 responses, 2 registered, 1 attended, last 12 Mar 2026". */
  summary: string;
}

/** Every channel the account has responses on, best first (opted-out channels last). */
export type BestChannel =
  | { channel: CampaignChannel; label: string; evidence: ChannelEvidence; ranking: ChannelEvidence[] }
  | { channel: null; reason: string; ranking: ChannelEvidence[] };

export function bestChannel(responses: readonly CampaignResponseFact[]): BestChannel {
  const ranking = CHANNEL_ORDER.map((channel) => evidenceFor(channel, responses.filter((r) => r.channel === channel)))
    .filter((evidence): evidence is ChannelEvidence => evidence !== null)
    .sort(compareEvidence);
  const best = ranking[0];
  if (best && best.optedOutAt === null && best.score > 0) return { channel: best.channel, label: best.label, evidence: best, ranking };
  return { channel: null, reason: noBestReason(responses.length, ranking), ranking };
}

export type SuggestedChannel =
  | { kind: "fixed"; channel: CampaignChannel; label: string }
  | { kind: "best"; best: BestChannel };

/** A play's channel setting for one account: the fixed channel, or the account's best one. */
export function suggestedChannel(choice: ChannelChoice, responses: readonly CampaignResponseFact[]): SuggestedChannel {
  if (choice === BEST_CHANNEL) return { kind: "best", best: bestChannel(responses) };
  return { kind: "fixed", channel: choice, label: enumLabel("campaignChannel", choice) };
}

function evidenceFor(channel: CampaignChannel, responses: readonly CampaignResponseFact[]): ChannelEvidence | null {
  if (responses.length === 0) return null;
  const outcomes: Partial<Record<CampaignOutcome, number>> = {};
  let score = 0;
  let engaged = 0;
  let lastResponseAt: IsoDate | null = null;
  let latest: { at: IsoDate; unsubscribed: boolean } | null = null;
  for (const response of responses) {
    const at = typeof response.respondedAt === "string" ? response.respondedAt : toIsoDate(response.respondedAt);
    outcomes[response.outcome] = (outcomes[response.outcome] ?? 0) + 1;
    score += OUTCOME_WEIGHTS[response.outcome];
    const unsubscribed = response.outcome === CampaignOutcome.UNSUBSCRIBED;
    if (!NON_RESPONSE_OUTCOMES.includes(response.outcome)) {
      engaged += 1;
      if (lastResponseAt === null || at > lastResponseAt) lastResponseAt = at;
    }
    // On the same day an unsubscribe outweighs anything else: when in doubt, respect the opt-out.
    if (latest === null || at > latest.at || (at === latest.at && unsubscribed)) latest = { at, unsubscribed };
  }
  const label = enumLabel("campaignChannel", channel);
  const optedOutAt = latest?.unsubscribed ? latest.at : null;
  const evidence = { channel, label, score, responses: engaged, total: responses.length, outcomes, lastResponseAt, optedOutAt };
  return { ...evidence, summary: summarize(evidence) };
}

function summarize(evidence: Omit<ChannelEvidence, "summary">): string {
  if (evidence.optedOutAt !== null) return `${evidence.label}: unsubscribed ${formatDate(evidence.optedOutAt)}`;
  if (evidence.responses === 0) return `${evidence.label}: no engagement in ${plural(evidence.total, "campaign")}`;
  const counts = OUTCOME_ORDER.filter((outcome) => !NON_RESPONSE_OUTCOMES.includes(outcome) && evidence.outcomes[outcome])
    .map((outcome) => outcomeCount(outcome, evidence.outcomes[outcome] ?? 0));
  return [`${evidence.label}: ${plural(evidence.responses, "response")}`, ...counts, `last ${formatDate(evidence.lastResponseAt)}`].join(", ");
}

/** "2 registered", "1 meeting booked", "2 meetings booked". */
function outcomeCount(outcome: CampaignOutcome, count: number): string {
  if (outcome === CampaignOutcome.MEETING_BOOKED) return `${plural(count, "meeting")} booked`;
  return `${count} ${lowerFirst(enumLabel("campaignOutcome", outcome))}`;
}

function compareEvidence(a: ChannelEvidence, b: ChannelEvidence): number {
  const optedOut = Number(a.optedOutAt !== null) - Number(b.optedOutAt !== null);
  if (optedOut !== 0) return optedOut;
  if (a.score !== b.score) return b.score - a.score;
  const recency = (b.lastResponseAt ?? "").localeCompare(a.lastResponseAt ?? "");
  if (recency !== 0) return recency;
  return CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel);
}

function noBestReason(total: number, ranking: readonly ChannelEvidence[]): string {
  if (total === 0) return "No campaign responses on record.";
  const optedOut = ranking.filter((evidence) => evidence.optedOutAt !== null && evidence.score > 0);
  if (optedOut.length > 0 && ranking.every((evidence) => evidence.optedOutAt !== null || evidence.score === 0)) {
    return `It engaged only on channels it has since unsubscribed from (${optedOut.map((e) => e.label).join(", ")}).`;
  }
  const responses = total === 1 ? "Its one campaign response shows" : `None of its ${plural(total, "campaign response")} shows`;
  return `${responses} ${total === 1 ? "no" : "any"} engagement (only no response or unsubscribed).`;
}
