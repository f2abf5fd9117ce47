/**
 * The rule tree's types, derived from the field registry and the operator list so a condition's
 * value type follows from its field type and operator; plus small helpers to walk a tree.
 */
import type { FieldType } from "@/lib/segmentation/field-types";
import { getField, type FieldKeyOfType } from "@/lib/segmentation/fields";
import type { OperatorOfType, ValueKindOf } from "@/lib/segmentation/operators";
import type { ValueOfKind } from "@/lib/segmentation/values";

type ConditionsOfType<T extends FieldType> = {
  [O in OperatorOfType<T>]: {
    kind: "condition";
    /** Stable id chosen by the editor, unique within the rule; errors and traces refer to it. */
    id: string;
    field: FieldKeyOfType<T>;
    operator: O;
    value: ValueOfKind<ValueKindOf<T, O>>;
  };
}[OperatorOfType<T>];

export type NumericCondition = ConditionsOfType<"number" | "money">;
export type DateCondition = ConditionsOfType<"date">;
export type EnumCondition = ConditionsOfType<"enum">;
export type TextCondition = ConditionsOfType<"text">;
export type TagsCondition = ConditionsOfType<"tags">;
export type TechnologyCondition = ConditionsOfType<"technology">;

export type RuleCondition =
  | NumericCondition
  | DateCondition
  | EnumCondition
  | TextCondition
  | TagsCondition
  | TechnologyCondition;

export interface RuleGroup {
  kind: "group";
  op: "and" | "or";
  /** NOT of the whole group. */
  negate?: boolean;
  /** An empty AND matches every account, an empty OR none. */
  children: RuleNode[];
}

export type RuleNode = RuleGroup | RuleCondition;

/** A condition narrowed by its field's type, so `operator` then narrows `value`. */
export type ClassifiedCondition =
  | { type: "numeric"; condition: NumericCondition }
  | { type: "date"; condition: DateCondition }
  | { type: "enum"; condition: EnumCondition }
  | { type: "text"; condition: TextCondition }
  | { type: "tags"; condition: TagsCondition }
  | { type: "technology"; condition: TechnologyCondition };

/**
 * Classify a validated condition by its field's type. The casts are sound because parseRule
 * only lets through conditions whose operator and value match their field's type.
 */
export function classify(condition: RuleCondition): ClassifiedCondition {
  const type = getField(condition.field).type;
  switch (type) {
    case "number":
    case "money":
      return { type: "numeric", condition: condition as NumericCondition };
    case "date":
      return { type: "date", condition: condition as DateCondition };
    case "enum":
      return { type: "enum", condition: condition as EnumCondition };
    case "text":
      return { type: "text", condition: condition as TextCondition };
    case "tags":
      return { type: "tags", condition: condition as TagsCondition };
    case "technology":
      return { type: "technology", condition: condition as TechnologyCondition };
  }
}

export type RulePath = (string | number)[];

/** `Condition 3 ("Lifetime value is between")`: how every message names a condition. */
export function conditionName(index: number, fieldLabel: string | null, operatorLabel: string | null): string {
  const described = [fieldLabel, operatorLabel]
    .filter((part): part is string => part !== null && part.trim() !== "")
    .join(" ");
  if (described.length === 0) return `Condition ${index}`;
  return `Condition ${index} (${JSON.stringify(described)})`;
}

export interface ConditionEntry {
  condition: RuleCondition;
  /** 1-based position in reading order (depth-first), as used in messages: "Condition 3". */
  index: number;
  path: RulePath;
}

/** Every condition of a tree in reading order. */
export function listConditions(rule: RuleNode): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  const visit = (node: RuleNode, path: (string | number)[]) => {
    if (node.kind === "condition") {
      entries.push({ condition: node, index: entries.length + 1, path });
      return;
    }
    node.children.forEach((child, i) => visit(child, [...path, "children", i]));
  };
  visit(rule, []);
  return entries;
}
