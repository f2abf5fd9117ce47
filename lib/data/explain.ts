import "server-only";
import type { Actor } from "@/lib/auth/access";
import { toIsoDate } from "@/lib/segmentation/dates";
import { assignTier, evaluateRule, type GroupTrace, type TraceNode } from "@/lib/segmentation/evaluate";
import { gapToNextTier, type GapNode } from "@/lib/segmentation/gap";
import { explainScore, normaliseWeights, type ScoreExplanation, type ScoreWeights } from "@/lib/segmentation/score";
import { parseId } from "@/lib/validation/ids";
import { accountSegmentationRow } from "./account-segmentation-row";
import { loadMembershipHistory, type MembershipHistoryEntry } from "./membership-history";
import { requestAccountFacts, sharedNameLookups, sharedPublishedRules, sharedSegmentLooks } from "./shared-lookups";

/** A rule trace for display: each condition with the account's actual value, pass or fail. */
export type TraceView =
  | {
      kind: "condition";
      id: string;
      fieldLabel: string;
      /** "Lifetime value is at least $250,000" */
      description: string;
      /** "$180,000", "On-premise", "no value" */
      actual: string;
      passed: boolean;
    }
  | { kind: "group"; op: "and" | "or"; negate: boolean; passed: boolean; children: TraceView[] };

export type GroupTraceView = Extract<TraceView, { kind: "group" }>;

export interface TierRef {
  key: string;
  name: string;
  color: string;
  /** 1 = top tier. */
  position: number;
}

export interface TierAttempt {
  tier: TierRef;
  matched: boolean;
  trace: GroupTraceView;
  /** Conditions (leaves) passed / total, for a one-line summary. */
  passed: number;
  total: number;
}

export interface TierGap {
  tier: TierRef;
  /** What is missing, as a tree (every child of "all" needed; one child of "any" enough). */
  tree: GapNode | null;
  /** The gap in one paragraph: "Needs lifetime value ≥ $250,000; has $180,000." */
  text: string;
}

export interface TierExplanation {
  /** Null when no tier scheme has been published. */
  schemeVersion: number | null;
  /** Every tier of the published scheme, top first. */
  tiers: TierRef[];
  /** The stored tier (account_segmentation.tier_id): what lists, filters and the matrix use. */
  current: TierRef | null;
  /** The tier today's evaluation assigns; differs from `current` only until the next recompute. */
  evaluated: TierRef | null;
  /** Tiers tried in order, up to and including the matching one. */
  attempts: TierAttempt[];
  /** The gap to the tier just above the evaluated one; null at the top tier or without a scheme. */
  gap: TierGap | null;
}

export interface SegmentExplanation {
  id: number;
  name: string;
  color: string;
  kind: string;
  version: number;
  /** Stored membership (account_segments). */
  member: boolean;
  memberSince: Date | null;
  /** Whether today's evaluation matches (differs from `member` only until the next recompute). */
  matchesNow: boolean;
  trace: GroupTraceView;
}

export interface ScoreExplanationView {
  priority: number;
  /** Normalised to sum to 1, as the score uses them. */
  weights: ScoreWeights;
  components: ScoreExplanation[];
  /** The ideal customer profile's top-level criteria (each one is a share of fit); null when none is set. */
  idealProfile: { criteria: TraceView[]; met: number; total: number } | null;
}

export interface AccountExplanation {
  accountId: number;
  /** The one evaluation date of every trace ("YYYY-MM-DD"). */
  asOf: string;
  tier: TierExplanation;
  segments: SegmentExplanation[];
  score: ScoreExplanationView;
  history: MembershipHistoryEntry[];
}

/**
 * Why an account is where it is: the tier scheme's trace and the gap to the next tier up, every
 * published segment's trace, the score's breakdown and the membership ledger. Null when the
 * account does not exist or the actor may not see it (indistinguishable on purpose).
 */
