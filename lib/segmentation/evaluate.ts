/**
 * The in-memory evaluator: does an account match a rule, and why. Every condition is evaluated
 * (no short-circuit) so the trace shows each one's pass or fail. Semantics match sql.ts.
 */
import { toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import { evaluateCondition, type ActualValue } from "@/lib/segmentation/evaluate-condition";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { getField, type FieldDefinition, type FieldKey } from "@/lib/segmentation/fields";
import {
  categoryLabel,
  formatDate,
  formatNumeric,
  optionLabel,
  technologyLabel,
  upperFirst,
  type NameLookups,
} from "@/lib/segmentation/format";
import { getOperator, type Operator } from "@/lib/segmentation/operators";
import type { RuleCondition, RuleGroup, RuleNode } from "@/lib/segmentation/rule";
import { describeCondition, describeValue } from "@/lib/segmentation/text";

export interface ConditionTrace {
  kind: "condition";
  id: string;
  field: FieldKey;
  fieldLabel: string;
  operator: Operator;
  operatorLabel: string;
  /** The condition's value as written in the rule. */
  expected: RuleCondition["value"];
  expectedDisplay: string;
  actual: ActualValue;
  actualDisplay: string;
  /** The condition as a sentence: "Lifetime value is at least $250,000". */
  description: string;
  passed: boolean;
  /** The condition itself, so gaps and explanations can re-render it. */
  condition: RuleCondition;
}

export interface GroupTrace {
  kind: "group";
  op: "and" | "or";
  negate: boolean;
  passed: boolean;
  children: TraceNode[];
  /** The group itself, so explanations can re-render it. */
  group: RuleGroup;
}

export type TraceNode = ConditionTrace | GroupTrace;

export interface Evaluation {
  matched: boolean;
  trace: GroupTrace;
}

export function evaluateRule(rule: RuleGroup, facts: AccountFacts, asOf: Date, lookups: NameLookups = {}): Evaluation {
  const trace = evaluateGroup(rule, facts, toIsoDate(asOf), lookups);
  return { matched: trace.passed, trace };
}

/**
 * Whether an account matches, without building a trace: for bulk evaluation (the trace's display
 * strings cost far more than the logic). Same logic as evaluateRule by construction.
 */
export function matchesRule(rule: RuleGroup, facts: AccountFacts, asOf: Date): boolean {
  return matchesNode(rule, facts, toIsoDate(asOf));
}

function matchesNode(node: RuleNode, facts: AccountFacts, asOf: IsoDate): boolean {
  if (node.kind === "condition") return evaluateCondition(node, facts, asOf).passed;
  return combine(node, node.children.map((child) => matchesNode(child, facts, asOf)));
}

/** Empty AND is true (every() of nothing), empty OR is false (some() of nothing), as in SQL. */
function combine(group: RuleGroup, results: readonly boolean[]): boolean {
  const raw = group.op === "and" ? results.every(Boolean) : results.some(Boolean);
  return group.negate ? !raw : raw;
}

function evaluateNode(node: RuleNode, facts: AccountFacts, asOf: IsoDate, lookups: NameLookups): TraceNode {
  return node.kind === "group" ? evaluateGroup(node, facts, asOf, lookups) : traceCondition(node, facts, asOf, lookups);
}

function evaluateGroup(group: RuleGroup, facts: AccountFacts, asOf: IsoDate, lookups: NameLookups): GroupTrace {
  const children = group.children.map((child) => evaluateNode(child, facts, asOf, lookups));
  const passed = combine(group, children.map((child) => child.passed));
  return { kind: "group", op: group.op, negate: group.negate ?? false, passed, children, group };
}

function traceCondition(condition: RuleCondition, facts: AccountFacts, asOf: IsoDate, lookups: NameLookups): ConditionTrace {
  const field = getField(condition.field);
  const { passed, actual } = evaluateCondition(condition, facts, asOf);
  return {
    kind: "condition",
    id: condition.id,
    field: condition.field,
    fieldLabel: field.label,
    operator: condition.operator,
    operatorLabel: getOperator(field.type, condition.operator).label,
    expected: condition.value,
    expectedDisplay: describeValue(condition, lookups),
    actual,
    actualDisplay: formatActual(field, condition, actual, lookups),
    description: upperFirst(describeCondition(condition, lookups)),
    passed,
    condition,
  };
}

/** The account's value for display: "$180,000", "On-premise", "Salesforce, HubSpot", "no value". */
export function formatActual(field: FieldDefinition, condition: RuleCondition, actual: ActualValue, lookups: NameLookups = {}): string {
  if (actual === null) return "no value";
  if (typeof actual === "number") return formatNumeric(field, actual);
  if (typeof actual === "string") {
    if (field.type === "date") return formatDate(actual);
    return field.type === "enum" ? optionLabel(field, actual, lookups) : actual;
  }
  if (actual.length === 0) return "none";
  const labels = actual.map((item) =>
    typeof item === "number"
      ? technologyLabel(item, lookups)
      : condition.operator === "in_category"
        ? categoryLabel(item)
        : optionLabel(field, item, lookups),
  );
  return labels.join(", ");
}

export interface TierTry {
  key: string;
  matched: boolean;
  trace: GroupTrace;
}

export interface TierAssignment {
  /** The first tier whose rule matches, or null ("Untiered"). */
  tierKey: string | null;
  /** Every tier tried, in order, up to and including the matching one. */
  tried: TierTry[];
}

/** First tier whose rule matches wins, as compileTierCase does in SQL. */
export function assignTier(
  tiers: readonly { key: string; rule: RuleGroup }[],
  facts: AccountFacts,
  asOf: Date,
  lookups: NameLookups = {},
): TierAssignment {
  const tried: TierTry[] = [];
  for (const tier of tiers) {
    const { matched, trace } = evaluateRule(tier.rule, facts, asOf, lookups);
    tried.push({ key: tier.key, matched, trace });
    if (matched) return { tierKey: tier.key, tried };
  }
  return { tierKey: null, tried };
}
