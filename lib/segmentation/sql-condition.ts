/**
 * One condition compiled to a PostgreSQL boolean over `accounts a`. Identifiers come only from
 * the field registry; every value is a bound parameter with an explicit CAST (the driver sends
 * untyped parameters). Each result is TRUE or FALSE, never NULL, so NOT and OR above it behave
 * like the evaluator's two-valued logic (evaluate-condition.ts).
 * Technology conditions test the account's technology_ids array (a trigger keeps it equal to its
 * account_technologies rows). Other conditions on related rows (campaign responses, detection
 * dates) are written `a.id IN (uncorrelated subquery)`: PostgreSQL computes the set once and probes
 * a hash per account, where a correlated EXISTS inside OR / NOT / CASE would run an index lookup
 * for every account.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { techCategoryMask } from "@/lib/domain/tech-category-bits";
import type { IsoDate } from "@/lib/segmentation/dates";
import { getField, type EnumFieldDefinition, type FieldSql } from "@/lib/segmentation/fields";
import { NON_RESPONSE_OUTCOMES } from "@/lib/segmentation/options";
import {
  classify,
  type DateCondition,
  type EnumCondition,
  type NumericCondition,
  type RuleCondition,
  type TagsCondition,
  type TechnologyCondition,
  type TextCondition,
} from "@/lib/segmentation/rule";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `a."column"`: the name is a registry constant, checked anyway so a typo cannot become SQL. */
function column(name: string): Prisma.Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid column name in the field registry: ${name}`);
  return Prisma.raw(`a."${name}"`);
}

/** A bound parameter with its SQL type. */
function param(value: string | number, type: string): Prisma.Sql {
  if (!IDENTIFIER.test(type)) throw new Error(`Invalid SQL type: ${type}`);
  return Prisma.sql`CAST(${value} AS ${Prisma.raw(type === type.toLowerCase() ? type : `"${type}"`)})`;
}

function list(values: readonly (string | number)[], type: string): Prisma.Sql {
  return Prisma.join(values.map((value) => param(value, type)));
}

/** NULL becomes FALSE: the evaluator treats a comparison with an empty value as false. */
function isTrue(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE((${expression}), FALSE)`;
}

