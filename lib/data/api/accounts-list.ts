import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/access";
import type { AccountSummary } from "@/lib/api/endpoints/account-schemas";
import type { FilterKey } from "@/lib/accounts/list-columns";
import { accountWhereSql, resolveFilters } from "@/lib/data/account-filters";
import { ACCOUNT_ROW_FROM, ACCOUNT_ROW_SELECT, toAccountRow, type AccountRow, type RawAccountRow } from "@/lib/data/accounts";
import { fieldError } from "@/lib/errors";
import type { AccountQuery, AccountSort } from "@/lib/validation/account-query";
import { decodeCursor, pageFrom } from "./cursor";
import { acceptsValues, accountSortKeys, afterParts, orderSql, outerKeys, sortKeySelect } from "./keyset";

/** GET /api/v1/accounts: the page's search, filters and sort, and a cursor page. */
export interface ApiAccountQuery extends Partial<Record<FilterKey, readonly (string | number)[]>> {
  q?: string;
  sort: AccountSort;
  dir?: "asc" | "desc";
  limit: number;
  cursor?: string;
}

/** A list row in the API's form: dates as ISO days. */
export type ApiAccountSummary = z.input<typeof AccountSummary>;

/** The enum columns hold their PostgreSQL enums' values, which are the schema's. */
export function toApiSummary(row: AccountRow): ApiAccountSummary {
  return { ...row, lastOrderAt: row.lastOrderAt ? row.lastOrderAt.toISOString().slice(0, 10) : null } as ApiAccountSummary;
}

type SortColumns = Record<`sort_${number}`, string | null>;

/** The row without the cursor's sort key columns. */
function withoutSortKeys(raw: RawAccountRow & SortColumns): RawAccountRow {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !/^(sort|key)_\d+$/.test(key))) as RawAccountRow;
}

/**
 * One cursor page of the accounts the actor may see, filtered and sorted as the accounts page
 * does (the same WHERE clause and order), read after the cursor's position rather than at an
 * offset, so walking every page gives each account once even while accounts are added.
 */
export async function listAccountsPage(actor: Actor, query: ApiAccountQuery): Promise<{ data: ApiAccountSummary[]; next_cursor: string | null }> {
  const keys = accountSortKeys({ sort: query.sort, dir: query.dir ?? null });
  const list = `accounts:${query.sort}:${query.dir ?? ""}`;
  let parts = [Prisma.sql`TRUE`];
  if (query.cursor) {
    const values = decodeCursor(query.cursor, list, keys.length);
    if (!acceptsValues(keys, values)) throw fieldError("cursor", "This cursor is not valid for this list: pass back the next_cursor of the previous page with the same parameters.");
    parts = afterParts(keys, values);
  }
  // The filters' types are those of the page's URL state (AccountQuery); the endpoint's schema checked each value.
  const filters = query as Partial<AccountQuery>;
  const where = accountWhereSql(actor, filters, await resolveFilters(filters));
  const limit = query.limit + 1;
  const scans = parts.map(
    (after) => Prisma.sql`(SELECT ${ACCOUNT_ROW_SELECT}, ${sortKeySelect(keys)} ${ACCOUNT_ROW_FROM}
      WHERE ${where} AND ${after} ORDER BY ${orderSql(keys)} LIMIT ${limit})`,
  );
  const rows =
    scans.length === 1
      ? await db.$queryRaw<(RawAccountRow & SortColumns)[]>`${scans[0]}`
      : await db.$queryRaw<(RawAccountRow & SortColumns)[]>`
          SELECT * FROM (${Prisma.join(scans, " UNION ALL ")}) x ORDER BY ${orderSql(outerKeys(keys, "x"))} LIMIT ${limit}`;
  const page = pageFrom(rows, query.limit, (last) => ({ list, keys: keys.map((_, i) => last[`sort_${i}`] ?? null) }));
  return {
    data: page.rows.map((raw) => toApiSummary(toAccountRow(withoutSortKeys(raw)))),
    next_cursor: page.next_cursor,
  };
}
