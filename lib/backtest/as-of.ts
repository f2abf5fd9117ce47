/**
 * Accounts as they stood on a past day, for the backtest. The rule compiler reads `accounts a`
 * (lib/segmentation/sql.ts); here `a` is a derived table with the same column names, in which
 * the metric columns are recomputed from the orders and engagement events up to that day with
 * the one set of metric definitions (lib/db/metrics.ts). A compiled rule therefore evaluates "as
 * of" the day unchanged: no second compiler. Facts without history (firmographics, loyalty,
 * usage, the technology stack, campaign responses) keep today's values.
 */
import { ACCOUNT_METRIC_COLUMNS, accountMetricsSql } from "@/lib/db/metrics";
import { Prisma } from "@/lib/generated/prisma/client";
import { isIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import { FIELD_LIST, type FieldDefinition } from "@/lib/segmentation/fields";

const METRIC_COLUMNS: ReadonlySet<string> = new Set(ACCOUNT_METRIC_COLUMNS);
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The accounts columns a field's compiled condition reads (besides a.id). */
function columnsOf(field: FieldDefinition): string[] {
  switch (field.sql.kind) {
    case "column":
    case "daysSince":
      return [field.sql.column];
    case "technologies":
      // The stack as ids, and as category bits (the compiler's "in category" test).
      return ["technology_ids", "technology_categories"];
    case "respondedChannels":
      return [];
  }
}

/**
 * A field is point-in-time when everything its condition reads is recomputed as of the day.
 * Fields reading other tables (campaign responses) or columns without history use today's values.
 */
export function isPointInTime(field: FieldDefinition): boolean {
  const columns = columnsOf(field);
  return columns.length > 0 && columns.every((column) => METRIC_COLUMNS.has(column));
}

export interface FieldHistory {
  pointInTime: string[];
  today: string[];
}

/** Field labels by whether the backtest recomputes them as of the day: from the registry. */
export function fieldHistory(): FieldHistory {
  return {
    pointInTime: FIELD_LIST.filter((field) => isPointInTime(field)).map((field) => field.label),
    today: FIELD_LIST.filter((field) => !isPointInTime(field)).map((field) => field.label),
  };
}

/** `'YYYY-MM-DD'::date`: inlined because the metric SQL takes a date expression (checked first). */
export function dateLiteral(day: IsoDate): string {
  if (!isIsoDate(day)) throw new RangeError(`Not a calendar date: ${day}`);
  return `'${day}'::date`;
}

/** Every accounts column a compiled rule may read, from the registry. */
const RULE_COLUMNS = [...new Set(FIELD_LIST.flatMap(columnsOf))];

/**
 * `(SELECT ... ) a`-ready SQL: one row per account that existed on `day` (created on or before
 * it), with `owner_id` and the rule columns; metric columns as of `day`.
 */
export function accountsAsOf(day: IsoDate): Prisma.Sql {
  const asOf = dateLiteral(day);
  const today = RULE_COLUMNS.filter((column) => !METRIC_COLUMNS.has(column));
  if (!today.includes("owner_id")) today.push("owner_id");
  for (const column of today) if (!IDENTIFIER.test(column)) throw new Error(`Invalid column name: ${column}`);
  // One scan of accounts: the metric SQL selects today's columns beside the recomputed ones.
  return Prisma.raw(accountMetricsSql(asOf, { ordersUpToAsOf: true, accountColumns: today, accountsWhere: `acc.created_at < ${asOf} + 1` }));
}

/** Accounts created after `day`: left out of a backtest as of it. */
export function createdAfter(day: IsoDate): Prisma.Sql {
  return Prisma.raw(`SELECT count(*)::int AS n FROM accounts WHERE created_at >= ${dateLiteral(day)} + 1`);
}
