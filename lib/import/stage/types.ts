import type { BulkWrite, Db } from "@/lib/db/client";
import type { ColumnMapping } from "../kinds";
import type { ImportRow, RowError } from "../rows";

/** What the staging code needs of a transaction. */
export type SqlClient = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

export interface StageContext {
  mapping: ColumnMapping;
  /** The import's day, "YYYY-MM-DD" (UTC): the default last-detected date. */
  today: string;
}

/**
 * How one kind of file goes from parsed rows to the database, set-based, inside the import's
 * transaction: rows are staged in a temporary table (dropped with the transaction), checked
 * against existing data, completed from existing rows and defaults, then upserted.
 */
export interface StageSpec<R extends ImportRow = ImportRow> {
  /** Create the temporary table `import_stage`. */
  create(tx: SqlClient): Promise<void>;
  /** Add parsed rows (a batch) to the stage. */
  insert(write: BulkWrite, rows: readonly R[]): Promise<void>;
  /** Checks that need the database; the rows reported are removed from the stage. */
  check(tx: SqlClient, ctx: StageContext): Promise<RowError[]>;
  /**
   * SELECT of one row per account the file writes, before it writes (how many decides whether
   * indexes are dropped: run.ts).
   */
  readonly writtenSql: string;
  /** Complete staged rows from what exists and from defaults; may report rows it had to drop. */
  fill(tx: SqlClient, ctx: StageContext): Promise<RowError[]>;
  /** Upsert; records changed accounts in `import_touched`. */
  apply(tx: SqlClient, ctx: StageContext): Promise<{ created: number; updated: number }>;
  /**
   * The source of derived metrics the rows are (orders, events), or null. Touched accounts whose
   * metrics are already as of the import's day get only that source's columns recomputed (every
   * write of orders or events recomputes them, so the rest is current; new accounts are created
   * with the metrics of an account without orders or events); the others get every column.
   */
  readonly metricsSource: "orders" | "events" | null;
}

/**
 * The temporary table `import_touched` that a stage's apply fills: the accounts it wrote, whether
 * it created each, and added_only: every row the file has for the account was new (an orders or
 * events file that changed none of the account's existing rows; lib/import/run.ts adds new orders
 * on top of the stored totals for those).
 */
export async function createTouched(tx: SqlClient): Promise<void> {
  await tx.$executeRawUnsafe(
    "CREATE TEMP TABLE import_touched (account_id int PRIMARY KEY, created boolean NOT NULL, added_only boolean NOT NULL DEFAULT false) ON COMMIT DROP",
  );
}

/** Remove reported lines from the stage. */
export async function dropLines(tx: SqlClient, errors: readonly RowError[]): Promise<void> {
  if (errors.length === 0) return;
  await tx.$executeRawUnsafe("DELETE FROM import_stage WHERE line = ANY($1::int[])", [...new Set(errors.map((e) => e.line))]);
}

/** The counts an upsert's RETURNING (id, created) rows add up to. */
export async function countTouched(tx: SqlClient, sql: string): Promise<{ created: number; updated: number }> {
  const [row] = await tx.$queryRawUnsafe<{ created: number; updated: number }[]>(sql);
  return { created: Number(row?.created ?? 0), updated: Number(row?.updated ?? 0) };
}

/** The column a field's errors are reported under: the mapped header, or the field label. */
export const columnOf = (ctx: StageContext, key: string, label: string) => ctx.mapping.fields[key] ?? label;

/** Staged rows (orders, events, technologies) whose domain matched no account when staged: errors. */
export async function unknownAccounts(tx: SqlClient, ctx: StageContext): Promise<RowError[]> {
  const unknown = await tx.$queryRawUnsafe<{ line: number; domain: string }[]>(
    "SELECT line, domain FROM import_stage WHERE account_id IS NULL ORDER BY line",
  );
  const column = columnOf(ctx, "accountDomain", "Account domain");
  return unknown.map((u) => ({
    line: u.line,
    column,
    value: u.domain,
    reason: `'${u.domain}' is not an account in Tierwise (import it with an accounts file first)`,
  }));
}
