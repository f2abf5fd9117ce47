/**
 * The operator list: which operators each field type offers, their labels, and the shape of
 * the value each one takes. Validation, the compiler, the evaluator, text and the editor read it.
 */
import type { FieldType } from "@/lib/segmentation/field-types";

/**
 * The value an operator needs:
 * - none: no value (is empty / is not empty); stored as null
 * - number: a number; range: { min, max } inclusive
 * - date: "YYYY-MM-DD"; dateRange: { from, to } inclusive
 * - days: a whole number of days >= 0
 * - options: enum values (at least one); text: a non-blank string; tags: tag strings (at least one)
 * - technologyIds: catalogue technology ids; categories: technology categories
 * - detectedWithin: { days, technologyIds? }: a technology (any, or one of those listed) first
 *   detected within the last `days` days, counting the evaluation date itself
 */
export type ValueKind =
  | "none"
  | "number"
  | "range"
  | "date"
  | "dateRange"
  | "days"
  | "options"
  | "text"
  | "tags"
  | "technologyIds"
  | "categories"
  | "detectedWithin";

export interface OperatorDefinition {
  readonly key: string;
  /** Reads after the field label: "Lifetime value" + "is at least". */
  readonly label: string;
  /** Compact form for gaps and chips ("≥"); null when there is none. */
  readonly symbol: string | null;
  readonly value: ValueKind;
}

const NUMERIC_OPERATORS = [
  { key: "eq", label: "is", symbol: "=", value: "number" },
  { key: "neq", label: "is not", symbol: "≠", value: "number" },
  { key: "lt", label: "is less than", symbol: "<", value: "number" },
  { key: "lte", label: "is at most", symbol: "≤", value: "number" },
  { key: "gt", label: "is more than", symbol: ">", value: "number" },
  { key: "gte", label: "is at least", symbol: "≥", value: "number" },
  { key: "between", label: "is between", symbol: null, value: "range" },
  { key: "is_empty", label: "is empty", symbol: null, value: "none" },
  { key: "is_not_empty", label: "is not empty", symbol: null, value: "none" },
] as const satisfies readonly OperatorDefinition[];

export const OPERATORS_BY_TYPE = {
  number: NUMERIC_OPERATORS,
  money: NUMERIC_OPERATORS,
  date: [
    { key: "before", label: "is before", symbol: "<", value: "date" },
    { key: "after", label: "is after", symbol: ">", value: "date" },
    { key: "between", label: "is between", symbol: null, value: "dateRange" },
    { key: "within_last_days", label: "is within the last N days", symbol: null, value: "days" },
    { key: "more_than_days_ago", label: "is more than N days ago", symbol: null, value: "days" },
  ],
  enum: [
    { key: "any_of", label: "is any of", symbol: null, value: "options" },
    { key: "none_of", label: "is none of", symbol: null, value: "options" },
  ],
  text: [
    { key: "equals", label: "is", symbol: null, value: "text" },
    { key: "contains", label: "contains", symbol: null, value: "text" },
    { key: "starts_with", label: "starts with", symbol: null, value: "text" },
  ],
  tags: [
    { key: "has_any", label: "has any of", symbol: null, value: "tags" },
    { key: "has_all", label: "has all of", symbol: null, value: "tags" },
    { key: "has_none", label: "has none of", symbol: null, value: "tags" },
  ],
  technology: [
    { key: "has_any", label: "include any of", symbol: null, value: "technologyIds" },
    { key: "has_all", label: "include all of", symbol: null, value: "technologyIds" },
    { key: "has_none", label: "include none of", symbol: null, value: "technologyIds" },
    { key: "in_category", label: "include any in category", symbol: null, value: "categories" },
    { key: "detected_within_days", label: "include one first detected within the last N days", symbol: null, value: "detectedWithin" },
  ],
} as const satisfies { readonly [T in FieldType]: readonly OperatorDefinition[] };

export type OperatorOfType<T extends FieldType> = (typeof OPERATORS_BY_TYPE)[T][number]["key"];
export type Operator = OperatorOfType<FieldType>;
/** The value kind an operator of a field type takes. */
export type ValueKindOf<T extends FieldType, O extends string> = Extract<
  (typeof OPERATORS_BY_TYPE)[T][number],
  { key: O }
>["value"];

export function operatorsFor(type: FieldType): readonly OperatorDefinition[] {
  return OPERATORS_BY_TYPE[type];
}

/** The operator of a field type named by untrusted input, or undefined when not allowed. */
export function findOperator(type: FieldType, key: string): OperatorDefinition | undefined {
  return operatorsFor(type).find((operator) => operator.key === key);
}

export function getOperator(type: FieldType, key: string): OperatorDefinition {
  const operator = findOperator(type, key);
  if (!operator) throw new Error(`Operator ${key} is not allowed for ${type} fields`);
  return operator;
}
