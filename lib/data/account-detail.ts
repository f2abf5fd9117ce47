import "server-only";
import { ACCOUNT_ATTRIBUTES, type AccountAttributes } from "@/lib/db/account-attributes";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CampaignChannel, CampaignOutcome, EngagementType, TechCategory } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/access";
import { enumValues } from "@/lib/domain/enums";
import { normaliseWeights } from "@/lib/segmentation/score";
import { parseId } from "@/lib/validation/ids";
import { visibleAccountWhere } from "./accounts";
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

const accountSelect = {
  ...ACCOUNT_ATTRIBUTES,
  daysSinceLastOrder: true,
  metricsAsOf: true,
  owner: { select: { id: true, name: true, email: true } },
  segmentation: {
    select: {
      priorityScore: true,
      scoreValue: true,
      scoreFit: true,
      scoreEngagement: true,
      tier: { select: { key: true, name: true, color: true } },
    },
  },
} satisfies Prisma.AccountSelect;

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

/**
 * Everything the account page shows, or null when the account does not exist or the
 * actor may not see it (the caller cannot tell which, so ids of others' accounts leak nothing).
 * Every query carries the visibility filter, so they all run at once without first
 * waiting for an access check.
 */
export async function getAccountDetail(actor: Actor, id: number): Promise<AccountDetail | null> {
  if (parseId(id) === null) return null;

  const now = new Date();
  const historyFrom = monthStart(now, ORDER_HISTORY_MONTHS - 1);
  const eventsFrom = new Date(now.getTime() - ENGAGEMENT_WINDOW_DAYS * DAY_MS);
  const visible = visibleAccountWhere(actor, id);
  const childOf = { accountId: id, account: visible };

  const [account, monthly, recentOrders, events, eventCounts, technologies, campaigns, scoring] = await Promise.all([
    db.account.findFirst({ where: visible, select: accountSelect }),
    db.$queryRaw<{ month: Date; total: number; count: number }[]>`
      SELECT date_trunc('month', o.ordered_at::timestamp)::date AS month,
             sum(o.amount)::float8 AS total, count(*)::int AS count
      FROM orders o JOIN accounts a ON a.id = o.account_id
      WHERE o.account_id = ${id} AND ${visibleAccountsSql(actor)} AND o.ordered_at >= ${historyFrom.toISOString().slice(0, 10)}::date
      GROUP BY 1 ORDER BY 1`,
    db.order.findMany({
      where: childOf,
      orderBy: [{ orderedAt: "desc" }, { id: "desc" }],
      take: RECENT_ORDERS,
      select: { id: true, orderedAt: true, amount: true, productLine: true },
    }),
    db.engagementEvent.findMany({
      where: { ...childOf, occurredAt: { gte: eventsFrom } },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: RECENT_EVENTS,
      select: { id: true, type: true, occurredAt: true, detail: true },
    }),
    db.engagementEvent.groupBy({
      by: ["type"],
      where: { ...childOf, occurredAt: { gte: eventsFrom } },
      _count: { _all: true },
    }),
    db.accountTechnology.findMany({
      where: childOf,
      orderBy: { technology: { name: "asc" } },
      select: {
        firstDetectedAt: true,
        lastDetectedAt: true,
        confidence: true,
        technology: { select: { id: true, name: true, vendor: true, category: true } },
      },
    }),
    db.campaignResponse.findMany({
      where: childOf,
      orderBy: [{ respondedAt: "desc" }, { id: "desc" }],
      take: CAMPAIGN_RESPONSES,
      select: { id: true, campaign: true, channel: true, respondedAt: true, outcome: true },
    }),
    sharedScoring(),
  ]);
  if (!account) return null;

  const countsByType = Object.fromEntries(enumValues("engagementType").map((t) => [t, 0])) as Record<EngagementType, number>;
  for (const row of eventCounts) countsByType[row.type] = row._count._all;

  const groups = new Map<TechCategory, AccountTechnologyItem[]>();
  for (const t of technologies) {
    const list = groups.get(t.technology.category) ?? [];
    list.push({
      id: t.technology.id,
      name: t.technology.name,
      vendor: t.technology.vendor,
      firstDetectedAt: t.firstDetectedAt,
      lastDetectedAt: t.lastDetectedAt,
      confidence: t.confidence,
    });
    groups.set(t.technology.category, list);
  }

  return {
    id: account.id,
    firmographics: {
      name: account.name,
      domain: account.domain,
      industry: account.industry,
      country: account.country,
      region: account.region,
      employeeCount: account.employeeCount,
      annualRevenue: account.annualRevenue.toNumber(),
    },
    owner: account.owner,
    value: {
      lifetimeValue: account.lifetimeValue.toNumber(),
      orderCount: account.orderCount,
      avgOrderValue: account.avgOrderValue.toNumber(),
      orders12m: account.orders12m,
      firstOrderAt: account.firstOrderAt,
      lastOrderAt: account.lastOrderAt,
      daysSinceLastOrder: account.daysSinceLastOrder,
      potential: account.potential.toNumber(),
      loyaltyStatus: account.loyaltyStatus,
    },
    behaviour: {
      usageRate: account.usageRate,
      journeyStage: account.journeyStage,
      benefitsSought: account.benefitsSought,
      engagement30d: account.engagement30d,
      engagement90d: account.engagement90d,
      engagementScore: account.engagementScore,
    },
    technographics: {
      hostingPreference: account.hostingPreference,
      devicePreference: account.devicePreference,
      techAdoption: account.techAdoption,
    },
    tier: account.segmentation?.tier ?? null,
    score: {
      priority: account.segmentation?.priorityScore ?? 0,
      value: account.segmentation?.scoreValue ?? 0,
      fit: account.segmentation?.scoreFit ?? 0,
      engagement: account.segmentation?.scoreEngagement ?? 0,
      // Shares of the total (summing to 1), from the saved weights or the defaults the scorer uses.
      weights: normaliseWeights(scoring.weights),
    },
    metricsAsOf: account.metricsAsOf,
    orders: {
      byMonth: fillMonths(now, monthly),
      recent: recentOrders.map((o) => ({ id: o.id, orderedAt: o.orderedAt, amount: o.amount.toNumber(), productLine: o.productLine })),
    },
    engagement: { events, countsByType, windowDays: ENGAGEMENT_WINDOW_DAYS },
    technologies: enumValues("techCategory")
      .filter((category) => groups.has(category))
      .map((category) => ({ category, technologies: groups.get(category) ?? [] })),
    campaigns,
  };
}
