import { describe, expect, it } from "vitest";
import {
  conditionIssues,
  errorIssues,
  groupIssues,
  issuePart,
  shortMessage,
  splitTierErrors,
  validateEditorRule,
  validateEditorScheme,
} from "@/components/rules/issues";
import { percent, shortMoney } from "@/components/rules/format";
import { formatNumberText, parseNumberText, valueFromText } from "@/components/rules/number-input-format";
import {
  cloneWithNewIds,
  duplicateAt,
  emptyCondition,
  emptyGroup,
  fromRuleJson,
  insertAt,
  listEditorConditions,
  moveAt,
  nodeAt,
  removeAt,
  rulePathOf,
  toRuleJson,
  updateAt,
  type EditorCondition,
  type EditorGroup,
} from "@/components/rules/rule-tree";
import { withField, withOperator } from "@/components/rules/condition-edits";
import { slugify } from "@/components/rules/tier-key";
import { sharePercents, toPercentWeights } from "@/components/rules/scoring-weights";
import { formatDateTime } from "@/lib/utils/format";
import { parseRule } from "@/lib/segmentation/schema";

const ltv = (id: string, value: unknown = 250_000): EditorCondition => ({ kind: "condition", id, field: "lifetimeValue", operator: "gte", value });
const region = (id: string): EditorCondition => ({ kind: "condition", id, field: "region", operator: "any_of", value: ["EMEA"] });

function sample(): EditorGroup {
  return {
    kind: "group",
    key: "root",
    op: "and",
    negate: false,
    children: [ltv("a"), { kind: "group", key: "inner", op: "or", negate: true, children: [region("b"), ltv("c", 10)] }, region("d")],
  };
}

let counter = 0;
const fakeId = () => `id${++counter}`;

describe("rule tree: JSON round trip", () => {
  it("writes exactly what parseRule accepts, without client-only group keys", () => {
    const json = toRuleJson(sample());
    expect(JSON.stringify(json)).not.toContain("root");
    const parsed = parseRule(json);
    expect(parsed.ok).toBe(true);
    expect(json).toMatchObject({ kind: "group", op: "and", children: [{ id: "a" }, { kind: "group", op: "or", negate: true }, { id: "d" }] });
  });

  it("reads stored rules back with stable, deterministic group keys", () => {
    const once = fromRuleJson(toRuleJson(sample()));
    const twice = fromRuleJson(toRuleJson(sample()));
    expect(once).toEqual(twice);
    expect(toRuleJson(once)).toEqual(toRuleJson(sample()));
  });

  it("never throws on garbage and keeps what can be kept", () => {
    expect(fromRuleJson(null)).toMatchObject({ kind: "group", op: "and", children: [] });
    const odd = fromRuleJson({ kind: "group", op: "xor", children: [42, { kind: "condition", field: 7 }, { kind: "banana" }] });
    expect(odd.op).toBe("and");
    expect(odd.children).toHaveLength(1);
    expect(odd.children[0]).toMatchObject({ kind: "condition", field: "", operator: "" });
  });
});

describe("rule tree: edits by position", () => {
  it("updates, inserts and removes without touching other branches", () => {
    const tree = sample();
    const updated = updateAt(tree, [1, 0], (n) => ({ ...(n as EditorCondition), value: ["APAC"] }));
    expect((nodeAt(updated, [1, 0]) as EditorCondition).value).toEqual(["APAC"]);
    expect(updated.children[0]).toBe(tree.children[0]);
    expect((nodeAt(tree, [1, 0]) as EditorCondition).value).toEqual(["EMEA"]);

    const inserted = insertAt(tree, [1], emptyCondition("new"));
    expect((nodeAt(inserted, [1]) as EditorGroup).children.map((c) => (c.kind === "condition" ? c.id : c.key))).toEqual(["b", "c", "new"]);

    const removed = removeAt(tree, [1, 1]);
    expect((nodeAt(removed, [1]) as EditorGroup).children).toHaveLength(1);
    expect(removeAt(tree, [])).toBe(tree);
  });

  it("moves a node among its siblings and ignores moves past either end", () => {
    const tree = sample();
    const down = moveAt(tree, [0], 1);
    expect(down.children.map((c) => (c.kind === "condition" ? c.id : c.key))).toEqual(["inner", "a", "d"]);
    expect(moveAt(tree, [0], -1).children).toEqual(tree.children);
    expect(moveAt(tree, [2], 1).children).toEqual(tree.children);
  });

  it("duplicates a group right after itself with fresh ids, so the rule stays valid", () => {
    const { tree, copy } = duplicateAt(sample(), [1], fakeId);
    expect(copy?.kind).toBe("group");
    expect(tree.children).toHaveLength(4);
    const ids = listEditorConditions(tree).map((c) => c.condition.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseRule(toRuleJson(tree)).ok).toBe(true);
  });

  it("deep-copies values when cloning", () => {
    const original = ltv("x", { min: 1, max: 2 });
    const copy = cloneWithNewIds({ ...original, operator: "between" }, fakeId) as EditorCondition;
    (copy.value as { min: number }).min = 99;
    expect((original.value as { min: number }).min).toBe(1);
  });

  it("maps positions to parseRule's error paths", () => {
    expect(rulePathOf([])).toEqual([]);
    expect(rulePathOf([1, 0])).toEqual(["children", 1, "children", 0]);
  });
});

