/**
 * The accounts list's filters and sorts as API query parameters: the same table of columns as
 * the accounts page (lib/accounts/list-columns.ts), so the API filters and sorts exactly as the
 * page does. A filter takes comma-separated or repeated values
 * (`?industry=Software,Retail&tier=tier-1`).
 */
import { z } from "@/lib/validation/zod";
import { ACCOUNT_FILTERS, type FilterKey, type ListColumn } from "@/lib/accounts/list-columns";
import { INT4_MAX } from "@/lib/validation/ids";
import { ACCOUNT_SORTS } from "@/lib/validation/account-query";

const MAX_VALUES = 200;

/** "a,b , c" -> ["a", "b", "c"] (empty parts dropped). */
const commaList = (raw: string) =>
  raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

function listParam(column: ListColumn, item: z.ZodType<string | number, string>, described: string) {
  return z
    .union([z.string().max(10_000), z.array(z.string().max(10_000)).max(MAX_VALUES)])
    .transform((raw) => (typeof raw === "string" ? [raw] : raw).flatMap(commaList))
    .pipe(z.array(item).max(MAX_VALUES, { error: `At most ${MAX_VALUES} values.` }))
    .optional()
    .meta({ description: `${column.label}: ${described} Comma-separated or repeated; an account matching any of them is kept.` });
}

function filterParam(column: ListColumn & { filter: NonNullable<ListColumn["filter"]> }) {
  const values = column.options.map((o) => o.value);
  switch (column.filter.values) {
    case "ids":
      return listParam(column, z.coerce.number<string>().int().min(1).max(INT4_MAX), "ids.");
    case "keys":
      return listParam(
        column,
        z.string().max(200),
        column.key === "tier" ? 'tier keys (see GET /api/v1/tiers), or "untiered".' : 'user ids, or "unassigned".',
      );
    case "options":
      return listParam(column, z.enum(values as [string, ...string[]]), `one of ${values.join(", ")}.`);
  }
}

const filterShape = Object.fromEntries(ACCOUNT_FILTERS.map((column) => [column.key, filterParam(column)])) as Record<
  FilterKey,
  ReturnType<typeof filterParam>
>;

/** Search, filters and sort of GET /api/v1/accounts (paging parameters are added by the endpoint). */
export const accountListQueryShape = {
  q: z.string().max(200).optional().meta({ description: "Search in account names and domains.", example: "acme" }),
  ...filterShape,
  sort: z
    .enum(ACCOUNT_SORTS)
    .default("priority")
    .meta({ description: "Sort column; `priority` (the default) is tier, then priority score, as reps see their list." }),
  dir: z
    .enum(["asc", "desc"])
    .optional()
    .meta({ description: "Direction; without it money, counts, scores and dates sort highest first, the rest ascending." }),
};
