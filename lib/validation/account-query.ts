import {
  createLoader,
  createSerializer,
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { ENUM_LABELS } from "@/lib/domain/enums";
import { INDUSTRIES } from "@/lib/domain/industries";

const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

export const ACCOUNT_SORTS = [
  "priority",
  "name",
  "industry",
  "region",
  "owner",
  "tier",
  "score",
  "ltv",
  "orders",
  "aov",
  "orders12m",
  "lastOrder",
  "engagement",
  "stage",
  "loyalty",
  "employees",
  "revenue",
] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * The accounts list's URL state, defined once: the server page loads it, the
 * filter bar edits it, links are built from it, so a URL reproduces the view.
 */
export const accountQueryParsers = {
  q: parseAsString.withDefault(""),
  industry: parseAsArrayOf(parseAsStringLiteral(INDUSTRIES)).withDefault([]),
  region: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.region))).withDefault([]),
  stage: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.journeyStage))).withDefault([]),
  loyalty: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.loyaltyStatus))).withDefault([]),
  usage: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.usageRate))).withDefault([]),
  hosting: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.hostingPreference))).withDefault([]),
  adoption: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.techAdoption))).withDefault([]),
  device: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.devicePreference))).withDefault([]),
  tech: parseAsArrayOf(parseAsInteger).withDefault([]),
  category: parseAsArrayOf(parseAsStringLiteral(keysOf(ENUM_LABELS.techCategory))).withDefault([]),
  owner: parseAsArrayOf(parseAsString).withDefault([]),
  tier: parseAsArrayOf(parseAsString).withDefault([]),
  segment: parseAsArrayOf(parseAsInteger).withDefault([]),
  sort: parseAsStringLiteral(ACCOUNT_SORTS).withDefault("priority"),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
  page: parseAsInteger.withDefault(1),
  size: parseAsInteger.withDefault(50),
};

export type AccountQuery = inferParserType<typeof accountQueryParsers>;

export const loadAccountQuery = createLoader(accountQueryParsers);
export const serializeAccountQuery = createSerializer(accountQueryParsers);

/** Columns whose natural first direction is descending (money, counts, scores). */
export const DESC_FIRST: ReadonlySet<AccountSort> = new Set([
  "score",
  "ltv",
  "orders",
  "aov",
  "orders12m",
  "lastOrder",
  "engagement",
  "employees",
  "revenue",
]);

export function effectiveDirection(query: Pick<AccountQuery, "sort" | "dir">): "asc" | "desc" {
  if (query.dir) return query.dir;
  return DESC_FIRST.has(query.sort) ? "desc" : "asc";
}

export function normalisePaging(query: Pick<AccountQuery, "page" | "size">): { page: number; size: number } {
  const size = (PAGE_SIZES as readonly number[]).includes(query.size) ? query.size : 50;
  const page = Number.isFinite(query.page) && query.page >= 1 ? Math.min(Math.floor(query.page), 100_000) : 1;
  return { page, size };
}
