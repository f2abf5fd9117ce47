import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { normalisePaging, type AccountQuery } from "@/lib/validation/account-query";
import { ACCOUNTS_FROM, accountOrderSql, accountWhereSql, filtersOnSegmentation, hasNarrowingFilter, resolveFilters } from "./account-filters";

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

/** Below this many matches the page query starts from the matching accounts (see listAccounts). */
const FEW_MATCHES = 5_000;

/**
 * One page of the accounts the actor may see, filtered and sorted as the URL says.
 * The count runs first (it only joins the segmentation table when a filter needs it) and picks the
 * page plan: with few matches, PostgreSQL collects them through their own indexes and sorts them;
 * otherwise it walks the sort order's index until the page is full, which is fastest when most
 * accounts match but slow when a narrow filter makes it skip thousands of rows per page.
 */
export async function listAccounts(actor: Actor, query: AccountQuery): Promise<AccountPage> {
  const { page, size } = normalisePaging(query);
  const where = accountWhereSql(actor, query, await resolveFilters(query));
  const from = filtersOnSegmentation(query) ? ACCOUNTS_FROM : Prisma.sql`accounts a`;
  const counted = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`;
  const total = counted[0]?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (total === 0 || (page - 1) * size >= total) return { rows: [], total, page, size, pageCount };

  const order = accountOrderSql(query);
  const limit = Prisma.sql`LIMIT ${size} OFFSET ${(page - 1) * size}`;
  const rows =
    hasNarrowingFilter(query) && total <= FEW_MATCHES
      ? // MATERIALIZED: the matches are collected once, before the join and the sort.
        await db.$queryRaw<RawAccountRow[]>`
          WITH matches AS MATERIALIZED (SELECT a.id FROM ${from} WHERE ${where})
          SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM} WHERE a.id IN (SELECT id FROM matches) ORDER BY ${order} ${limit}`
      : await db.$queryRaw<RawAccountRow[]>`SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM} WHERE ${where} ORDER BY ${order} ${limit}`;
  return { rows: rows.map(toAccountRow), total, page, size, pageCount };
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
