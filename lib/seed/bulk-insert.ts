/**
 * Column-wise bulk inserts through `INSERT ... SELECT FROM unnest($1::int[], $2::text[], ...)`:
 * one array parameter per column, so thousands of rows cost one round trip and one parse,
 * without COPY support in the driver.
 */

/** PostgreSQL type of a column as it is cast in unnest; enum types are written quoted ("Region"). */
export type SqlType = "int" | "text" | "date" | "timestamp" | "numeric" | "float8" | "text[]" | "int[]" | `"${string}"`;

export type ColumnTypes = Readonly<Record<string, SqlType>>;
export type ColumnValue = string | number | null;
export type ColumnValues<T extends ColumnTypes> = { [K in keyof T]: ColumnValue[] };

/** Rows of one table, held column by column. */
export interface TableRows<T extends ColumnTypes = ColumnTypes> {
  table: string;
  types: T;
  values: ColumnValues<T>;
}

export function emptyRows<T extends ColumnTypes>(table: string, types: T): TableRows<T> {
  const values = {} as Record<string, ColumnValue[]>;
  for (const column of Object.keys(types)) values[column] = [];
  return { table, types, values: values as ColumnValues<T> };
}

export function rowCount(rows: TableRows): number {
  const first = Object.values(rows.values)[0];
  return first ? first.length : 0;
}

/**
 * PostgreSQL array literal of a column ('{1,2,NULL}', '{"Acme Inc.","x"}'), built here rather than
 * by the driver: for millions of values one native join per column is several times faster than
 * escaping element by element. Only text columns are quoted; every other type must hold values
 * that need no quoting (numbers, ISO dates and timestamps without spaces, enum labels).
 */
export function arrayLiteral(values: readonly ColumnValue[], type: SqlType): string {
  if (values.length === 0) return "{}";
  const quoted = type === "text" || isArrayType(type);
  const plain = !values.includes(null) && (!quoted || !values.some(needsEscape));
  if (plain) return quoted ? `{"${values.join('","')}"}` : `{${values.join(",")}}`;
  return `{${values.map((value) => (value === null ? "NULL" : quoted ? quote(String(value)) : String(value))).join(",")}}`;
}

/** Array columns travel as their array literals, quoted inside the outer array. */
function isArrayType(type: SqlType): boolean {
  return type.endsWith("[]");
}

function needsEscape(value: ColumnValue): boolean {
  return typeof value === "string" && (value.includes('"') || value.includes("\\"));
}

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * One statement inserting into several tables, each as a data-modifying CTE. Foreign keys are
 * checked at the end of the statement, so children may reference parents inserted alongside them.
 * Sending a whole batch at once lets PostgreSQL work while the caller generates the next batch.
 * Array columns (text[], int[]) travel as array literals ('{a,b}') because unnest would flatten a 2-D array.
 */
export function multiTableInsert(tables: readonly TableRows[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts: string[] = [];
  for (const rows of tables) {
    if (rowCount(rows) === 0) continue;
    const columns = Object.keys(rows.types);
    const params: string[] = [];
    const selected: string[] = [];
    columns.forEach((column, i) => {
      const type = rows.types[column] as SqlType;
      values.push(arrayLiteral(rows.values[column] ?? [], type));
      params.push(`$${values.length}::${isArrayType(type) ? "text" : type}[]`);
      selected.push(isArrayType(type) ? `c${i}::${type}` : `c${i}`);
    });
    const alias = columns.map((_, i) => `c${i}`).join(", ");
    parts.push(
      `t${parts.length} AS (INSERT INTO ${rows.table} (${columns.join(", ")}) ` +
        `SELECT ${selected.join(", ")} FROM unnest(${params.join(", ")}) AS u(${alias}))`,
    );
  }
  if (parts.length === 0) return { text: "SELECT 1", values: [] };
  return { text: `WITH ${parts.join(",\n")}\nSELECT 1`, values };
}
