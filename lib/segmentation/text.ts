/**
 * Plain-language rendering of rules, e.g.
 * "Lifetime value is at least $250,000 and (uses any CRM technology or hosting preference is Cloud)".
 */
import { getField, type FieldDefinition } from "@/lib/segmentation/fields";
import {
  categoryLabel,
  formatDate,
  formatDays,
  formatNumeric,
  joinWords,
  lowerFirst,
  optionLabel,
  technologyLabel,
  upperFirst,
  type NameLookups,
} from "@/lib/segmentation/format";
import { getOperator } from "@/lib/segmentation/operators";
import { classify, type RuleCondition, type RuleNode, type TechnologyCondition } from "@/lib/segmentation/rule";

/** The whole rule as one sentence. */
export function describeRule(rule: RuleNode, lookups: NameLookups = {}): string {
  return upperFirst(describeNode(rule, lookups, false));
}

function describeNode(node: RuleNode, lookups: NameLookups, nested: boolean): string {
  if (node.kind === "condition") return describeCondition(node, lookups);
  const parts = node.children.map((child) => describeNode(child, lookups, true));
  const body = parts.length === 0 ? (node.op === "and" ? "every account" : "no account") : parts.join(` ${node.op} `);
  if (node.negate) return `not (${body})`;
  return nested && parts.length > 1 ? `(${body})` : body;
}

/** One condition, mid-sentence form: "lifetime value is at least $250,000", "uses any CRM technology". */
export function describeCondition(condition: RuleCondition, lookups: NameLookups = {}): string {
  const field = getField(condition.field);
  const subject = lowerFirst(field.label);
  const c = classify(condition);
  switch (c.type) {
    case "numeric": {
      const { condition: n } = c;
      const format = (value: number) => formatNumeric(field, value);
      switch (n.operator) {
        case "between":
          return `${subject} is between ${format(n.value.min)} and ${format(n.value.max)}`;
        case "is_empty":
        case "is_not_empty":
          return `${subject} ${operatorLabel(field, n.operator)}`;
        default:
          return `${subject} ${operatorLabel(field, n.operator)} ${format(n.value)}`;
      }
    }
    case "date": {
      const { condition: d } = c;
      switch (d.operator) {
        case "before":
        case "after":
          return `${subject} is ${d.operator} ${formatDate(d.value)}`;
        case "between":
          return `${subject} is between ${formatDate(d.value.from)} and ${formatDate(d.value.to)}`;
        case "within_last_days":
          return `${subject} is within the last ${formatDays(d.value)}`;
        case "more_than_days_ago":
          return `${subject} is more than ${formatDays(d.value)} ago`;
      }
    }
    case "enum": {
      const labels = c.condition.value.map((value) => optionLabel(field, value, lookups));
      return `${subject} ${c.condition.operator === "any_of" ? `is ${joinWords(labels, "or")}` : isNoneOf(labels)}`;
    }
    case "text": {
      const verb = { equals: "is", contains: "contains", starts_with: "starts with" }[c.condition.operator];
      return `${subject} ${verb} ${JSON.stringify(c.condition.value)}`;
    }
    case "tags": {
      const labels = c.condition.value.map((value) => optionLabel(field, value, lookups));
      switch (c.condition.operator) {
        case "has_any":
          return `${subject} includes ${labels.length > 1 ? "any of " : ""}${joinWords(labels, "or")}`;
        case "has_all":
          return `${subject} includes ${labels.length > 1 ? "all of " : ""}${joinWords(labels, "and")}`;
        case "has_none":
          return labels.length > 1 ? `${subject} includes none of ${joinWords(labels, "or")}` : `${subject} does not include ${labels[0]}`;
      }
    }
    case "technology":
      return describeTechnology(c.condition, lookups);
  }
}

function describeTechnology(condition: TechnologyCondition, lookups: NameLookups): string {
  switch (condition.operator) {
    case "has_any":
      return `uses ${joinWords(names(condition.value, lookups), "or")}`;
    case "has_all":
      return `uses ${joinWords(names(condition.value, lookups), "and")}`;
    case "has_none":
      return `does not use ${joinWords(names(condition.value, lookups), "or")}`;
    case "in_category":
      return `uses any ${joinWords(condition.value.map((category) => lowerFirst(categoryLabel(category))), "or")} technology`;
    case "detected_within_days": {
      const { days, technologyIds } = condition.value;
      const what = technologyIds ? joinWords(names(technologyIds, lookups), "or") : "a technology";
      return `has ${what} first detected within the last ${formatDays(days)}`;
    }
  }
}

/** The condition's value alone, for traces and chips: "$250,000", "Cloud or Hybrid", "30 days". */
export function describeValue(condition: RuleCondition, lookups: NameLookups = {}): string {
  const field = getField(condition.field);
  const c = classify(condition);
  switch (c.type) {
    case "numeric": {
      const { condition: n } = c;
      if (n.operator === "between") return `${formatNumeric(field, n.value.min)} – ${formatNumeric(field, n.value.max)}`;
      if (n.operator === "is_empty" || n.operator === "is_not_empty") return "";
      return formatNumeric(field, n.value);
    }
    case "date": {
      const { condition: d } = c;
      if (d.operator === "between") return `${formatDate(d.value.from)} – ${formatDate(d.value.to)}`;
      if (d.operator === "before" || d.operator === "after") return formatDate(d.value);
      return formatDays(d.value);
    }
    case "enum": {
      const labels = c.condition.value.map((value) => optionLabel(field, value, lookups));
      return joinWords(labels, c.condition.operator === "any_of" ? "or" : "and");
    }
    case "text":
      return JSON.stringify(c.condition.value);
    case "tags": {
      const labels = c.condition.value.map((value) => optionLabel(field, value, lookups));
      return joinWords(labels, c.condition.operator === "has_all" ? "and" : "or");
    }
    case "technology": {
      const { condition: t } = c;
      if (t.operator === "in_category") return joinWords(t.value.map(categoryLabel), "or");
      if (t.operator === "detected_within_days") {
        const which = t.value.technologyIds ? joinWords(names(t.value.technologyIds, lookups), "or") : "any technology";
        return `${which}, last ${formatDays(t.value.days)}`;
      }
      return joinWords(names(t.value, lookups), t.operator === "has_all" ? "and" : "or");
    }
  }
}

function isNoneOf(labels: readonly string[]): string {
  if (labels.length === 1) return `is not ${labels[0]}`;
  if (labels.length === 2) return `is neither ${labels[0]} nor ${labels[1]}`;
  return `is none of ${joinWords(labels, "or")}`;
}

function operatorLabel(field: FieldDefinition, operator: string): string {
  return getOperator(field.type, operator).label;
}

function names(ids: readonly number[], lookups: NameLookups): string[] {
  return ids.map((id) => technologyLabel(id, lookups));
}
