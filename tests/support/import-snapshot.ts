/**
 * Everything an import can change, read in a form two databases built differently can be
 * compared in: rows keyed by domain (not ids: a rolled-back reference run uses up sequence
 * values), tiers, segments and plays by key or name, no timestamps of when a row was written.
 */
import type { db } from "@/lib/db/client";

type Executor = Pick<typeof db, "$queryRawUnsafe">;

export interface ImportSnapshot {
  accounts: unknown[];
  orders: unknown[];
  technologies: unknown[];
  segmentation: unknown[];
  ledger: unknown[];
}

const rows = (executor: Executor, sql: string) => executor.$queryRawUnsafe<{ r: string }[]>(`SELECT t::text AS r FROM (${sql}) t ORDER BY 1`).then((found) => found.map((x) => x.r));

export async function importSnapshot(executor: Executor): Promise<ImportSnapshot> {
  return {
    accounts: await rows(
      executor,
      `SELECT a.domain, a.name, a.industry, a.country, a.region, a.employee_count, a.annual_revenue, u.email AS owner, a.potential,
              a.loyalty_status, a.usage_rate, a.journey_stage, a.benefits_sought, a.hosting_preference, a.device_preference, a.tech_adoption,
              a.technology_ids = (SELECT coalesce(array_agg(t.technology_id ORDER BY t.technology_id), '{}') FROM account_technologies t WHERE t.account_id = a.id) AS technology_ids_in_step,
              a.lifetime_value, a.order_count, a.avg_order_value, a.orders_12m, a.first_order_at, a.last_order_at,
              a.engagement_30d, a.engagement_90d, a.engagement_score, GREATEST(a.metrics_as_of, (SELECT day FROM metrics_refresh)) AS metrics_as_of
       FROM accounts a LEFT JOIN users u ON u.id = a.owner_id`,
    ),
    orders: await rows(executor, "SELECT a.domain, o.external_id, o.ordered_at, o.amount, o.product_line FROM orders o JOIN accounts a ON a.id = o.account_id"),
    technologies: await rows(
      executor,
      `SELECT a.domain, tc.name, t.first_detected_at, t.last_detected_at, t.confidence
       FROM account_technologies t JOIN accounts a ON a.id = t.account_id JOIN technologies tc ON tc.id = t.technology_id`,
    ),
    segmentation: await rows(
      executor,
      `SELECT a.domain, tr.key AS tier, r.tier_rank, r.priority_score, r.score_value, r.score_fit, r.score_engagement,
              (SELECT array_agg(g.name ORDER BY g.name) FROM segments g WHERE g.id = ANY(r.segment_ids)) AS segments,
              (SELECT array_agg(g.name ORDER BY g.name) FROM account_segments s JOIN segments g ON g.id = s.segment_id WHERE s.account_id = a.id) AS segment_rows,
              r.play_ids, r.whitespace
       FROM account_segmentation r JOIN accounts a ON a.id = r.account_id LEFT JOIN tiers tr ON tr.id = r.tier_id`,
    ),
    ledger: await rows(
      executor,
      `SELECT a.domain, e.scope, e.change, e.reason, e.rule_version, e.detail, t.key AS tier, f.key AS from_tier, g.name AS segment, e.play_id, count(*) AS n
       FROM membership_events e JOIN accounts a ON a.id = e.account_id
       LEFT JOIN tiers t ON t.id = e.tier_id LEFT JOIN tiers f ON f.id = e.from_tier_id LEFT JOIN segments g ON g.id = e.segment_id
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    ),
  };
}
