/**
 * An account's membership ledger (membership_events) as the account page shows it: every entry to
 * and exit from a tier or segment, newest first, with its reason.
 * Not a permission boundary: explainAccount checks the account is visible first.
 */
import "server-only";
import { db } from "@/lib/db/client";
import type { MembershipReason } from "@/lib/db/membership/types";

/** Newest ledger entries shown on the account page. */
export const HISTORY_LIMIT = 50;

export const MEMBERSHIP_REASON_LABELS: Record<MembershipReason, string> = {
  RULE_PUBLISHED: "Rule published",
  RULE_RESTORED: "Rule restored",
  DATA_CHANGE: "Data change",
  IMPORT: "Import",
};

export interface MembershipHistoryEntry {
  id: string;
  at: Date;
  scope: "TIER" | "SEGMENT";
  change: "ENTERED" | "LEFT";
  /** TIER: the tier entered (null when the account left every tier); SEGMENT: null. */
  tier: { name: string; color: string } | null;
  /** TIER: the tier the account came from, if any. */
  fromTier: { name: string; color: string } | null;
  /** SEGMENT: the segment entered or left. */
  segment: { id: number; name: string; color: string } | null;
  reason: MembershipReason;
  reasonLabel: string;
  ruleVersion: number | null;
  detail: string | null;
}

interface HistoryRow {
  id: bigint;
  at: Date;
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
}

/** The newest HISTORY_LIMIT ledger entries of one account. */
export async function loadMembershipHistory(accountId: number): Promise<MembershipHistoryEntry[]> {
  const rows = await db.$queryRaw<HistoryRow[]>`
    SELECT m.id, m.at, m.scope, m.change, m.reason, m.rule_version, m.detail,
           t.name AS tier_name, t.color AS tier_color, f.name AS from_name, f.color AS from_color,
           s.id AS segment_id, s.name AS segment_name, s.color AS segment_color
    FROM membership_events m
      LEFT JOIN tiers t ON t.id = m.tier_id
      LEFT JOIN tiers f ON f.id = m.from_tier_id
      LEFT JOIN segments s ON s.id = m.segment_id
    WHERE m.account_id = ${accountId}
    ORDER BY m.at DESC, m.id DESC
    LIMIT ${HISTORY_LIMIT}`;
  return rows.map((r) => {
    const reason = (r.reason in MEMBERSHIP_REASON_LABELS ? r.reason : "DATA_CHANGE") as MembershipReason;
    return {
      id: r.id.toString(),
      at: r.at,
      scope: r.scope === "SEGMENT" ? "SEGMENT" : "TIER",
      change: r.change === "LEFT" ? "LEFT" : "ENTERED",
      tier: r.tier_name ? { name: r.tier_name, color: r.tier_color ?? "#64748b" } : null,
      fromTier: r.from_name ? { name: r.from_name, color: r.from_color ?? "#64748b" } : null,
      segment: r.segment_id !== null ? { id: r.segment_id, name: r.segment_name ?? `Segment ${r.segment_id}`, color: r.segment_color ?? "#6366f1" } : null,
      reason,
      reasonLabel: MEMBERSHIP_REASON_LABELS[reason],
      ruleVersion: r.rule_version,
      detail: r.detail,
    };
  });
}
