import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACCOUNT_COLUMNS } from "@/lib/accounts/list-columns";
import { INT4_MAX } from "@/lib/validation/ids";
import { effectiveDirection, type AccountQuery } from "@/lib/validation/account-query";

/**
 * The accounts list's order as sort keys, for cursor (keyset) pages: the same order as the
 * accounts page (lib/data/account-filters.ts accountOrderSql, checked by a unit test), plus a
 * condition that selects the rows strictly after a cursor's keys. Cursor values travel as text
 * and are cast back to the key's type, so numbers, dates and enums compare as they sort.
 */
export interface SortKey {
  /** SQL expression over `a` (account), `r` (segmentation), `u` (owner). */
  sql: string;
  desc: boolean;
  /** Nullable keys sort NULLS FIRST ascending and NULLS LAST descending, as the page does. */
  nullable: boolean;
  /** The PostgreSQL type a cursor value is cast to. */
  type: string;
  /** Whether a cursor value can be cast to `type` (a tampered cursor is refused, never a database error). */
  accepts: (value: string) => boolean;
}

const INT = /^-?\d{1,10}$/;
const accepts = {
  int: (v: string) => INT.test(v) && Math.abs(Number(v)) <= INT4_MAX,
  float8: (v: string) => /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d{1,3})?$/i.test(v) || /^-?Infinity$|^NaN$/.test(v),
  numeric: (v: string) => /^-?\d{1,20}(?:\.\d{1,12})?$/.test(v),
  date: (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  text: () => true,
};

const ID_KEY = (desc: boolean): SortKey => ({ sql: "a.id", desc, nullable: false, type: "int", accepts: accepts.int });

/** The type a sort column's cursor value is cast to, and the values that type accepts. */
function castType(column: (typeof ACCOUNT_COLUMNS)[number]): Pick<SortKey, "type" | "accepts"> {
  if (column.key === "tier") return { type: "int", accepts: accepts.int };
  if (column.key === "owner") return { type: "text", accepts: accepts.text };
  if (column.key === "score") return { type: "float8", accepts: accepts.float8 };
  if (column.pgEnum) {
    const values = new Set(column.options.map((o) => o.value));
    return { type: `"${column.pgEnum}"`, accepts: (v) => values.has(v) };
  }
  if (column.type === "money" || column.type === "number") return { type: "numeric", accepts: accepts.numeric };
  if (column.type === "date") return { type: "date", accepts: (v) => { try { return accepts.date(v); } catch { return false; } } };
  return { type: "text", accepts: accepts.text };
}

/** The sort keys of a query, ending with the account id (the tie-breaker that makes the order total). */
export function accountSortKeys(query: Pick<AccountQuery, "sort" | "dir">): SortKey[] {
  if (query.sort === "priority" && !query.dir) {
    return [
      { sql: "r.tier_rank", desc: false, nullable: false, type: "int", accepts: accepts.int },
      { sql: "r.priority_score", desc: true, nullable: false, type: "float8", accepts: accepts.float8 },
      // r.account_id (= a.id): the last column of the (tier_rank, priority_score DESC, account_id) index.
      { ...ID_KEY(false), sql: "r.account_id" },
    ];
  }
  const desc = effectiveDirection(query) === "desc";
  const key = query.sort === "priority" ? "tier" : query.sort;
  const column = ACCOUNT_COLUMNS.find((c) => c.key === key && c.sortSql);
  if (!column?.sortSql) throw new Error(`not a sortable column: ${query.sort}`);
  // The page sorts owners by the joined name's alias; a WHERE clause needs the column itself.
  const sql = column.sortSql === "owner_name" ? "u.name" : column.sortSql;
  return [{ sql, desc, nullable: column.nullable, ...castType(column) }, ID_KEY(desc)];
}

/** ORDER BY of the keys. */
export function orderSql(keys: readonly SortKey[]): Prisma.Sql {
  return Prisma.raw(
    keys.map((k) => `${k.sql} ${k.desc ? "DESC" : "ASC"}${k.nullable ? (k.desc ? " NULLS LAST" : " NULLS FIRST") : ""}`).join(", "),
  );
}

/** Each key's value as text for the cursor (`sort_0`, `sort_1`...) and as itself for ordering (`key_0`...). */
export function sortKeySelect(keys: readonly SortKey[]): Prisma.Sql {
  return Prisma.raw(keys.map((k, i) => `(${k.sql})::text AS sort_${i}, (${k.sql}) AS key_${i}`).join(", "));
}

/** Whether decoded cursor values fit the keys (nulls only where a key is nullable). */
export function acceptsValues(keys: readonly SortKey[], values: readonly (string | null)[]): boolean {
  return keys.length === values.length && keys.every((k, i) => {
    const v = values[i];
    return v === null || v === undefined ? k.nullable : k.accepts(v);
  });
}

/**
 * Rows after the cursor, as disjoint conditions whose rows follow each other in the keys' order:
 * those equal to the cursor on the first key and after it on the rest (split the same way), then
 * those strictly after it on the first key. Read as ordered scans (UNION ALL), each starts at the
 * cursor in an index (the first key's, or the priority index) instead of walking from the top of
 * the list and filtering, so a deep page costs what the first one does. A nullable first key, or
 * a cursor at its empty value, keeps the one exact condition.
 */
export function afterParts(keys: readonly SortKey[], values: readonly (string | null)[]): Prisma.Sql[] {
  const [key, ...rest] = keys;
  const value = values[0] ?? null;
  if (!key || rest.length === 0 || key.nullable || value === null) return [afterSql(keys, values)];
  const expr = Prisma.raw(key.sql);
  const typed = Prisma.sql`CAST(${value} AS ${Prisma.raw(key.type)})`;
  return [
    ...afterParts(rest, values.slice(1)).map((part) => Prisma.sql`${expr} = ${typed} AND ${part}`),
    key.desc ? Prisma.sql`${expr} < ${typed}` : Prisma.sql`${expr} > ${typed}`,
  ];
}

/** The keys over the typed columns sortKeySelect adds (`key_0`...), for ordering the union of the parts. */
export function outerKeys(keys: readonly SortKey[], alias: string): SortKey[] {
  return keys.map((k, i) => ({ ...k, sql: `${alias}.key_${i}` }));
}

/** Rows strictly after `values` in the keys' order: after on the first key, or equal and after on the rest. */
export function afterSql(keys: readonly SortKey[], values: readonly (string | null)[]): Prisma.Sql {
  const [key, ...rest] = keys;
  if (!key) return Prisma.sql`FALSE`;
  const value = values[0] ?? null;
  const expr = Prisma.raw(key.sql);
  const typed = value === null ? null : Prisma.sql`CAST(${value} AS ${Prisma.raw(key.type)})`;
  let after: Prisma.Sql;
  if (typed === null) after = key.desc ? Prisma.sql`FALSE` : Prisma.sql`${expr} IS NOT NULL`;
  else if (key.desc) after = key.nullable ? Prisma.sql`(${expr} < ${typed} OR ${expr} IS NULL)` : Prisma.sql`${expr} < ${typed}`;
  else after = Prisma.sql`${expr} > ${typed}`;
  if (rest.length === 0) return after;
  const equal = typed === null ? Prisma.sql`${expr} IS NULL` : Prisma.sql`${expr} = ${typed}`;
  return Prisma.sql`(${after} OR (${equal} AND ${afterSql(rest, values.slice(1))}))`;
}
