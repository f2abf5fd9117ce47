/**
 * One condition against one account, in two-valued logic: a comparison with an empty value is
 * false, and each negative operator (neq, none_of, has_none) is exactly NOT its positive twin.
 * sql-condition.ts compiles the same semantics; the property test holds the two together.
 */
import { addDays, daysBetween, type IsoDate } from "@/lib/segmentation/dates";
import type { AccountFacts, TechnologyFact } from "@/lib/segmentation/facts";
import { getField } from "@/lib/segmentation/fields";
import { foldCase } from "@/lib/segmentation/fold";
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

/** The account's value as the condition saw it (technology conditions: the relevant ids or categories). */
export type ActualValue = number | string | null | readonly string[] | readonly number[];

export interface ConditionOutcome {
  passed: boolean;
  actual: ActualValue;
}

export function evaluateCondition(condition: RuleCondition, facts: AccountFacts, asOf: IsoDate): ConditionOutcome {
  const c = classify(condition);
  switch (c.type) {
    case "numeric":
      return numeric(c.condition, facts, asOf);
    case "date":
      return date(c.condition, facts, asOf);
    case "enum":
      return enumeration(c.condition, facts);
    case "text":
      return text(c.condition, facts);
    case "tags":
      return tags(c.condition, facts);
    case "technology":
      return technology(c.condition, facts, asOf);
  }
}

function numericFact(condition: NumericCondition, facts: AccountFacts, asOf: IsoDate): number | null {
  const field = getField(condition.field);
  if (field.facts.kind === "daysSince") {
    const from = facts[field.facts.from];
    return from === null ? null : daysBetween(from, asOf);
  }
  // Every numeric field without a derivation is read as the property of the same name.
  return facts[condition.field as Exclude<NumericCondition["field"], "daysSinceLastOrder">];
}

function numeric(condition: NumericCondition, facts: AccountFacts, asOf: IsoDate): ConditionOutcome {
  const actual = numericFact(condition, facts, asOf);
  const passed = (() => {
    switch (condition.operator) {
      case "is_empty":
        return actual === null;
      case "is_not_empty":
        return actual !== null;
      case "neq":
        return !(actual !== null && actual === condition.value);
      case "eq":
        return actual !== null && actual === condition.value;
      case "lt":
        return actual !== null && actual < condition.value;
      case "lte":
        return actual !== null && actual <= condition.value;
      case "gt":
        return actual !== null && actual > condition.value;
      case "gte":
        return actual !== null && actual >= condition.value;
      case "between":
        return actual !== null && actual >= condition.value.min && actual <= condition.value.max;
    }
  })();
  return { passed, actual };
}

function date(condition: DateCondition, facts: AccountFacts, asOf: IsoDate): ConditionOutcome {
  const actual = facts[condition.field];
  if (actual === null) return { passed: false, actual };
  // "YYYY-MM-DD" strings order like the dates they name.
  const passed = (() => {
    switch (condition.operator) {
      case "before":
        return actual < condition.value;
      case "after":
        return actual > condition.value;
      case "between":
        return actual >= condition.value.from && actual <= condition.value.to;
      case "within_last_days":
        return actual >= addDays(asOf, -condition.value) && actual <= asOf;
      case "more_than_days_ago":
        return actual < addDays(asOf, -condition.value);
    }
  })();
  return { passed, actual };
}

function enumeration(condition: EnumCondition, facts: AccountFacts): ConditionOutcome {
  const actual = facts[condition.field];
  const isAny = actual !== null && condition.value.includes(actual);
  return { passed: condition.operator === "any_of" ? isAny : !isAny, actual };
}

function text(condition: TextCondition, facts: AccountFacts): ConditionOutcome {
  const actual = facts[condition.field];
  const haystack = foldCase(actual);
  const needle = foldCase(condition.value);
  const passed =
    condition.operator === "equals"
      ? haystack === needle
      : condition.operator === "contains"
        ? haystack.includes(needle)
        : haystack.startsWith(needle);
  return { passed, actual };
}

function tags(condition: TagsCondition, facts: AccountFacts): ConditionOutcome {
  const actual = facts[condition.field];
  return { passed: matchList(condition.operator, condition.value, (tag) => actual.includes(tag)), actual };
}

function technology(condition: TechnologyCondition, facts: AccountFacts, asOf: IsoDate): ConditionOutcome {
  const owned: readonly TechnologyFact[] = facts[condition.field];
  switch (condition.operator) {
    case "has_any":
    case "has_all":
    case "has_none": {
      const ids = owned.map((tech) => tech.technologyId);
      return { passed: matchList(condition.operator, condition.value, (id) => ids.includes(id)), actual: ids };
    }
    case "in_category": {
      const categories = [...new Set(owned.map((tech) => tech.category))];
      return { passed: condition.value.some((category) => categories.includes(category)), actual: categories };
    }
    case "detected_within_days": {
      const { days, technologyIds } = condition.value;
      const since = addDays(asOf, -days);
      const recent = owned
        .filter((tech) => tech.firstDetectedAt >= since && tech.firstDetectedAt <= asOf)
        .map((tech) => tech.technologyId);
      const passed = recent.some((id) => technologyIds === undefined || technologyIds.includes(id));
      return { passed, actual: recent };
    }
  }
}

/** has_any / has_all / has_none over a list of wanted items. */
function matchList<T>(operator: "has_any" | "has_all" | "has_none", wanted: readonly T[], has: (item: T) => boolean): boolean {
  if (operator === "has_all") return wanted.every(has);
  const any = wanted.some(has);
  return operator === "has_any" ? any : !any;
}
