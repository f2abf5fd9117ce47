import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/access";
import { jsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACCOUNTS_FROM, visibleAccountsSql } from "./account-filters";

/** An account's stored segmentation (tier, score, segments, plays, whitespace) and what its peers are grouped by. */
export interface AccountSegmentationRow {
  id: number;
  industry: string;
  technology_ids: number[] | null;
  tier_id: number | null;
  tier_key: string | null;
  tier_name: string | null;
  tier_color: string | null;
  tier_position: number | null;
  priority_score: number;
  score_value: number;
  score_fit: number;
  score_engagement: number;
  segment_ids: number[] | null;
  whitespace: string[] | null;
  play_ids: number[] | null;
  /** Since when (ms since the epoch) the account is in each of its segments, by segment id (account_segments). */
  segment_since: Record<string, number>;
}

/**
 * The row, or null when the account does not exist or the actor may not see it. Read once per
 * request: the account page's explanations, recommended plays and whitespace each start from it
 * (outside a render, e.g. in a test, React's cache() calls through).
 */
export const accountSegmentationRow = cache(async (actor: Actor, accountId: number): Promise<AccountSegmentationRow | null> => {
  const [row] = await jsonRows<AccountSegmentationRow>(Prisma.sql`
    SELECT a.id, a.industry, a.technology_ids, r.tier_id, t.key AS tier_key, t.name AS tier_name, t.color AS tier_color,
      t.position AS tier_position, r.priority_score, r.score_value, r.score_fit, r.score_engagement,
      r.segment_ids, r.whitespace, r.play_ids,
      (SELECT COALESCE(json_object_agg(s.segment_id, (extract(epoch FROM s.since) * 1000)::float8), '{}')
        FROM account_segments s WHERE s.segment_id = ANY(r.segment_ids) AND s.account_id = a.id) AS segment_since
    FROM ${ACCOUNTS_FROM} LEFT JOIN tiers t ON t.id = r.tier_id
    WHERE a.id = ${accountId} AND ${visibleAccountsSql(actor)}`);
  return row ?? null;
});
