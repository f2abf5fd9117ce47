import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { normalisePaging, type AccountQuery } from "@/lib/validation/account-query";
import { ACCOUNTS_FROM, accountOrderSql, accountWhereSql } from "./account-filters";

export interface AccountRow {
  id: number;
  name: string;
  domain: string;
  industry: string;
  region: string;
  country: string;
  employeeCount: number;
  lifetimeValue: number;
  orderCount: number;
  avgOrderValue: number;
  orders12m: number;
  lastOrderAt: Date | null;
  engagementScore: number;
  journeyStage: string;
  loyaltyStatus: string;
  usageRate: string;
  hostingPreference: string;
  techAdoption: string;
  priorityScore: number;
  tier: { key: string; name: string; color: string } | null;
  owner: { id: string; name: string } | null;
}

export interface AccountPage {
  rows: AccountRow[];
  total: number;
  page: number;
  size: number;
  pageCount: number;
}

interface RawAccountRow {
  id: number;
  name: string;
  domain: string;
  industry: string;
  region: string;
  country: string;
  employee_count: number;
  lifetime_value: number;
  order_count: number;
  avg_order_value: number;
  orders_12m: number;
  last_order_at: Date | null;
  engagement_score: number;
  journey_stage: string;
  loyalty_status: string;
  usage_rate: string;
  hosting_preference: string;
  tech_adoption: string;
  priority_score: number;
  tier_key: string | null;
  tier_name: string | null;
  tier_color: string | null;
  owner_id: string | null;
  owner_name: string | null;
}

/** Select list shared by the page query and the export (money as float8, enums as text). */
export const ACCOUNT_ROW_SELECT = Prisma.sql`
  a.id, a.name, a.domain, a.industry, a.region::text AS region, a.country, a.employee_count,
  a.lifetime_value::float8 AS lifetime_value, a.order_count, a.avg_order_value::float8 AS avg_order_value,
  a.orders_12m, a.last_order_at, a.engagement_score, a.journey_stage::text AS journey_stage,
  a.loyalty_status::text AS loyalty_status, a.usage_rate::text AS usage_rate,
  a.hosting_preference::text AS hosting_preference, a.tech_adoption::text AS tech_adoption, r.priority_score,
  t.key AS tier_key, t.name AS tier_name, t.color AS tier_color, u.id AS owner_id, u.name AS owner_name`;

export const ACCOUNT_ROW_FROM = Prisma.sql`
  FROM ${ACCOUNTS_FROM} LEFT JOIN tiers t ON t.id = r.tier_id LEFT JOIN users u ON u.id = a.owner_id`;

export function toAccountRow(r: RawAccountRow): AccountRow {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    industry: r.industry,
    region: r.region,
    country: r.country,
    employeeCount: r.employee_count,
    lifetimeValue: Number(r.lifetime_value),
    orderCount: r.order_count,
    avgOrderValue: Number(r.avg_order_value),
    orders12m: r.orders_12m,
    lastOrderAt: r.last_order_at,
    engagementScore: r.engagement_score,
    journeyStage: r.journey_stage,
    loyaltyStatus: r.loyalty_status,
    usageRate: r.usage_rate,
    hostingPreference: r.hosting_preference,
    techAdoption: r.tech_adoption,
    priorityScore: Number(r.priority_score),
    tier: r.tier_key ? { key: r.tier_key, name: r.tier_name ?? r.tier_key, color: r.tier_color ?? "#64748b" } : null,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? "" } : null,
  };
}

export type { RawAccountRow };

/** One page of the accounts the actor may see, filtered and sorted as the URL says. */
export async function listAccounts(actor: Actor, query: AccountQuery): Promise<AccountPage> {
  const { page, size } = normalisePaging(query);
  const where = accountWhereSql(actor, query);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<RawAccountRow[]>`SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM}
      WHERE ${where} ORDER BY ${accountOrderSql(query)} LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${ACCOUNTS_FROM} WHERE ${where}`,
  ]);
  const total = counted[0]?.n ?? 0;
  return { rows: rows.map(toAccountRow), total, page, size, pageCount: Math.max(1, Math.ceil(total / size)) };
}

/** Where clause that finds one account only if the actor may see it. */
export function visibleAccountWhere(actor: Actor, id: number): Prisma.AccountWhereInput {
  return canSeeAllAccounts(actor) ? { id } : { id, ownerId: actor.id };
}

/** False when the account does not exist or the actor may not see it. */
export async function isAccountVisible(actor: Actor, id: number): Promise<boolean> {
  if (!Number.isSafeInteger(id) || id < 1) return false;
  const found = await db.account.findFirst({ where: visibleAccountWhere(actor, id), select: { id: true } });
  return !!found;
}
