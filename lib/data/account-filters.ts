import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { UNTIERED } from "@/lib/domain/tiers";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import type { AccountQuery, AccountSort } from "@/lib/validation/account-query";
import { effectiveDirection } from "@/lib/validation/account-query";

/**
 * The accounts of every list query: `a` is the account, `r` its materialised tier and score
 * (account_segmentation, one row per account). Filters and sorts below refer to both aliases.
 */
export const ACCOUNTS_FROM = Prisma.sql`accounts a JOIN account_segmentation r ON r.account_id = a.id`;

/** Row-level visibility: a rep's queries are always limited to the accounts they own. */
export function visibleAccountsSql(actor: Actor): Prisma.Sql {
  return canSeeAllAccounts(actor) ? Prisma.sql`TRUE` : Prisma.sql`a.owner_id = ${actor.id}`;
}

/** Escape LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const anyOfEnum = (column: string, type: string, values: readonly string[]) =>
  Prisma.sql`${Prisma.raw(column)} = ANY(CAST(${values} AS ${Prisma.raw(`"${type}"[]`)}))`;

/**
 * Lookups done before building the clause. With the category's technology ids as constants the
 * planner can estimate how many accounts match (from the array column's statistics) and choose
 * between walking the sort index and collecting the matches; a sub-select hides that from it.
 */
export interface ResolvedFilters {
  categoryTechnologyIds?: number[];
}

export async function resolveFilters(query: Partial<AccountQuery>): Promise<ResolvedFilters> {
  if (!query.category?.length) return {};
  const rows = await db.technology.findMany({ where: { category: { in: query.category as TechCategory[] } }, select: { id: true } });
  return { categoryTechnologyIds: rows.map((r) => r.id) };
}

/**
 * The WHERE clause for an accounts query over alias `a`: visibility first, then
 * every filter of the URL. Shared by the list, its CSV export and the matrix.
 */
export function accountWhereSql(actor: Actor, query: Partial<AccountQuery>, resolved: ResolvedFilters = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [visibleAccountsSql(actor)];
  const q = query.q?.trim();
  if (q) {
    const pattern = likePattern(q.slice(0, 200));
    parts.push(Prisma.sql`(a.name ILIKE ${pattern} OR a.domain ILIKE ${pattern})`);
  }
  if (query.industry?.length) parts.push(Prisma.sql`a.industry = ANY(${query.industry})`);
  if (query.region?.length) parts.push(anyOfEnum("a.region", "Region", query.region));
  if (query.stage?.length) parts.push(anyOfEnum("a.journey_stage", "JourneyStage", query.stage));
  if (query.loyalty?.length) parts.push(anyOfEnum("a.loyalty_status", "LoyaltyStatus", query.loyalty));
  if (query.usage?.length) parts.push(anyOfEnum("a.usage_rate", "UsageRate", query.usage));
  if (query.hosting?.length) parts.push(anyOfEnum("a.hosting_preference", "HostingPreference", query.hosting));
  if (query.adoption?.length) parts.push(anyOfEnum("a.tech_adoption", "TechAdoption", query.adoption));
  if (query.device?.length) parts.push(anyOfEnum("a.device_preference", "DevicePreference", query.device));
  // technology_ids mirrors account_technologies (kept by a trigger) and has a GIN index.
  if (query.tech?.length) parts.push(Prisma.sql`a.technology_ids && ${query.tech}::int[]`);
  if (query.category?.length) {
    parts.push(
      resolved.categoryTechnologyIds
        ? Prisma.sql`a.technology_ids && ${resolved.categoryTechnologyIds}::int[]`
        : Prisma.sql`a.technology_ids && ARRAY(SELECT t.id FROM technologies t
            WHERE t.category = ANY(CAST(${query.category} AS "TechCategory"[])))`,
    );
  }
  if (query.owner?.length) {
    const ids = query.owner.filter((o) => o !== "unassigned");
    const unassigned = query.owner.includes("unassigned");
    parts.push(
      unassigned
        ? Prisma.sql`(a.owner_id IS NULL OR a.owner_id = ANY(${ids}))`
        : Prisma.sql`a.owner_id = ANY(${ids})`,
    );
  }
  if (query.tier?.length) {
    // By rank (the tier's position; untiered is last), so the priority index's leading column does the filtering.
    const keys = query.tier.filter((t) => t !== "untiered");
    const untiered = query.tier.includes("untiered") ? [UNTIERED.rank] : [];
    parts.push(Prisma.sql`r.tier_rank = ANY(ARRAY(SELECT position FROM tiers WHERE key = ANY(${keys}) AND NOT archived) || ${untiered}::int[])`);
  }
  if (query.segment?.length) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM account_segments s
      WHERE s.account_id = a.id AND s.segment_id = ANY(${query.segment}::int[]))`);
  }
  return Prisma.join(parts, " AND ");
}

/** Whether accountWhereSql's clause for this query refers to `r` (account_segmentation). */
export function filtersOnSegmentation(query: Partial<AccountQuery>): boolean {
  return !!query.tier?.length;
}

/**
 * Filters that usually leave few accounts (a search, technologies, tiers, segments): the list
 * then finds the matching accounts first instead of walking the sort order until a page is full.
 */
export function hasNarrowingFilter(query: Partial<AccountQuery>): boolean {
  return !!(query.q?.trim() || query.tech?.length || query.category?.length || query.tier?.length || query.segment?.length);
}

const SORT_SQL: Record<AccountSort, string> = {
  priority: "r.tier_rank ASC, r.priority_score DESC",
  name: "a.name",
  industry: "a.industry",
  region: "a.region",
  owner: "owner_name",
  tier: "r.tier_rank",
  score: "r.priority_score",
  ltv: "a.lifetime_value",
  orders: "a.order_count",
  aov: "a.avg_order_value",
  orders12m: "a.orders_12m",
  lastOrder: "a.last_order_at",
  engagement: "a.engagement_score",
  stage: "a.journey_stage",
  loyalty: "a.loyalty_status",
  employees: "a.employee_count",
  revenue: "a.annual_revenue",
};

const NULLABLE_SORTS: ReadonlySet<AccountSort> = new Set(["lastOrder", "owner"]);

/** ORDER BY from a whitelist (never from user text), with the id as a stable tie-breaker. */
export function accountOrderSql(query: Pick<AccountQuery, "sort" | "dir">): Prisma.Sql {
  // Matches the (tier_rank, priority_score DESC, account_id) index, so the default view needs no sort step.
  if (query.sort === "priority" && !query.dir) return Prisma.raw(`${SORT_SQL.priority}, r.account_id ASC`);
  const dir = effectiveDirection(query) === "desc" ? "DESC" : "ASC";
  const column = query.sort === "priority" ? "r.tier_rank" : SORT_SQL[query.sort];
  // Only nullable columns get a NULLS clause: on NOT NULL columns it would stop PostgreSQL using the index.
  const nulls = NULLABLE_SORTS.has(query.sort) ? (dir === "DESC" ? " NULLS LAST" : " NULLS FIRST") : "";
  return Prisma.raw(`${column} ${dir}${nulls}, a.id ${dir}`);
}
