/**
 * An account's history as the account page shows it: every entry to and exit from a tier, segment
 * or play (the membership_events ledger) and every outcome reps recorded on its plays
 * (play_outcomes), merged newest first, each with its reason.
 * Not a permission boundary: explainAccount checks the account is visible first.
 */
import "server-only";
import { jsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipReason } from "@/lib/db/membership/types";
import { isOutcomeKind, OUTCOME_KIND_LABELS, type OutcomeKind } from "@/lib/plays/kinds";
import { formatDate, formatMoney } from "@/lib/utils/format";

/** Newest entries shown on the account page. */
export const HISTORY_LIMIT = 50;

export const MEMBERSHIP_REASON_LABELS: Record<MembershipReason, string> = {
  RULE_PUBLISHED: "Rule published",
  RULE_RESTORED: "Rule restored",
  DATA_CHANGE: "Data change",
  IMPORT: "Import",
};

/** A ledger row: the account entered or left a tier, a segment or a play. */
export interface LedgerHistoryEntry {
  id: string;
  at: Date;
  scope: "TIER" | "SEGMENT" | "PLAY";
  change: "ENTERED" | "LEFT";
  /** TIER: the tier entered (null when the account left every tier); SEGMENT: null. */
  tier: { name: string; color: string } | null;
  /** TIER: the tier the account came from, if any. */
  fromTier: { name: string; color: string } | null;
  /** SEGMENT: the segment entered or left. */
  segment: { id: number; name: string; color: string } | null;
  /** PLAY: the play entered or left (ruleVersion is the play's version). */
  play: { id: number; name: string } | null;
  reason: MembershipReason;
  reasonLabel: string;
  ruleVersion: number | null;
  detail: string | null;
}

/** An outcome a rep recorded for this account on one of its plays. */
export interface OutcomeHistoryEntry {
  id: string;
  at: Date;
  scope: "OUTCOME";
  outcome: OutcomeKind;
  /** "Meeting booked" */
  outcomeLabel: string;
  play: { id: number; name: string };
  playVersion: number;
  /** Who recorded it; null when that user was deleted. */
  by: string | null;
  /** WON: the amount in dollars. */
  amount: number | null;
  /** LOST / NOT_A_FIT: why; CONTACTED / MEETING_BOOKED: the optional note. */
  reason: string | null;
  /** SNOOZED: the day it comes back ("YYYY-MM-DD"). */
  snoozeUntil: string | null;
  /** What it carried, in a line: "Amount won: $48,000", "Snoozed until 20 Mar 2026", the reason or note. */
  detail: string | null;
}

export type MembershipHistoryEntry = LedgerHistoryEntry | OutcomeHistoryEntry;

/** A ledger row as the history statement returns it (JSON: ids as text, times as epoch ms). */
interface HistoryRow {
  id: string;
  at_ms: number;
  scope: string;
  change: string;
  reason: string;
  rule_version: number | null;
  detail: string | null;
  tier_name: string | null;
  tier_color: string | null;
  from_name: string | null;
  from_color: string | null;
  segment_id: number | null;
  segment_name: string | null;
  segment_color: string | null;
  play_id: number | null;
  play_name: string | null;
}

/** An outcome as the history statement returns it (snooze_until a "YYYY-MM-DD" date). */
interface OutcomeRow {
  id: string;
  at_ms: number;
  kind: string;
  play_id: number;
  play_name: string;
  play_version: number;
  by_name: string | null;
  amount: string | null;
  reason: string | null;
  snooze_until: string | null;
}

/**
 * The newest HISTORY_LIMIT entries of one account: ledger rows and outcomes together, read in one
 * statement (each side as a JSON array, newest first), read directly (lib/db/json-rows.ts).
 */
