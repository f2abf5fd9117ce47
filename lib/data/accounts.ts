import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/access";
import { ROW_FIELD_KEYS, type RowFieldKey } from "@/lib/accounts/list-columns";
import { getField } from "@/lib/segmentation/fields";
import { normalisePaging, type AccountQuery } from "@/lib/validation/account-query";
import { sharedAggregate, visibilityKey } from "./aggregate-cache";
import { ACCOUNTS_FROM, accountOrderSql, accountWhereSql, filtersOnSegmentation, hasNarrowingFilter, resolveFilters } from "./account-filters";

/** One row of the accounts list: the fields of its columns (lib/accounts/list-columns.ts), tier, score and owner. */
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

/** A row as the SELECT returns it: the fields under their own keys, tier and owner as flat columns. */
type RawAccountRow = Omit<AccountRow, "priorityScore" | "tier" | "owner"> & {
  priority_score: number;
  tier_key: string | null;
  tier_name: string | null;
  tier_color: string | null;
  owner_id: string | null;
  owner_name: string | null;
};

/** The fields a row carries (those of the export's columns); the type says each is a property of AccountRow. */
const ROW_FIELDS: readonly (keyof AccountRow & RowFieldKey)[] = ROW_FIELD_KEYS;

/** A field's column under the field's key; money as float8, enums as text. */
function selectField(key: RowFieldKey): string {
  const field = getField(key);
  const cast = field.type === "money" ? "::float8" : field.type === "enum" && field.pgEnum ? "::text" : "";
  return `a.${field.sql.column}${cast} AS "${key}"`;
}

/** Select list shared by the page query and the export. */
export const ACCOUNT_ROW_SELECT = Prisma.sql`a.id, ${Prisma.raw(ROW_FIELDS.map(selectField).join(", "))}, r.priority_score,
  t.key AS tier_key, t.name AS tier_name, t.color AS tier_color, u.id AS owner_id, u.name AS owner_name`;

export const ACCOUNT_ROW_FROM = Prisma.sql`
  FROM ${ACCOUNTS_FROM} LEFT JOIN tiers t ON t.id = r.tier_id LEFT JOIN users u ON u.id = a.owner_id`;

export function toAccountRow(raw: RawAccountRow): AccountRow {
  const { priority_score, tier_key, tier_name, tier_color, owner_id, owner_name, ...fields } = raw;
  return {
    ...fields,
    priorityScore: Number(priority_score),
    tier: tier_key ? { key: tier_key, name: tier_name ?? tier_key, color: tier_color ?? "#64748b" } : null,
    owner: owner_id ? { id: owner_id, name: owner_name ?? "" } : null,
  };
}

export type { RawAccountRow };

/** Below this many matches the page query starts from the matching accounts (see listAccounts). */
const FEW_MATCHES = 5_000;

/**
 * One page of the accounts the actor may see, filtered and sorted as the URL says. `shared` (the
 * list page): the page is shared with the actor's other requests for the same URL (everyone who
 * sees every account shares one), under the data stamp (lib/data/aggregate-cache.ts: any write to
 * accounts, their segmentation, tiers or owners changes it), so going back to the list or paging
 * back and forth does not run its query again (a rep's default page 5-10 ms of PostgreSQL, a
 * narrow filter's 30-80 ms at 100,000 accounts). Searches are not shared: typed text gives one-off
 * keys that would crowd the shared entries out.
 */
export async function listAccounts(actor: Actor, query: AccountQuery, options: { shared?: boolean } = {}): Promise<AccountPage> {
  if (!options.shared || query.q) return accountPage(actor, query, options);
  return sharedAggregate(`list:${visibilityKey(actor)}:${JSON.stringify(query)}`, () => accountPage(actor, query, options));
}

/**
 * The count runs first (it only joins the segmentation table when a filter needs it) and picks the
 * page plan: with few matches, PostgreSQL collects them through their own indexes and sorts them;
 * otherwise it walks the sort order's index until the page is full, which is fastest when most
 * accounts match but slow when a narrow filter makes it skip thousands of rows per page.
 */
async function accountPage(actor: Actor, query: AccountQuery, options: { shared?: boolean }): Promise<AccountPage> {
  const { page, size } = normalisePaging(query);
  const where = accountWhereSql(actor, query, await resolveFilters(query));
  const from = filtersOnSegmentation(query) ? ACCOUNTS_FROM : Prisma.sql`accounts a`;
  const count = async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`)[0]?.n ?? 0;
  // The page (the list): the count is the same for every page and sort of these filters, so
  // requests share it under the data stamp; paging and re-sorting then run only the page query.
  const filters = JSON.stringify({ ...query, sort: null, dir: null, page: null, size: null });
  const total = options.shared ? await sharedAggregate(`count:${visibilityKey(actor)}:${filters}`, count) : await count();
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (total === 0 || (page - 1) * size >= total) return { rows: [], total, page, size, pageCount };

  const order = accountOrderSql(query);
  const limit = Prisma.sql`LIMIT ${size} OFFSET ${(page - 1) * size}`;
  const rows =
    hasNarrowingFilter(query) && total <= FEW_MATCHES
      ? // The matches are collected once (MATERIALIZED), then the page's ids are picked by sorting
        // them, then only those rows are built. `= ANY(ARRAY(...))`, not `IN (SELECT ...)`: the
        // planner cannot estimate a CTE's size (for a rep's tier filter it guessed 24,497 of 579
        // matches and joined by scanning both tables: 760 ms instead of ~30 ms at 100,000), and
        // with an array of unknown length it looks each id up through the primary keys.
        await db.$queryRaw<RawAccountRow[]>`
          WITH matches AS MATERIALIZED (SELECT a.id FROM ${from} WHERE ${where}),
          page AS MATERIALIZED (
            SELECT a.id, u.name AS owner_name ${ACCOUNT_ROW_FROM}
            WHERE a.id = ANY(ARRAY(SELECT id FROM matches)) ORDER BY ${order} ${limit})
          SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM} WHERE a.id = ANY(ARRAY(SELECT id FROM page)) ORDER BY ${order}`
      : await db.$queryRaw<RawAccountRow[]>`SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM} WHERE ${where} ORDER BY ${order} ${limit}`;
  return { rows: rows.map(toAccountRow), total, page, size, pageCount };
}
