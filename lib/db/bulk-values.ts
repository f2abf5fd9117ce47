/**
 * Bulk values to and from PostgreSQL as one text value each. Prisma converts every element of an
 * array parameter and every value of a result row on its own, about 1 µs each: at 1,000,000
 * accounts, sending a 200,000-account membership batch as five arrays took 1.1-1.3 s and reading
 * 315,211 changes as five columns 1.1-1.6 s, more than PostgreSQL's own work on them. An array
 * literal built here (cast in SQL, e.g. `${intArrayLiteral(ids)}::int[]`) or a row read as one JSON
 * text is a single value for Prisma; PostgreSQL parses it in C.
 */

/** An int[] literal ("{1,NULL,3}"). */
export function intArrayLiteral(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : String(v))).join(",")}}`;
}

/** A float8[] literal (a JS number's string is exact for float8). */
export function floatArrayLiteral(values: readonly number[]): string {
  return `{${values.join(",")}}`;
}

/**
 * An array literal of any values, for a text[] parameter cast in SQL to the column's array type
 * (`$1::text[]::numeric[]`, `$1::int[]`): every value quoted, so a string keeps its commas, braces,
 * quotes, backslashes, spaces and the text "NULL"; null is SQL NULL. Strings, numbers and booleans
 * only (as their JavaScript strings).
 */
export function textArrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
}

/** A text[] literal whose elements are int[] literals: cast the whole with ::text[], each element with ::int[]. */
export function intArraysLiteral(arrays: readonly (readonly number[])[]): string {
  return `{${arrays.map((a) => `"{${a.join(",")}}"`).join(",")}}`;
}

/** A text[] literal whose elements are text[] literals of plain identifiers (enum names): cast each element with ::text[]. */
export function identArraysLiteral(arrays: readonly (readonly string[])[]): string {
  return `{${arrays.map((a) => `"{${a.join(",")}}"`).join(",")}}`;
}

/** Rows read as `json_build_array(...)::text AS r`: each row's values in that order. */
export function parseJsonRows(rows: readonly { r: string }[]): unknown[][] {
  return rows.map((row) => JSON.parse(row.r) as unknown[]);
}
