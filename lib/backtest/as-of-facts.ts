/**
 * The point-in-time metrics of one account computed in memory from its dated orders and events,
 * with the definitions of lib/db/metrics.ts (and its engagement weights). The property test checks
 * the SQL of as-of.ts against it, the way it checks the rule compiler against the evaluator.
 */
import { ENGAGEMENT_HALF_LIFE_DAYS, ENGAGEMENT_SCORE_CAP, ENGAGEMENT_WEIGHTS } from "@/lib/db/metrics";
import type { EngagementType } from "@/lib/generated/prisma/enums";
import { addDays, daysBetween, type IsoDate } from "@/lib/segmentation/dates";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { addMonths } from "./options";

export interface DatedOrder {
  orderedAt: IsoDate;
  /** Whole cents, so sums are exact. */
  cents: number;
}

export interface DatedEvent {
  type: EngagementType;
  /** The UTC day the event happened. */
  day: IsoDate;
}

export type AsOfMetrics = Pick<
  AccountFacts,
  "lifetimeValue" | "orderCount" | "avgOrderValue" | "orders12m" | "firstOrderAt" | "lastOrderAt" | "engagement30d" | "engagement90d" | "engagementScore"
>;

export function metricsAsOf(orders: readonly DatedOrder[], events: readonly DatedEvent[], day: IsoDate): AsOfMetrics {
  const before = orders.filter((o) => o.orderedAt <= day);
  const total = before.reduce((sum, o) => sum + o.cents, 0);
  const yearAgo = addMonths(day, -12);
  const dates = before.map((o) => o.orderedAt).sort();
  const recent = events.filter((e) => e.day <= day && e.day >= addDays(day, -89));
  const score = recent.reduce((sum, e) => sum + ENGAGEMENT_WEIGHTS[e.type] * Math.pow(0.5, daysBetween(e.day, day) / ENGAGEMENT_HALF_LIFE_DAYS), 0);
  return {
    lifetimeValue: total / 100,
    orderCount: before.length,
    // round(total / n, 2): cents rounded half away from zero (amounts are positive).
    avgOrderValue: before.length > 0 ? Math.round(total / before.length) / 100 : 0,
    orders12m: before.filter((o) => o.orderedAt > yearAgo).length,
    firstOrderAt: dates[0] ?? null,
    lastOrderAt: dates[dates.length - 1] ?? null,
    engagement30d: recent.filter((e) => e.day >= addDays(day, -29)).length,
    engagement90d: recent.length,
    engagementScore: Math.min(ENGAGEMENT_SCORE_CAP, Math.round(score)),
  };
}
