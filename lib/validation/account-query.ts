import {
  createLoader,
  createSerializer,
  parseAsArrayOf,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import {
  ACCOUNT_COLUMNS,
  ACCOUNT_FILTERS,
  FILTER_KEYS,
  SORTABLE_KEYS,
  type FilterKey,
  type IdFilterKey,
  type ListColumn,
  type SortableKey,
} from "@/lib/accounts/list-columns";
import { parseAsId, parseAsPositiveInt } from "./ids";

/** "priority" (tier, then score) is the default order; every sortable column can be another. */
export const ACCOUNT_SORTS = ["priority", ...SORTABLE_KEYS] as const satisfies readonly (SortableKey | "priority")[];
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/** Ids read with parseId: one that cannot exist matches nothing (NO_SUCH_ID) rather than being dropped. */
const idList = () => parseAsArrayOf(parseAsId).withDefault([]);
/** Fixed choices are checked against their list; keys from the database are checked by the query. */
const textList = (choices: readonly string[]) =>
  parseAsArrayOf(choices.length ? parseAsStringLiteral(choices) : parseAsString).withDefault([]);
type FilterParsers = { [K in FilterKey]: K extends IdFilterKey ? ReturnType<typeof idList> : ReturnType<typeof textList> };

function filterParser(column: ListColumn): ReturnType<typeof idList> | ReturnType<typeof textList> {
  return column.filter?.values === "ids" ? idList() : textList(column.options.map((o) => o.value));
}

// Built from the column table; the mapped type above says which parser each key gets.
const filterParsers = Object.fromEntries(ACCOUNT_FILTERS.map((c) => [c.key, filterParser(c)])) as FilterParsers;

/**
 * The accounts list's URL state, defined once: the server page loads it, the filter bar edits it,
 * links are built from it, so a URL reproduces the view. Filters come from lib/accounts/list-columns.ts.
 */
export const accountQueryParsers = {
  q: parseAsString.withDefault(""),
  ...filterParsers,
  sort: parseAsStringLiteral(ACCOUNT_SORTS).withDefault("priority"),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
  page: parseAsPositiveInt.withDefault(1),
  size: parseAsPositiveInt.withDefault(50),
};

export type AccountQuery = inferParserType<typeof accountQueryParsers>;

export const loadAccountQuery = createLoader(accountQueryParsers);
export const serializeAccountQuery = createSerializer(accountQueryParsers);

/** A search or any filter: the list then shows "no matches" rather than "no accounts". */
export function hasAnyFilter(query: Partial<Pick<AccountQuery, "q" | FilterKey>>): boolean {
  return !!query.q?.trim() || FILTER_KEYS.some((key) => (query[key]?.length ?? 0) > 0);
}

/** Every filter and the search cleared (as a URL update: null removes the parameter). */
export const CLEARED_FILTERS = Object.fromEntries(["q", ...FILTER_KEYS].map((key) => [key, null])) as Record<"q" | FilterKey, null>;

const DESC_FIRST: ReadonlySet<string> = new Set(ACCOUNT_COLUMNS.filter((c) => c.sortSql && c.descFirst).map((c) => c.key));

/** Without `dir`: money, counts, scores and dates descending first, the rest ascending. */
export function effectiveDirection(query: Pick<AccountQuery, "sort" | "dir">): "asc" | "desc" {
  if (query.dir) return query.dir;
  return DESC_FIRST.has(query.sort) ? "desc" : "asc";
}

export function normalisePaging(query: Pick<AccountQuery, "page" | "size">): { page: number; size: number } {
  const size = (PAGE_SIZES as readonly number[]).includes(query.size) ? query.size : 50;
  const page = Number.isFinite(query.page) && query.page >= 1 ? Math.min(Math.floor(query.page), 100_000) : 1;
  return { page, size };
}
