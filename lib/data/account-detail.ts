import "server-only";
import { cache } from "react";
import type { AccountAttributes } from "@/lib/db/account-attributes";
import { jsonRows } from "@/lib/db/json-rows";
import { daysSinceLastOrderSql, metricsAsOfSql } from "@/lib/db/metrics";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignChannel, CampaignOutcome, EngagementType, TechCategory } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/access";
import { enumValues } from "@/lib/domain/enums";
import { normaliseWeights } from "@/lib/segmentation/score";
import { parseId } from "@/lib/validation/ids";
import { visibleAccountsSql } from "./account-filters";
import { sharedScoring } from "./shared-lookups";

const DAY_MS = 86_400_000;
/** Months of order history the chart shows, the current month included. */
export const ORDER_HISTORY_MONTHS = 36;
const RECENT_ORDERS = 20;
const ENGAGEMENT_WINDOW_DAYS = 90;
const RECENT_EVENTS = 100;
const CAMPAIGN_RESPONSES = 100;

export interface MonthlyOrders {
  /** First day of the month, midnight UTC. */
  month: Date;
  total: number;
  count: number;
}

export interface AccountOrder {
  id: number;
  orderedAt: Date;
  amount: number;
  productLine: string;
}

export interface AccountEvent {
  id: number;
  type: EngagementType;
  occurredAt: Date;
  detail: string | null;
}

export interface AccountTechnologyItem {
  id: number;
  name: string;
  vendor: string;
  firstDetectedAt: Date;
  lastDetectedAt: Date;
  /** 0..1 */
  confidence: number;
}

export interface TechnologyGroup {
  category: TechCategory;
  technologies: AccountTechnologyItem[];
}

export interface AccountCampaignResponse {
  id: number;
  campaign: string;
  channel: CampaignChannel;
  respondedAt: Date;
  outcome: CampaignOutcome;
}

export interface AccountDetail {
  id: number;
  firmographics: Pick<AccountAttributes, "name" | "domain" | "industry" | "country" | "region" | "employeeCount"> & {
    annualRevenue: number;
  };
  owner: { id: string; name: string; email: string } | null;
  value: Pick<AccountAttributes, "orderCount" | "orders12m" | "firstOrderAt" | "lastOrderAt" | "loyaltyStatus"> & {
    lifetimeValue: number;
    avgOrderValue: number;
    daysSinceLastOrder: number | null;
    potential: number;
  };
  behaviour: Pick<AccountAttributes, "usageRate" | "journeyStage" | "benefitsSought" | "engagement30d" | "engagement90d" | "engagementScore">;
  technographics: Pick<AccountAttributes, "hostingPreference" | "devicePreference" | "techAdoption">;
  tier: { key: string; name: string; color: string } | null;
  /**
   * The priority score (0-100) and its components (each 0-100); the priority is their sum
   * weighted by the admin's scoring weights (as shares summing to 1), included so the page can show the arithmetic.
   */
  score: {
    priority: number;
    value: number;
    fit: number;
    engagement: number;
    weights: { value: number; fit: number; engagement: number };
  };
  /** When the derived metrics were last recomputed. */
  metricsAsOf: Date | null;
  orders: {
    /** Every month of the window, oldest first; months without orders have zeros. */
    byMonth: MonthlyOrders[];
    /** Newest first. */
    recent: AccountOrder[];
  };
  engagement: {
    /** Events of the last 90 days, newest first, at most 100. */
    events: AccountEvent[];
    /** Counts over the same 90 days, every type present (zero when none). */
    countsByType: Record<EngagementType, number>;
    windowDays: number;
  };
  /** In catalogue category order; technologies by name. Only categories the account uses. */
  technologies: TechnologyGroup[];
  /** Newest first. */
  campaigns: AccountCampaignResponse[];
}