function not(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(NOT ${expression})`;
}

function asOfDate(asOf: IsoDate): Prisma.Sql {
  return param(asOf, "date");
}

export function compileCondition(condition: RuleCondition, asOf: IsoDate): Prisma.Sql {
  const c = classify(condition);
  switch (c.type) {
    case "numeric":
      return numeric(c.condition, asOf);
    case "date":
      return date(c.condition, asOf);
    case "enum":
      return enumeration(c.condition);
    case "text":
      return text(c.condition);
    case "tags":
      return tags(c.condition);
    case "technology":
      return technology(c.condition, asOf);
  }
}

/** The value of a number / money field (compileNumericField in sql.ts). */
export function scalar(sql: FieldSql, asOf: IsoDate): Prisma.Sql {
  switch (sql.kind) {
    case "column":
      return column(sql.column);
    case "daysSince":
      // Computed, not the stored days_since_last_order, so it always agrees with the evaluation date.
      return Prisma.sql`(${asOfDate(asOf)} - ${column(sql.column)})`;
    default:
      throw new Error(`${sql.kind} is not a scalar field`);
  }
}

function numeric(condition: NumericCondition, asOf: IsoDate): Prisma.Sql {
  const field = getField(condition.field);
  const x = scalar(field.sql, asOf);
  // bigint keeps integer-column indexes usable (int4 vs int8 compare in one operator family).
  const type = field.integer ? "bigint" : "numeric";
  switch (condition.operator) {
    case "is_empty":
      return Prisma.sql`(${x} IS NULL)`;
    case "is_not_empty":
      return Prisma.sql`(${x} IS NOT NULL)`;
    case "eq":
      return isTrue(Prisma.sql`${x} = ${param(condition.value, type)}`);
    case "neq":
      return not(isTrue(Prisma.sql`${x} = ${param(condition.value, type)}`));
    case "lt":
      return isTrue(Prisma.sql`${x} < ${param(condition.value, type)}`);
    case "lte":
      return isTrue(Prisma.sql`${x} <= ${param(condition.value, type)}`);
    case "gt":
      return isTrue(Prisma.sql`${x} > ${param(condition.value, type)}`);
    case "gte":
      return isTrue(Prisma.sql`${x} >= ${param(condition.value, type)}`);
    case "between":
      return isTrue(Prisma.sql`${x} BETWEEN ${param(condition.value.min, type)} AND ${param(condition.value.max, type)}`);
  }
}

function date(condition: DateCondition, asOf: IsoDate): Prisma.Sql {
  const x = column(getField(condition.field).sql.column);
  switch (condition.operator) {
    case "before":
      return isTrue(Prisma.sql`${x} < ${param(condition.value, "date")}`);
    case "after":
      return isTrue(Prisma.sql`${x} > ${param(condition.value, "date")}`);
    case "between":
      return isTrue(Prisma.sql`${x} BETWEEN ${param(condition.value.from, "date")} AND ${param(condition.value.to, "date")}`);
    case "within_last_days":
      return isTrue(Prisma.sql`${x} BETWEEN ${daysAgo(asOf, condition.value)} AND ${asOfDate(asOf)}`);
    case "more_than_days_ago":
      return isTrue(Prisma.sql`${x} < ${daysAgo(asOf, condition.value)}`);
  }
}

function daysAgo(asOf: IsoDate, days: number): Prisma.Sql {
  return Prisma.sql`(${asOfDate(asOf)} - ${param(days, "integer")})`;
}

function enumeration(condition: EnumCondition): Prisma.Sql {
  const field: EnumFieldDefinition = getField(condition.field);
  // Cast values to the column's own enum type so its index stays usable.
  const any = isTrue(Prisma.sql`${column(field.sql.column)} IN (${list(condition.value, field.pgEnum ?? "text")})`);
  return condition.operator === "any_of" ? any : not(any);
}

/** Both sides folded by the built-in C.UTF-8 collation, whatever the database locale (fold.ts). */
function folded(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`lower(${expression} COLLATE pg_c_utf8)`;
}

function text(condition: TextCondition): Prisma.Sql {
  const x = folded(column(getField(condition.field).sql.column));
  const value = folded(param(condition.value, "text"));
  switch (condition.operator) {
    case "equals":
      return isTrue(Prisma.sql`${x} = ${value}`);
    case "contains":
      // strpos, not LIKE: the value may contain % or _.
      return isTrue(Prisma.sql`strpos(${x}, ${value}) > 0`);
    case "starts_with":
      return isTrue(Prisma.sql`starts_with(${x}, ${value})`);
  }
}

function tags(condition: TagsCondition): Prisma.Sql {
  const field = getField(condition.field);
  if (field.sql.kind === "respondedChannels") return respondedChannels(condition);
  const x = column(field.sql.column);
  const wanted = Prisma.sql`ARRAY[${list(condition.value, "text")}]`;
  switch (condition.operator) {
    case "has_any":
      return isTrue(Prisma.sql`${x} && ${wanted}`);
    case "has_all":
      return isTrue(Prisma.sql`${x} @> ${wanted}`);
    case "has_none":
      return not(isTrue(Prisma.sql`${x} && ${wanted}`));
  }
}

function respondedChannels(condition: TagsCondition): Prisma.Sql {
  const responded = (channels: readonly string[]) => Prisma.sql`a.id IN (
    SELECT tw_cr.account_id FROM campaign_responses tw_cr
    WHERE tw_cr.outcome NOT IN (${list(NON_RESPONSE_OUTCOMES, "CampaignOutcome")})
      AND tw_cr.channel IN (${list(channels, "CampaignChannel")}))`;
  switch (condition.operator) {
    case "has_any":
      return responded(condition.value);
    case "has_all":
      return allOf(condition.value.map((channel) => responded([channel])));
    case "has_none":
      return not(responded(condition.value));
  }
}

function technology(condition: TechnologyCondition, asOf: IsoDate): Prisma.Sql {
  // a.technology_ids mirrors the account's account_technologies rows (kept by a trigger).
  const overlaps = (ids: Prisma.Sql) => isTrue(Prisma.sql`a.technology_ids && ${ids}`);
  const ids = (values: readonly number[]) => Prisma.sql`ARRAY[${list(values, "integer")}]::integer[]`;
  switch (condition.operator) {
    case "has_any":
      return overlaps(ids(condition.value));
    case "has_all":
      return isTrue(Prisma.sql`a.technology_ids @> ${ids(condition.value)}`);
    case "has_none":
      return not(overlaps(ids(condition.value)));
    case "in_category":
      // a.technology_categories holds the account's categories as bits (kept by the same trigger):
      // one integer test per account instead of an array overlap with the categories' technologies.
      return isTrue(Prisma.sql`(a.technology_categories & ${techCategoryMask(condition.value)}::int) <> 0`);
    case "detected_within_days": {
      const { days, technologyIds } = condition.value;
      const which = technologyIds ? Prisma.sql`AND tw_at.technology_id IN (${list(technologyIds, "integer")})` : Prisma.empty;
      return Prisma.sql`a.id IN (
        SELECT tw_at.account_id FROM account_technologies tw_at
        WHERE tw_at.first_detected_at BETWEEN ${daysAgo(asOf, days)} AND ${asOfDate(asOf)} ${which})`;
    }
  }
}

/**
 * Where two conditions on the same field with the same operator, differing only in their values,
 * can evaluate differently: a condition on `accounts a` that the field's column index can answer
 * (a range between the lowest and the highest of both values; for an enum, the values only one of
 * them lists). A NULL column makes both false (or both true, negated), so it is never inside.
 * Null when no such condition is known: emptiness tests, text, tags and technologies.
 */
export function compileDisagreement(before: RuleCondition, after: RuleCondition, asOf: IsoDate): Prisma.Sql | null {
  if (before.field !== after.field || before.operator !== after.operator) return null;
  const b = classify(before);
  const a = classify(after);
  if (b.type === "numeric" && a.type === "numeric") return numericDisagreement(b.condition, a.condition, asOf);
  if (b.type === "date" && a.type === "date") return dateDisagreement(b.condition, a.condition, asOf);
  if (b.type === "enum" && a.type === "enum") {
    const field: EnumFieldDefinition = getField(b.condition.field);
    const only = [
      ...b.condition.value.filter((v) => !a.condition.value.includes(v)),
      ...a.condition.value.filter((v) => !b.condition.value.includes(v)),
    ];
    if (only.length === 0) return Prisma.sql`FALSE`;
    return Prisma.sql`${column(field.sql.column)} IN (${list(only, field.pgEnum ?? "text")})`;
  }
  return null;
}

/** The values a numeric condition compares with (none for an emptiness test). */
function numericBounds(condition: NumericCondition): number[] {
  switch (condition.operator) {
    case "is_empty":
    case "is_not_empty":
      return [];
    case "between":
      return [condition.value.min, condition.value.max];
    default:
      return [condition.value];
  }
}

/** The largest day count `date - n` takes (PostgreSQL's integer). */
const MAX_DAYS = 2_147_483_647;

function numericDisagreement(before: NumericCondition, after: NumericCondition, asOf: IsoDate): Prisma.Sql | null {
  const values = [...numericBounds(before), ...numericBounds(after)];
  if (values.length === 0) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const field = getField(before.field);
  if (field.sql.kind === "column") {
    const type = field.integer ? "bigint" : "numeric";
    return Prisma.sql`${column(field.sql.column)} BETWEEN ${param(low, type)} AND ${param(high, type)}`;
  }
  // Days since a date between low and high: the date between asOf - high and asOf - low.
  if (![low, high].every((days) => Number.isInteger(days) && Math.abs(days) <= MAX_DAYS)) return null;
  return Prisma.sql`${column(field.sql.column)} BETWEEN ${daysAgo(asOf, high)} AND ${daysAgo(asOf, low)}`;
}

function dateDisagreement(before: DateCondition, after: DateCondition, asOf: IsoDate): Prisma.Sql | null {
  const x = column(getField(before.field).sql.column);
  const fixed = [...dateBounds(before), ...dateBounds(after)].sort();
  // ISO dates sort as text in calendar order.
  if (fixed.length > 0) return Prisma.sql`${x} BETWEEN ${param(fixed[0]!, "date")} AND ${param(fixed[fixed.length - 1]!, "date")}`;
  // within_last_days, more_than_days_ago: both compare the date with asOf minus their day counts.
  const days = [...dayCounts(before), ...dayCounts(after)];
  if (days.length === 0 || !days.every((d) => Number.isInteger(d) && Math.abs(d) <= MAX_DAYS)) return null;
  return Prisma.sql`${x} BETWEEN ${daysAgo(asOf, Math.max(...days))} AND ${daysAgo(asOf, Math.min(...days))}`;
}

function dateBounds(condition: DateCondition): string[] {
  switch (condition.operator) {
    case "before":
    case "after":
      return [condition.value];
    case "between":
      return [condition.value.from, condition.value.to];
    default:
      return [];
  }
}

function dayCounts(condition: DateCondition): number[] {
  switch (condition.operator) {
    case "within_last_days":
    case "more_than_days_ago":
      return [condition.value];
    default:
      return [];
  }
}

function allOf(parts: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}