export async function loadMembershipHistory(accountId: number): Promise<MembershipHistoryEntry[]> {
  const [row] = await jsonRows<{ ledger: HistoryRow[]; outcomes: OutcomeRow[] }>(Prisma.sql`
    SELECT
      (SELECT COALESCE(json_agg(x ORDER BY x.at_ms DESC, x.n DESC), '[]') FROM (
        SELECT m.id AS n, m.id::text AS id, (extract(epoch FROM m.at) * 1000)::float8 AS at_ms, m.scope, m.change, m.reason,
               m.rule_version, m.detail, t.name AS tier_name, t.color AS tier_color, f.name AS from_name, f.color AS from_color,
               s.id AS segment_id, s.name AS segment_name, s.color AS segment_color, m.play_id, p.name AS play_name
        FROM membership_events m
          LEFT JOIN tiers t ON t.id = m.tier_id
          LEFT JOIN tiers f ON f.id = m.from_tier_id
          LEFT JOIN segments s ON s.id = m.segment_id
          LEFT JOIN plays p ON p.id = m.play_id
        WHERE m.account_id = ${accountId}
        ORDER BY m.at DESC, m.id DESC
        LIMIT ${HISTORY_LIMIT}) x) AS ledger,
      (SELECT COALESCE(json_agg(y ORDER BY y.at_ms DESC, y.n DESC), '[]') FROM (
        SELECT o.id AS n, o.id::text AS id, (extract(epoch FROM o.at) * 1000)::float8 AS at_ms, o.kind::text AS kind, o.play_id,
               p.name AS play_name, o.play_version, u.name AS by_name, o.amount::text AS amount, o.reason, o.snooze_until
        FROM play_outcomes o
          JOIN plays p ON p.id = o.play_id
          LEFT JOIN users u ON u.id = o.user_id
        WHERE o.account_id = ${accountId}
        ORDER BY o.at DESC, o.id DESC
        LIMIT ${HISTORY_LIMIT}) y) AS outcomes`);
  const ledger = (row?.ledger ?? []).map(ledgerEntry);
  const outcomes = (row?.outcomes ?? []).flatMap(outcomeEntry);
  // Outcomes first: on an equal timestamp the (stable) sort lists the outcome above the ledger rows.
  return [...outcomes, ...ledger].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, HISTORY_LIMIT);
}

function ledgerEntry(r: HistoryRow): LedgerHistoryEntry {
  const reason = (r.reason in MEMBERSHIP_REASON_LABELS ? r.reason : "DATA_CHANGE") as MembershipReason;
  return {
    id: r.id,
    at: new Date(r.at_ms),
    scope: r.scope === "SEGMENT" || r.scope === "PLAY" ? r.scope : "TIER",
    change: r.change === "LEFT" ? "LEFT" : "ENTERED",
    tier: r.tier_name ? { name: r.tier_name, color: r.tier_color ?? "#64748b" } : null,
    fromTier: r.from_name ? { name: r.from_name, color: r.from_color ?? "#64748b" } : null,
    segment: r.segment_id !== null ? { id: r.segment_id, name: r.segment_name ?? `Segment ${r.segment_id}`, color: r.segment_color ?? "#6366f1" } : null,
    play: r.play_id !== null ? { id: r.play_id, name: r.play_name ?? `Play ${r.play_id}` } : null,
    reason,
    reasonLabel: MEMBERSHIP_REASON_LABELS[reason],
    ruleVersion: r.rule_version,
    detail: r.detail,
  };
}

function outcomeEntry(r: OutcomeRow): OutcomeHistoryEntry[] {
  if (!isOutcomeKind(r.kind)) return [];
  const amount = r.amount === null ? null : Number(r.amount);
  const snoozeUntil = r.snooze_until;
  return [
    {
      id: `outcome-${r.id}`,
      at: new Date(r.at_ms),
      scope: "OUTCOME" as const,
      outcome: r.kind,
      outcomeLabel: OUTCOME_KIND_LABELS[r.kind],
      play: { id: r.play_id, name: r.play_name },
      playVersion: r.play_version,
      by: r.by_name,
      amount,
      reason: r.reason,
      snoozeUntil,
      detail: amount !== null ? `Amount won: ${formatMoney(amount)}` : snoozeUntil !== null ? `Snoozed until ${formatDate(snoozeUntil)}` : r.reason,
    },
  ];
}