/** First day of the month `monthsBack` months before `now`'s month, midnight UTC. */
function monthStart(now: Date, monthsBack: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

/** Every month of the window, so the chart shows gaps as zero bars instead of hiding them. */
function fillMonths(now: Date, rows: { month: Date; total: number; count: number }[]): MonthlyOrders[] {
  const byKey = new Map(rows.map((r) => [r.month.toISOString().slice(0, 7), r]));
  return Array.from({ length: ORDER_HISTORY_MONTHS }, (_, i) => {
    const month = monthStart(now, ORDER_HISTORY_MONTHS - 1 - i);
    const row = byKey.get(month.toISOString().slice(0, 7));
    return { month, total: row ? Number(row.total) : 0, count: row ? Number(row.count) : 0 };
  });
}

/** A timestamp or date as json_agg writes it: timestamps without zone are UTC (as Prisma stores them). */
function jsonDate(value: string): Date {
  return new Date(value.length === 10 || /(Z|[+-]\d\d(:?\d\d)?)$/.test(value) ? value : `${value}Z`);
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

type Firmographics = AccountDetail["firmographics"];

/** The detail statement's row: the account's own columns, then its children as JSON arrays. */
interface DetailRow extends Firmographics {
  id: number;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  lifetime_value: number;
  order_count: number;
  avg_order_value: number;
  orders_12m: number;
  /** "YYYY-MM-DD" (date columns, as JSON carries them). */
  first_order_at: string | null;
  last_order_at: string | null;
  days_since_last_order: number | null;
  potential: number;
  loyalty_status: AccountDetail["value"]["loyaltyStatus"];
  usage_rate: AccountDetail["behaviour"]["usageRate"];
  journey_stage: AccountDetail["behaviour"]["journeyStage"];
  benefits_sought: string[];
  engagement_30d: number;
  engagement_90d: number;
  engagement_score: number;
  hosting_preference: AccountDetail["technographics"]["hostingPreference"];
  device_preference: AccountDetail["technographics"]["devicePreference"];
  tech_adoption: AccountDetail["technographics"]["techAdoption"];
  metrics_as_of: string | null;
  tier_key: string | null;
  tier_name: string | null;
  tier_color: string | null;
  priority_score: number | null;
  score_value: number | null;
  score_fit: number | null;
  score_engagement: number | null;
  monthly: { month: string; total: number; count: number }[];
  recent: Json<AccountOrder>[];
  events: Json<AccountEvent>[];
  event_counts: Partial<Record<EngagementType, number>>;
  technologies: (Json<AccountTechnologyItem> & { category: TechCategory })[];
  campaigns: Json<AccountCampaignResponse>[];
}

/**
 * Everything the account page shows, or null when the account does not exist or the
 * actor may not see it (the caller cannot tell which, so ids of others' accounts leak nothing).
 * One statement: the account with its owner, tier and score, and its orders, events, technologies
 * and campaign responses as JSON arrays (one round trip instead of a dozen small queries: on a
 * busy server each query costs more in Node than in PostgreSQL).
 */
export async function getAccountDetail(actor: Actor, id: number): Promise<AccountDetail | null> {
  if (parseId(id) === null) return null;

  const now = new Date();
  const historyFrom = monthStart(now, ORDER_HISTORY_MONTHS - 1).toISOString().slice(0, 10);
  const eventsFrom = new Date(now.getTime() - ENGAGEMENT_WINDOW_DAYS * DAY_MS);
  // The scoring settings (shared, usually already known) are read beside the account, not after it.
  const [[row], scoring] = await Promise.all([jsonRows<DetailRow>(Prisma.sql`
    SELECT a.id, a.name, a.domain, a.industry, a.country, a.region::text AS region, a.employee_count AS "employeeCount",
      a.annual_revenue::float8 AS "annualRevenue", a.lifetime_value::float8 AS lifetime_value, a.order_count,
      a.avg_order_value::float8 AS avg_order_value, a.orders_12m, a.first_order_at, a.last_order_at, ${Prisma.raw(daysSinceLastOrderSql("a"))} AS days_since_last_order,
      a.potential::float8 AS potential, a.loyalty_status::text AS loyalty_status, a.usage_rate::text AS usage_rate,
      a.journey_stage::text AS journey_stage, a.benefits_sought, a.engagement_30d, a.engagement_90d, a.engagement_score,
      a.hosting_preference::text AS hosting_preference, a.device_preference::text AS device_preference,
      a.tech_adoption::text AS tech_adoption, ${Prisma.raw(metricsAsOfSql("a"))} AS metrics_as_of,
      u.id AS owner_id, u.name AS owner_name, u.email AS owner_email,
      t.key AS tier_key, t.name AS tier_name, t.color AS tier_color,
      r.priority_score, r.score_value, r.score_fit, r.score_engagement,
      (SELECT COALESCE(json_agg(m ORDER BY m.month), '[]') FROM (
        SELECT date_trunc('month', o.ordered_at::timestamp)::date AS month, sum(o.amount)::float8 AS total, count(*)::int AS count
        FROM orders o WHERE o.account_id = a.id AND o.ordered_at >= ${historyFrom}::date GROUP BY 1) m) AS monthly,
      (SELECT COALESCE(json_agg(o), '[]') FROM (
        SELECT o.id, o.ordered_at AS "orderedAt", o.amount::float8 AS amount, o.product_line AS "productLine"
        FROM orders o WHERE o.account_id = a.id ORDER BY o.ordered_at DESC, o.id DESC LIMIT ${RECENT_ORDERS}) o) AS recent,
      (SELECT COALESCE(json_agg(e), '[]') FROM (
        SELECT e.id, e.type::text AS type, e.occurred_at AS "occurredAt", e.detail
        FROM engagement_events e WHERE e.account_id = a.id AND e.occurred_at >= ${eventsFrom}
        ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${RECENT_EVENTS}) e) AS events,
      (SELECT COALESCE(json_object_agg(c.type, c.n), '{}') FROM (
        SELECT e.type::text AS type, count(*)::int AS n FROM engagement_events e
        WHERE e.account_id = a.id AND e.occurred_at >= ${eventsFrom} GROUP BY 1) c) AS event_counts,
      (SELECT COALESCE(json_agg(x ORDER BY x.name), '[]') FROM (
        SELECT tech.id, tech.name, tech.vendor, tech.category::text AS category, at.first_detected_at AS "firstDetectedAt",
          at.last_detected_at AS "lastDetectedAt", at.confidence
        FROM account_technologies at JOIN technologies tech ON tech.id = at.technology_id WHERE at.account_id = a.id) x) AS technologies,
      (SELECT COALESCE(json_agg(c), '[]') FROM (
        SELECT c.id, c.campaign, c.channel::text AS channel, c.responded_at AS "respondedAt", c.outcome::text AS outcome
        FROM campaign_responses c WHERE c.account_id = a.id ORDER BY c.responded_at DESC, c.id DESC LIMIT ${CAMPAIGN_RESPONSES}) c) AS campaigns
    FROM accounts a LEFT JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id
      LEFT JOIN users u ON u.id = a.owner_id
    WHERE a.id = ${id} AND ${visibleAccountsSql(actor)}`), sharedScoring()]);
  if (!row) return null;

  const countsByType = Object.fromEntries(enumValues("engagementType").map((t) => [t, row.event_counts[t] ?? 0])) as Record<EngagementType, number>;
  const groups = new Map<TechCategory, AccountTechnologyItem[]>();
  for (const { category, firstDetectedAt, lastDetectedAt, ...t } of row.technologies) {
    const list = groups.get(category) ?? [];
    list.push({ ...t, firstDetectedAt: jsonDate(firstDetectedAt), lastDetectedAt: jsonDate(lastDetectedAt) });
    groups.set(category, list);
  }

  return {
    id: row.id,
    firmographics: {
      name: row.name,
      domain: row.domain,
      industry: row.industry,
      country: row.country,
      region: row.region,
      employeeCount: row.employeeCount,
      annualRevenue: row.annualRevenue,
    },
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? "", email: row.owner_email ?? "" } : null,
    value: {
      lifetimeValue: row.lifetime_value,
      orderCount: row.order_count,
      avgOrderValue: row.avg_order_value,
      orders12m: row.orders_12m,
      firstOrderAt: row.first_order_at === null ? null : jsonDate(row.first_order_at),
      lastOrderAt: row.last_order_at === null ? null : jsonDate(row.last_order_at),
      daysSinceLastOrder: row.days_since_last_order,
      potential: row.potential,
      loyaltyStatus: row.loyalty_status,
    },
    behaviour: {
      usageRate: row.usage_rate,
      journeyStage: row.journey_stage,
      benefitsSought: row.benefits_sought,
      engagement30d: row.engagement_30d,
      engagement90d: row.engagement_90d,
      engagementScore: row.engagement_score,
    },
    technographics: {
      hostingPreference: row.hosting_preference,
      devicePreference: row.device_preference,
      techAdoption: row.tech_adoption,
    },
    tier: row.tier_key ? { key: row.tier_key, name: row.tier_name ?? row.tier_key, color: row.tier_color ?? "#64748b" } : null,
    score: {
      priority: row.priority_score ?? 0,
      value: row.score_value ?? 0,
      fit: row.score_fit ?? 0,
      engagement: row.score_engagement ?? 0,
      // Shares of the total (summing to 1), from the saved weights or the defaults the scorer uses.
      weights: normaliseWeights(scoring.weights),
    },
    metricsAsOf: row.metrics_as_of === null ? null : jsonDate(row.metrics_as_of),
    orders: {
      byMonth: fillMonths(now, row.monthly.map((m) => ({ month: jsonDate(m.month), total: m.total, count: m.count }))),
      recent: row.recent.map((o) => ({ ...o, orderedAt: jsonDate(o.orderedAt) })),
    },
    engagement: { events: row.events.map((e) => ({ ...e, occurredAt: jsonDate(e.occurredAt) })), countsByType, windowDays: ENGAGEMENT_WINDOW_DAYS },
    technologies: enumValues("techCategory")
      .filter((category) => groups.has(category))
      .map((category) => ({ category, technologies: groups.get(category) ?? [] })),
    campaigns: row.campaigns.map((c) => ({ ...c, respondedAt: jsonDate(c.respondedAt) })),
  };
}

/**
 * getAccountDetail once per request: the account layout's access check, the page's title and the
 * page itself share one read (the session user is itself cached per request, so all three calls
 * hit the same entry).
 */
export const requestAccountDetail = cache(getAccountDetail);
