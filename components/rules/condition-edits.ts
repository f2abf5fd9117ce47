/**
 * Choosing a condition's field or operator in the builder: which operator a field starts with,
 * what an empty value of each kind looks like, and what of the old value survives the change.
 */
import { findField, type FieldDefinition } from "@/lib/segmentation/fields";
import type { FieldType } from "@/lib/segmentation/field-types";
import { findOperator, operatorsFor, type ValueKind } from "@/lib/segmentation/operators";
import { isRecord, type EditorCondition } from "./rule-tree";

/**
 * The operator a newly chosen field starts with: the registry's first operator for its type,
 * except where a threshold reads more naturally ("is at least", "within the last N days").
 */
const PREFERRED_OPERATOR: Partial<Record<FieldType, string>> = {
  number: "gte",
  money: "gte",
  date: "within_last_days",
};

export function defaultOperator(field: FieldDefinition): string {
  const preferred = PREFERRED_OPERATOR[field.type];
  if (preferred && findOperator(field.type, preferred)) return preferred;
  return operatorsFor(field.type)[0]?.key ?? "";
}

/** What an empty value of each kind looks like while it is being filled in. */
export function emptyValue(kind: ValueKind): unknown {
  switch (kind) {
    case "none":
    case "number":
      return null;
    case "range":
      return { min: null, max: null };
    case "date":
      return "";
    case "dateRange":
      return { from: "", to: "" };
    case "days":
      return 30;
    case "text":
      return "";
    case "options":
    case "tags":
    case "technologyIds":
    case "categories":
      return [];
    case "detectedWithin":
      return { days: 30 };
  }
}

/** The value kind a condition currently takes, or null while its field or operator is unknown. */
export function valueKindOf(condition: Pick<EditorCondition, "field" | "operator">): ValueKind | null {
  const field = findField(condition.field);
  if (!field) return null;
  return findOperator(field.type, condition.operator)?.value ?? null;
}

/** Choose a field: keep the operator and value when they still fit (e.g. one money field for another). */
export function withField(condition: EditorCondition, fieldKey: string): EditorCondition {
  const field = findField(fieldKey);
  if (!field) return { ...condition, field: fieldKey, operator: "", value: null };
  const previous = findField(condition.field);
  const sameType = previous && previous.type === field.type && findOperator(field.type, condition.operator);
  const keepValue = sameType && (field.type !== "enum" || previous.key === field.key);
  if (keepValue) return { ...condition, field: field.key };
  const operator = sameType ? condition.operator : defaultOperator(field);
  const kind = findOperator(field.type, operator)?.value ?? "none";
  return { ...condition, field: field.key, operator, value: emptyValue(kind) };
}

/** Choose an operator: keep the value when the new operator takes the same kind of value. */
export function withOperator(condition: EditorCondition, operatorKey: string): EditorCondition {
  const field = findField(condition.field);
  if (!field) return condition;
  const next = findOperator(field.type, operatorKey);
  if (!next) return condition;
  const before = findOperator(field.type, condition.operator);
  if (before?.value === next.value) return { ...condition, operator: next.key };
  return { ...condition, operator: next.key, value: carryValue(before?.value ?? null, next.value, condition.value) };
}

/** Carry what still makes sense across value kinds ("≥ 100" -> "between 100 and …"). */
function carryValue(from: ValueKind | null, to: ValueKind, value: unknown): unknown {
  if (from === "number" && to === "range") return { min: value ?? null, max: null };
  if (from === "range" && to === "number" && isRecord(value)) return value.min ?? null;
  if (from === "date" && to === "dateRange") return { from: typeof value === "string" ? value : "", to: "" };
  if (from === "dateRange" && to === "date" && isRecord(value)) return typeof value.from === "string" ? value.from : "";
  if (from === "technologyIds" && to === "detectedWithin" && Array.isArray(value) && value.length > 0) {
    return { days: 30, technologyIds: value };
  }
  if (from === "detectedWithin" && to === "technologyIds" && isRecord(value) && Array.isArray(value.technologyIds)) {
    return value.technologyIds;
  }
  return emptyValue(to);
}
