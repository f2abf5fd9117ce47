import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { canSeeAllAccounts, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { ACCOUNT_COLUMNS, ACCOUNT_FILTERS, FILTER_KEYS, type ColumnFilterKey, type FilterKey, type ListColumn } from "@/lib/accounts/list-columns";
import { UNTIERED } from "@/lib/domain/tiers";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import { effectiveDirection, type AccountQuery } from "@/lib/validation/account-query";

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

/** `column = ANY(values)`, the values cast to the column's PostgreSQL enum type where it has one. */
function anyOfColumn(column: ListColumn, values: readonly (string | number)[]): Prisma.Sql {
  const target = Prisma.raw(`a.${column.column}`);
  return column.pgEnum
    ? Prisma.sql`${target} = ANY(CAST(${values} AS ${Prisma.raw(`"${column.pgEnum}"[]`)}))`
    : Prisma.sql`${target} = ANY(${values})`;
}

/**
 * Lookups done before building the clause. With the category's technology ids as constants the
 * planner can estimate how many accounts match (from the array column's statistics) and choose
 * between walking the sort index and collecting the matches; a sub-select hides that from it.
 */
export interface ResolvedFilters {
  categoryTechnologyIds?: number[];
  lacksTechnologyIds?: number[];
}

export async function resolveFilters(query: Partial<AccountQuery>): Promise<ResolvedFilters> {
  const category = query.category ?? [];
  const lacks = query.lacks ?? [];
  if (category.length === 0 && lacks.length === 0) return {};
  const rows = await db.technology.findMany({
    where: { category: { in: [...category, ...lacks] as TechCategory[] } },
    select: { id: true, category: true },
  });
  const idsIn = (categories: readonly string[]) => rows.filter((r) => categories.includes(r.category)).map((r) => r.id);
  return {
    ...(category.length > 0 && { categoryTechnologyIds: idsIn(category) }),
    ...(lacks.length > 0 && { lacksTechnologyIds: idsIn(lacks) }),
  };
}

/** The catalogue's technologies in these categories, looked up by the query itself (the export does not resolve first). */
const technologiesInSql = (categories: readonly string[]) =>
  Prisma.sql`ARRAY(SELECT t.id FROM technologies t WHERE t.category = ANY(CAST(${categories} AS "TechCategory"[])))`;

type FilterValues = { [K in FilterKey]: NonNullable<AccountQuery[K]> };

/** SQL of a filter that is more than a comparison with the field's column. */
interface OwnFilterSql<K extends FilterKey> {
  where(values: FilterValues[K], resolved: ResolvedFilters): Prisma.Sql;
  /** It usually leaves few accounts (see hasNarrowingFilter). */
  narrows?: true;
  /** Its clause refers to `r` (account_segmentation). */
  usesSegmentation?: true;
}

type OwnFilterKey = Exclude<FilterKey, ColumnFilterKey>;

const OWN_FILTER_SQL: { [K in OwnFilterKey]: OwnFilterSql<K> } = {
  tier: {
    // By rank (the tier's position; untiered is last), so the priority index's leading column does the filtering.
    where: (tiers) => {
      const keys = tiers.filter((t) => t !== UNTIERED.key);
      const untiered = tiers.includes(UNTIERED.key) ? [UNTIERED.rank] : [];
      return Prisma.sql`r.tier_rank = ANY(ARRAY(SELECT position FROM tiers WHERE key = ANY(${keys}) AND NOT archived) || ${untiered}::int[])`;
    },
    narrows: true,
    usesSegmentation: true,
  },
  segment: {
    where: (ids) => Prisma.sql`EXISTS (SELECT 1 FROM account_segments s
      WHERE s.account_id = a.id AND s.segment_id = ANY(${ids}::int[]))`,
    narrows: true,
  },
  owner: {
    where: (owners) => {
      const ids = owners.filter((o) => o !== "unassigned");
      return owners.includes("unassigned")
        ? Prisma.sql`(a.owner_id IS NULL OR a.owner_id = ANY(${ids}))`
        : Prisma.sql`a.owner_id = ANY(${ids})`;
    },
  },
  // technology_ids mirrors account_technologies (kept by a trigger) and has a GIN index.
  tech: { where: (ids) => Prisma.sql`a.technology_ids && ${ids}::int[]`, narrows: true },
  category: {
    where: (categories, resolved) =>
      Prisma.sql`a.technology_ids && ${resolved.categoryTechnologyIds ?? technologiesInSql(categories)}::int[]`,
    narrows: true,
  },
  // Runs no technology in any of the categories. COALESCE: an account whose array is NULL runs
  // nothing, so it lacks them all (as the matrix's whitespace view counts it).
  lacks: {
    where: (categories, resolved) =>
      Prisma.sql`NOT COALESCE(a.technology_ids && ${resolved.lacksTechnologyIds ?? technologiesInSql(categories)}::int[], false)`,
  },
  // Whitespace of every chosen category (recomputed with the plays: lacks it, most peers run it).
  whitespace: {
    where: (categories) => Prisma.sql`r.whitespace @> CAST(${categories} AS text[])`,
    narrows: true,
    usesSegmentation: true,
  },
};

const ownSql = (key: FilterKey): OwnFilterSql<OwnFilterKey> | undefined =>
  key in OWN_FILTER_SQL ? OWN_FILTER_SQL[key as OwnFilterKey] : undefined;

/** The clause of one filter, null when the URL does not use it. */
function filterSql(column: ListColumn<FilterKey>, query: Partial<AccountQuery>, resolved: ResolvedFilters): Prisma.Sql | null {
  const values = query[column.key];
  if (!values?.length) return null;
  const own = ownSql(column.key);
  return own ? own.where(values, resolved) : anyOfColumn(column, values);
}

/** Whether the query uses a filter whose own SQL has this property. */
const usesOwnFilter = (query: Partial<AccountQuery>, has: (sql: OwnFilterSql<OwnFilterKey>) => boolean) =>
  FILTER_KEYS.some((key) => {
    const own = ownSql(key);
    return !!own && has(own) && (query[key]?.length ?? 0) > 0;
  });

/**
 * The WHERE clause for an accounts query over alias `a`: visibility first, then the search and
 * every filter of the URL (lib/accounts/list-columns.ts). Shared by the list, its CSV export and the matrix.
 */
export function accountWhereSql(actor: Actor, query: Partial<AccountQuery>, resolved: ResolvedFilters = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [visibleAccountsSql(actor)];
  const q = query.q?.trim();
  if (q) {
    const pattern = likePattern(q.slice(0, 200));
    // account_search holds the name and domain with their trigram indexes (prisma/schema.prisma).
    parts.push(Prisma.sql`a.id IN (SELECT s.account_id FROM account_search s WHERE s.name ILIKE ${pattern} OR s.domain ILIKE ${pattern})`);
  }
  for (const column of ACCOUNT_FILTERS) {
    const sql = filterSql(column, query, resolved);
    if (sql) parts.push(sql);
  }
  return Prisma.join(parts, " AND ");
}

/** Whether accountWhereSql's clause for this query refers to `r` (account_segmentation). */
export function filtersOnSegmentation(query: Partial<AccountQuery>): boolean {
  return usesOwnFilter(query, (sql) => !!sql.usesSegmentation);
}

/**
 * Filters that usually leave few accounts (a search, technologies, tiers, segments): the list
 * then finds the matching accounts first instead of walking the sort order until a page is full.
 */
export function hasNarrowingFilter(query: Partial<AccountQuery>): boolean {
  return !!query.q?.trim() || usesOwnFilter(query, (sql) => !!sql.narrows);
}

const SORTABLE = new Map(ACCOUNT_COLUMNS.filter((c) => c.sortSql).map((c) => [c.key as string, c]));

/** ORDER BY from a whitelist (never from user text), with the id as a stable tie-breaker. */
export function accountOrderSql(query: Pick<AccountQuery, "sort" | "dir">): Prisma.Sql {
  // Matches the (tier_rank, priority_score DESC, account_id) index, so the default view needs no sort step.
  if (query.sort === "priority" && !query.dir) return Prisma.raw("r.tier_rank ASC, r.priority_score DESC, r.account_id ASC");
  const dir = effectiveDirection(query) === "desc" ? "DESC" : "ASC";
  // "priority" the other way round: by tier only.
  const column = SORTABLE.get(query.sort === "priority" ? "tier" : query.sort);
  if (!column?.sortSql) throw new Error(`not a sortable column: ${query.sort}`);
  // Only nullable columns get a NULLS clause: on NOT NULL columns it would stop PostgreSQL using the index.
  const nulls = column.nullable ? (dir === "DESC" ? " NULLS LAST" : " NULLS FIRST") : "";
  return Prisma.raw(`${column.sortSql} ${dir}${nulls}, a.id ${dir}`);
}
