/**
 * Condition values: one zod shape per value kind (operators.ts), plus the checks that depend
 * on the field (whole numbers, allowed options, known technologies).
 */
import { z } from "@/lib/validation/zod";
import { TechCategory } from "@/lib/generated/prisma/enums";
import { isIsoDate } from "@/lib/segmentation/dates";
import { staticOptions, type FieldDefinition } from "@/lib/segmentation/fields";
import type { ValueKind } from "@/lib/segmentation/operators";
import { lowerFirst } from "@/lib/segmentation/format";

/** Bigger magnitudes are typos, and stay exact both as JS doubles and as SQL bigint. */
export const MAX_ABS_NUMBER = 1e15;
/** A century: any larger day count is a typo. */
export const MAX_DAYS = 36_500;
export const MAX_LIST_ITEMS = 200;
export const MAX_TEXT_LENGTH = 200;
export const MAX_TAG_LENGTH = 60;

const number = z
  .number({ error: "must be a number" })
  .min(-MAX_ABS_NUMBER, { error: "is too small" })
  .max(MAX_ABS_NUMBER, { error: "is too large" });

const isoDate = z
  .string({ error: "must be a date written YYYY-MM-DD" })
  .refine(isIsoDate, { error: "must be a real date written YYYY-MM-DD" })
  .refine((date) => date >= "1900-01-01" && date <= "2999-12-31", { error: "must be between 1900 and 2999" });

const dayCount = z
  .number({ error: "must be a number of days" })
  .int({ error: "must be a whole number of days" })
  .min(0, { error: "day count cannot be negative" })
  .max(MAX_DAYS, { error: `day count cannot exceed ${MAX_DAYS.toLocaleString("en-US")}` });

const technologyId = z
  .number({ error: "must be a technology id" })
  .int({ error: "must be a technology id" })
  .positive({ error: "must be a technology id" })
  .max(2_147_483_647, { error: "must be a technology id" });

const technologyIds = z
  .array(technologyId, { error: "must be a list of technology ids" })
  .min(1, { error: "choose at least one technology" })
  .max(MAX_LIST_ITEMS, { error: `choose at most ${MAX_LIST_ITEMS} technologies` });

export const VALUE_SHAPES = {
  none: z
    .null({ error: "this operator takes no value" })
    .optional()
    .transform(() => null),
  number,
  range: z
    .strictObject({ min: number, max: number }, { error: "must be a range { min, max }" })
    .refine((range) => range.min <= range.max, { error: "minimum is greater than maximum" }),
  date: isoDate,
  dateRange: z
    .strictObject({ from: isoDate, to: isoDate }, { error: "must be a date range { from, to }" })
    .refine((range) => range.from <= range.to, { error: "start date is after end date" }),
  days: dayCount,
  options: z
    .array(z.string({ error: "must be a value name" }), { error: "must be a list of values" })
    .min(1, { error: "choose at least one value" })
    .max(MAX_LIST_ITEMS, { error: `choose at most ${MAX_LIST_ITEMS} values` }),
  text: z
    .string({ error: "must be text" })
    .max(MAX_TEXT_LENGTH, { error: `must be at most ${MAX_TEXT_LENGTH} characters` })
    .refine((text) => text.trim().length > 0, { error: "cannot be blank" }),
  tags: z
    .array(
      z
        .string({ error: "must be a tag" })
        .max(MAX_TAG_LENGTH, { error: `must be at most ${MAX_TAG_LENGTH} characters` })
        .refine((tag) => tag.trim().length > 0, { error: "cannot be blank" }),
      { error: "must be a list of tags" },
    )
    .min(1, { error: "choose at least one tag" })
    .max(MAX_LIST_ITEMS, { error: `choose at most ${MAX_LIST_ITEMS} tags` }),
  technologyIds,
  categories: z
    .array(z.enum(TechCategory, { error: "is not a technology category" }), { error: "must be a list of categories" })
    .min(1, { error: "choose at least one category" })
    .max(MAX_LIST_ITEMS, { error: `choose at most ${MAX_LIST_ITEMS} categories` }),
  detectedWithin: z.strictObject(
    { days: dayCount, technologyIds: technologyIds.optional() },
    { error: "must be { days, technologyIds? }" },
  ),
} as const satisfies { readonly [K in ValueKind]: z.ZodType };

export type ValueOfKind<K extends ValueKind> = z.output<(typeof VALUE_SHAPES)[K]>;

/** What is known only at runtime, for checks the registry cannot make on its own. */
export interface RuleContext {
  /** Ids of users who may own accounts: owner conditions must name one of them. */
  readonly userIds?: ReadonlySet<string>;
  /** Ids of catalogue technologies: technology conditions must name one of them. */
  readonly technologyIds?: ReadonlySet<number>;
}

export interface ValueIssue {
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** Field-dependent checks on a value that already has the right shape. */
export function checkValueForField(
  field: FieldDefinition,
  kind: ValueKind,
  value: unknown,
  context: RuleContext,
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  if (field.type === "number" || field.type === "money") {
    if (field.integer) {
      const wholes: [string | null, unknown][] =
        kind === "range" && isRecord(value) ? [["min", value.min], ["max", value.max]] : [[null, value]];
      for (const [key, n] of wholes) {
        if (typeof n === "number" && !Number.isInteger(n)) {
          issues.push({ message: `${key ?? "value"} must be a whole number`, path: key ? [key] : [] });
        }
      }
    }
  }
  if ((kind === "options" || kind === "tags") && Array.isArray(value)) {
    const allowed = allowedValues(field, context);
    if (allowed) {
      value.forEach((item, index) => {
        if (typeof item === "string" && !allowed.has(item)) {
          const message = `${quote(item)} is not an option for ${lowerFirst(field.label)}${describeChoices(field)}`;
          issues.push({ message, path: [index] });
        }
      });
    }
  }
  if (context.technologyIds) {
    const ids = kind === "technologyIds" ? value : kind === "detectedWithin" && isRecord(value) ? value.technologyIds : undefined;
    if (Array.isArray(ids)) {
      ids.forEach((id, index) => {
        if (typeof id === "number" && !context.technologyIds?.has(id)) {
          const path = kind === "detectedWithin" ? ["technologyIds", index] : [index];
          issues.push({ message: `technology ${id} is not in the catalogue`, path });
        }
      });
    }
  }
  return issues;
}

function allowedValues(field: FieldDefinition, context: RuleContext): ReadonlySet<string> | null {
  if (field.type === "enum" && field.options.kind === "dynamic") return context.userIds ?? null;
  if (field.type === "enum" || (field.type === "tags" && field.options)) {
    return new Set(staticOptions(field).map((option) => option.value));
  }
  return null;
}

function describeChoices(field: FieldDefinition): string {
  const options = staticOptions(field);
  if (options.length === 0) return "";
  return ` (choose from ${options.map((option) => option.label).join(", ")})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Quote untrusted text for a message, cut short so a huge input cannot flood the UI. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
