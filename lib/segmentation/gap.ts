/**
 * The gap to a tier: from the trace of a tier's rule, what the account is missing, e.g.
 * "needs lifetime value ≥ $250,000; has $180,000".
 */
import type { ConditionTrace, GroupTrace, TierAssignment, TraceNode } from "@/lib/segmentation/evaluate";
import { getField, type FieldKey } from "@/lib/segmentation/fields";
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
import { classify, type RuleCondition } from "@/lib/segmentation/rule";
import { describeRule } from "@/lib/segmentation/text";

export interface GapItem {
  conditionId: string;
  field: FieldKey;
  fieldLabel: string;
  /** "lifetime value ≥ $250,000" */
  needs: string;
  /** "$180,000" */
  has: string;
  /** "needs lifetime value ≥ $250,000; has $180,000" */
  text: string;
}

export type GapNode =
  | { kind: "condition"; item: GapItem }
  /** Every child is needed. */
  | { kind: "all"; children: GapNode[] }
  /** Any one child would do (a failing OR group). */
  | { kind: "any"; children: GapNode[] }
  /** A negated group that currently matches: the account must stop matching it. */
  | { kind: "not"; text: string }
  /** An empty OR group: nothing can satisfy it. */
  | { kind: "impossible"; text: string };

export interface Gap {
  /** True when the rule already matches: nothing is missing. */
  met: boolean;
  /** Every failing condition that stands in the way, in reading order. */
  items: GapItem[];
  tree: GapNode | null;
  text: string;
}

export function describeGap(trace: GroupTrace, lookups: NameLookups = {}): Gap {
  const tree = gapOf(trace, lookups);
  if (!tree) return { met: true, items: [], tree: null, text: "Already matches." };
  return { met: false, items: itemsOf(tree), tree, text: sentencesOf(tree).map((s) => `${upperFirst(s)}.`).join(" ") };
}

/**
 * The gap to the next tier up: the tier just above the assigned one (the lowest tier when the
 * account is untiered). Null at the top tier. Every tier above the assigned one was tried, so its
 * trace is in the assignment.
 */
export function gapToNextTier(
  assignment: TierAssignment,
  tierKeys: readonly string[],
  lookups: NameLookups = {},
): { tierKey: string; gap: Gap } | null {
  const current = assignment.tierKey === null ? tierKeys.length : tierKeys.indexOf(assignment.tierKey);
  const next = tierKeys[current - 1];
  if (current <= 0 || next === undefined) return null;
  const tried = assignment.tried.find((tier) => tier.key === next);
  if (!tried) return null;
  return { tierKey: next, gap: describeGap(tried.trace, lookups) };
}

function gapOf(node: TraceNode, lookups: NameLookups): GapNode | null {
  if (node.passed) return null;
  if (node.kind === "condition") return { kind: "condition", item: itemOf(node, lookups) };
  if (node.negate) {
    const inner = lowerFirst(describeRule({ ...node.group, negate: false }, lookups));
    return { kind: "not", text: `must no longer match: ${inner}` };
  }
  const children = node.children.map((child) => gapOf(child, lookups)).filter((gap): gap is GapNode => gap !== null);
  if (children.length === 0) return { kind: "impossible", text: "cannot match: an empty OR group matches no account" };
  if (children.length === 1) return children[0] ?? null;
  return { kind: node.op === "and" ? "all" : "any", children };
}

function itemOf(trace: ConditionTrace, lookups: NameLookups): GapItem {
  const needs = needsOf(trace.condition, lookups);
  const has = trace.actualDisplay;
  return { conditionId: trace.id, field: trace.field, fieldLabel: trace.fieldLabel, needs, has, text: `needs ${needs}; has ${has}` };
}

/** What would satisfy the condition, written compactly. */
function needsOf(condition: RuleCondition, lookups: NameLookups): string {
  const field = getField(condition.field);
  const subject = lowerFirst(field.label);
  const c = classify(condition);
  switch (c.type) {
    case "numeric": {
      const n = c.condition;
      const format = (value: number) => formatNumeric(field, value);
      if (n.operator === "between") return `${subject} between ${format(n.value.min)} and ${format(n.value.max)}`;
      if (n.operator === "is_empty") return `${subject} to be empty`;
      if (n.operator === "is_not_empty") return `${subject} to be set`;
      return `${subject} ${getOperator(field.type, n.operator).symbol ?? ""} ${format(n.value)}`;
    }
    case "date": {
      const d = c.condition;
      if (d.operator === "between") return `${subject} between ${formatDate(d.value.from)} and ${formatDate(d.value.to)}`;
      if (d.operator === "within_last_days") return `${subject} within the last ${formatDays(d.value)}`;
      if (d.operator === "more_than_days_ago") return `${subject} more than ${formatDays(d.value)} ago`;
      return `${subject} ${d.operator} ${formatDate(d.value)}`;
    }
    case "enum": {
      const labels = joinWords(c.condition.value.map((value) => optionLabel(field, value, lookups)), "or");
      return c.condition.operator === "any_of" ? `${subject} ${labels}` : `${subject} other than ${labels}`;
    }
    case "text": {
      const how = { equals: "", contains: "containing ", starts_with: "starting with " }[c.condition.operator];
      return `${subject} ${how}${JSON.stringify(c.condition.value)}`;
    }
    case "tags": {
      const labels = c.condition.value.map((value) => optionLabel(field, value, lookups));
      if (c.condition.operator === "has_none") return `${subject} without ${joinWords(labels, "or")}`;
      return `${subject} including ${joinWords(labels, c.condition.operator === "has_all" ? "and" : "or")}`;
    }
    case "technology": {
      const t = c.condition;
      const names = (ids: readonly number[], conjunction: "and" | "or") =>
        joinWords(ids.map((id) => technologyLabel(id, lookups)), conjunction);
      switch (t.operator) {
        case "has_any":
          return names(t.value, "or");
        case "has_all":
          return names(t.value, "and");
        case "has_none":
          return `none of ${t.value.map((id) => technologyLabel(id, lookups)).join(", ")}`;
        case "in_category": {
          const categories = joinWords(t.value.map((category) => lowerFirst(categoryLabel(category))), "or");
          return `${/^[aeiou]/i.test(categories) ? "an" : "a"} ${categories} technology`;
        }
        case "detected_within_days": {
          const which = t.value.technologyIds ? names(t.value.technologyIds, "or") : "a technology";
          return `${which} first detected within the last ${formatDays(t.value.days)}`;
        }
      }
    }
  }
}

function itemsOf(node: GapNode): GapItem[] {
  switch (node.kind) {
    case "condition":
      return [node.item];
    case "all":
    case "any":
      return node.children.flatMap(itemsOf);
    default:
      return [];
  }
}

/** All-of gaps become separate sentences; any-of gaps one "either … or …" sentence. */
function sentencesOf(node: GapNode): string[] {
  switch (node.kind) {
    case "condition":
      return [node.item.text];
    case "all":
      return node.children.flatMap(sentencesOf);
    case "any":
      return [`either ${node.children.map((child) => sentencesOf(child).join("; ")).join(", or ")}`];
    default:
      return [node.text];
  }
}