describe("rule tree: choosing fields and operators from the registry", () => {
  it("starts a numeric field at 'is at least' with an empty value", () => {
    const c = withField(emptyCondition("n"), "lifetimeValue");
    expect(c).toMatchObject({ field: "lifetimeValue", operator: "gte", value: null });
  });

  it("keeps operator and value when switching between fields of the same type", () => {
    const c = withField(ltv("a", 5000), "potential");
    expect(c).toMatchObject({ field: "potential", operator: "gte", value: 5000 });
  });

  it("does not carry enum values to another enum field", () => {
    const c = withField(region("r"), "industry");
    expect(c).toMatchObject({ field: "industry", operator: "any_of", value: [] });
  });

  it("carries a number into a range and back", () => {
    const between = withOperator(ltv("a", 100), "between");
    expect(between.value).toEqual({ min: 100, max: null });
    expect(withOperator({ ...between, value: { min: 100, max: 200 } }, "lte").value).toBe(100);
  });

  it("keeps the value when the operator takes the same kind of value, and drops it for 'is empty'", () => {
    expect(withOperator(ltv("a", 100), "lt").value).toBe(100);
    expect(withOperator(ltv("a", 100), "is_empty").value).toBeNull();
    expect(withOperator(ltv("a", 100), "nonsense").operator).toBe("gte");
  });

  it("gives every value kind an empty value that validation explains", () => {
    const tech = withField(emptyCondition("t"), "technologies");
    expect(tech.value).toEqual([]);
    const result = validateEditorRule({ ...emptyGroup("g"), children: [tech] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/choose at least one technology/);
  });
});

describe("tier keys", () => {
  it("slugs names and avoids keys already taken or reserved", () => {
    expect(slugify("Tier 1 — Strategic!")).toBe("tier-1-strategic");
    expect(slugify("Crème brûlée")).toBe("creme-brulee");
    expect(slugify("Growth", ["growth", "growth-2"])).toBe("growth-3");
    expect(slugify("   ")).toBe("tier");
    expect(slugify("constructor")).toBe("constructor-tier");
    expect(slugify("x".repeat(80))).toMatch(/^[a-z0-9][a-z0-9_-]{0,39}$/);
  });
});

describe("placing validation issues", () => {
  const tree: EditorGroup = { ...sample(), children: [ltv("a", null), sample().children[1]!, region("d")] };

  it("puts each error on the condition it names, and on the part of it that is wrong", () => {
    const result = validateEditorRule(tree);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const onA = conditionIssues(result.issues, "a", rulePathOf([0]));
    expect(onA).toHaveLength(1);
    expect(shortMessage(onA[0]!.message)).toBe("Value must be a number");
    expect(issuePart(onA[0]!, rulePathOf([0]))).toEqual({ part: "value", sub: [] });
    expect(conditionIssues(result.issues, "d", rulePathOf([2]))).toHaveLength(0);
  });

  it("says 'choose a field' for a condition that has none yet", () => {
    const result = validateEditorRule({ ...emptyGroup("g"), children: [emptyCondition("blank")] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.message).toBe("Condition 1: choose a field");
      expect(issuePart(result.issues[0]!, rulePathOf([0]))).toEqual({ part: "field", sub: [] });
    }
  });

  it("finds issues by path when the server gives no condition id", () => {
    const issues = errorIssues([{ message: "Condition 2: min must be a number", conditionId: null, conditionIndex: 2, path: ["children", 1, "children", 1, "value", "min"] }]);
    expect(conditionIssues(issues, "c", rulePathOf([1, 1]))).toHaveLength(1);
    expect(conditionIssues(issues, "b", rulePathOf([1, 0]))).toHaveLength(0);
    expect(issuePart(issues[0]!, rulePathOf([1, 1]))).toEqual({ part: "value", sub: ["min"] });
  });

  it("shows group-level problems on the group, not on its children", () => {
    const issues = errorIssues([{ message: 'Group 2: op must be "and" or "or"', conditionId: null, conditionIndex: null, path: ["children", 1, "op"] }]);
    expect(groupIssues(issues, rulePathOf([1]))).toHaveLength(1);
    expect(groupIssues(issues, rulePathOf([]))).toHaveLength(0);
  });

  it("strips the tier and condition names from messages shown in place", () => {
    expect(shortMessage('Tier 2 ("Growth"): Condition 3 ("Lifetime value is between"): minimum is greater than maximum')).toBe(
      "Minimum is greater than maximum",
    );
    expect(shortMessage("The rule: children must be a list")).toBe("Children must be a list");
  });

  it("spreads tier scheme errors over tiers: their fields, their rules, or the scheme", () => {
    const tiers = [
      { key: "a", name: "", color: "#123456", rule: { ...emptyGroup("g0"), children: [ltv("x", "lots")] } },
      { key: "b", name: "B", color: "red", rule: emptyGroup("g1") },
    ];
    const result = validateEditorScheme({ tiers });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const split = splitTierErrors(result.errors, 2);
    expect(split.tiers[0]?.fields.name).toMatch(/name cannot be empty/i);
    expect(split.tiers[1]?.fields.color).toMatch(/#rrggbb/);
    expect(validateEditorScheme({ tiers: [] }).ok).toBe(false);
    const empty = validateEditorScheme({ tiers: [] });
    if (!empty.ok) expect(splitTierErrors(empty.errors, 0).scheme[0]).toMatch(/at least one tier/);
  });

  it("gives rule errors inside a tier paths relative to that tier's rule", () => {
    const tiers = [{ key: "a", name: "A", color: "#123456", rule: { ...emptyGroup("g0"), children: [ltv("x", "lots")] } }];
    const result = validateEditorScheme({ tiers });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const rule = splitTierErrors(result.errors, 1).tiers[0]!.rule;
    expect(rule[0]?.path).toEqual(["children", 0, "value"]);
    expect(conditionIssues(rule, "x", rulePathOf([0]))).toHaveLength(1);
  });
});

describe("number boxes", () => {
  it("reads what people type: separators, $, k / m / b", () => {
    expect(parseNumberText("250,000")).toBe(250_000);
    expect(parseNumberText(" $1.5m ")).toBe(1_500_000);
    expect(parseNumberText("40k")).toBe(40_000);
    expect(parseNumberText("1.1k")).toBe(1_100);
    expect(parseNumberText("-3")).toBe(-3);
    expect(parseNumberText("")).toBeNull();
    expect(parseNumberText("12abc")).toBe("invalid");
    expect(parseNumberText("1e999")).toBe("invalid");
  });

  it("keeps unreadable text as the value, so validation can say it is not a number", () => {
    expect(valueFromText("abc")).toBe("abc");
    expect(valueFromText("")).toBeNull();
    expect(valueFromText("2,500")).toBe(2500);
  });

  it("formats with thousands separators", () => {
    expect(formatNumberText(1234567.891)).toBe("1,234,567.89");
    expect(formatNumberText(null)).toBe("");
    expect(formatNumberText("oops")).toBe("oops");
  });

  it("shortens money and shares for tight columns", () => {
    expect(shortMoney(950)).toBe("$950");
    expect(shortMoney(0)).toBe("$0");
    expect(shortMoney(12_300)).toBe("$12.3K");
    expect(percent(1, 500)).toBe("<1%");
    expect(percent(0, 0)).toBe("0%");
    expect(percent(37, 100)).toBe("37%");
  });

  it("writes date-times like 12 Mar 2026 14:05", () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 2, 12, 14, 5)))).toBe("12 Mar 2026 14:05");
    expect(formatDateTime("not a date")).toBe("—");
  });
});

describe("score weights", () => {
  it("shows stored fractions as 0-100 weights", () => {
    expect(toPercentWeights({ value: 0.5, fit: 0.3, engagement: 0.2 })).toEqual({ value: 50, fit: 30, engagement: 20 });
    expect(toPercentWeights({ value: 60, fit: 20, engagement: 20 })).toEqual({ value: 60, fit: 20, engagement: 20 });
  });

  it("gives shares that always add up to 100", () => {
    const shares = sharePercents({ value: 1, fit: 1, engagement: 1 });
    expect(shares.value + shares.fit + shares.engagement).toBe(100);
    expect(sharePercents({ value: 0, fit: 0, engagement: 0 })).toEqual({ value: 34, fit: 33, engagement: 33 });
    expect(sharePercents({ value: 50, fit: 30, engagement: 20 })).toEqual({ value: 50, fit: 30, engagement: 20 });
  });
});