export async function explainAccount(actor: Actor, accountId: number): Promise<AccountExplanation | null> {
  if (parseId(accountId) === null) return null;
  const asOf = new Date();
  // Read side by side with the access check (one round trip on the page's path, not two); nothing
  // read is returned unless the account is the actor's to see.
  const [account, { scheme, segments, scoring }, facts, lookups, meta, history] = await Promise.all([
    accountSegmentationRow(actor, accountId),
    sharedPublishedRules(),
    requestAccountFacts(accountId),
    sharedNameLookups(),
    sharedSegmentLooks(),
    loadMembershipHistory(accountId),
  ]);
  if (!account) return null;
  // The account was visible a moment ago; a concurrent delete makes it simply not found.
  if (!facts) return null;

  const current: TierRef | null = account.tier_key
    ? { key: account.tier_key, name: account.tier_name ?? account.tier_key, color: account.tier_color ?? "#64748b", position: account.tier_position ?? 0 }
    : null;

  // Tier: first matching tier wins; the trace covers every tier tried.
  const tiers: TierRef[] = (scheme?.tiers ?? []).map((t, i) => ({ key: t.key, name: t.name, color: t.color, position: i + 1 }));
  const tierByKey = new Map(tiers.map((t) => [t.key, t]));
  const assignment = assignTier(scheme?.tiers ?? [], facts, asOf, lookups);
  const next = gapToNextTier(assignment, tiers.map((t) => t.key), lookups);
  const nextTier = next ? tierByKey.get(next.tierKey) : undefined;
  const tier: TierExplanation = {
    schemeVersion: scheme?.version ?? null,
    tiers,
    current,
    evaluated: assignment.tierKey ? (tierByKey.get(assignment.tierKey) ?? null) : null,
    attempts: assignment.tried.flatMap((tried) => {
      const ref = tierByKey.get(tried.key);
      if (!ref) return [];
      const trace = toTraceView(tried.trace);
      return [{ tier: ref, matched: tried.matched, trace, ...countLeaves(trace) }];
    }),
    gap: next && nextTier ? { tier: nextTier, tree: next.gap.tree, text: next.gap.text } : null,
  };

  // Segments: stored membership next to today's trace.
  const since = new Map(Object.entries(account.segment_since).map(([segmentId, ms]) => [Number(segmentId), new Date(ms)]));
  const segmentViews: SegmentExplanation[] = segments
    .map((segment) => {
      const { matched, trace } = evaluateRule(segment.rule, facts, asOf, lookups);
      return {
        id: segment.id,
        name: segment.name,
        color: meta.get(segment.id)?.color ?? "#6366f1",
        kind: meta.get(segment.id)?.kind ?? "TECHNOGRAPHIC",
        version: segment.version,
        member: since.has(segment.id),
        memberSince: since.get(segment.id) ?? null,
        matchesNow: matched,
        trace: toTraceView(trace),
      };
    })
    .sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name));

  // Score: the stored components with the weights and the ideal profile that produced them.
  const breakdown = {
    value: account.score_value,
    fit: account.score_fit,
    engagement: account.score_engagement,
    total: account.priority_score,
  };
  const ideal = scoring.idealProfile;
  const idealTrace = ideal && ideal.children.length > 0 ? toTraceView(evaluateRule(ideal, facts, asOf, lookups).trace) : null;
  const score: ScoreExplanationView = {
    priority: account.priority_score,
    weights: normaliseWeights(scoring.weights),
    components: explainScore(breakdown, scoring.weights, ideal),
    idealProfile: idealTrace
      ? { criteria: idealTrace.children, met: idealTrace.children.filter((c) => c.passed).length, total: idealTrace.children.length }
      : null,
  };

  return { accountId, asOf: toIsoDate(asOf), tier, segments: segmentViews, score, history };
}

/**
 * The engine's trace without the rule objects it carries: only what the page shows. Every rule
 * explanation (tiers, segments, the ideal profile, a play's audience rule) goes through it.
 */
export function toTraceView(trace: GroupTrace): GroupTraceView;
export function toTraceView(trace: TraceNode): TraceView;
export function toTraceView(trace: TraceNode): TraceView {
  if (trace.kind === "condition") {
    return {
      kind: "condition",
      id: trace.id,
      fieldLabel: trace.fieldLabel,
      description: trace.description,
      actual: trace.actualDisplay,
      passed: trace.passed,
    };
  }
  return { kind: "group", op: trace.op, negate: trace.negate, passed: trace.passed, children: trace.children.map((c) => toTraceView(c)) };
}

function countLeaves(node: TraceView): { passed: number; total: number } {
  if (node.kind === "condition") return { passed: node.passed ? 1 : 0, total: 1 };
  return node.children.map(countLeaves).reduce((sum, c) => ({ passed: sum.passed + c.passed, total: sum.total + c.total }), { passed: 0, total: 0 });
}
