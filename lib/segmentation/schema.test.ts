import { describe, expect, test } from "vitest";
import { MAX_CONDITIONS, MAX_DEPTH, parseRule, ruleSchema, type RuleError } from "@/lib/segmentation/schema";
import { and, cond, or } from "@/lib/segmentation/test-support";

function errorsOf(input: unknown, context = {}): RuleError[] {
  const result = parseRule(input, context);
  if (result.ok) throw new Error("expected the rule to be rejected");
  return result.errors;
}

function onlyError(input: unknown, context = {}): RuleError {
  const errors = errorsOf(input, context);
  expect(errors).toHaveLength(1);
  return errors[0] as RuleError;
}

describe("valid rules", () => {
  test("a rule with every value kind parses and keeps its values", () => {
    const input = and(
      cond("lifetimeValue", "between", { min: 1, max: 2 }),
      cond("daysSinceLastOrder", "is_empty"),
      cond("lastOrderAt", "between", { from: "2026-01-01", to: "2026-03-31" }),
      cond("firstOrderAt", "within_last_days", 0),
      cond("region", "any_of", ["EMEA"]),
      cond("owner", "none_of", ["u1"]),
      cond("name", "contains", "acme"),
      cond("benefitsSought", "has_all", ["anything goes"]),
      cond("respondedChannels", "has_none", ["EMAIL"]),
      cond("technologies", "in_category", ["CRM"]),
      or(cond("technologies", "detected_within_days", { days: 30, technologyIds: [3] }), cond("technologies", "has_any", [1])),
    );
    const result = parseRule(JSON.parse(JSON.stringify(input)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rule.children).toHaveLength(11);
    expect(result.rule.children[1]).toMatchObject({ operator: "is_empty", value: null });
    expect(result.rule.children[0]).toEqual(input.children instanceof Array ? input.children[0] : undefined);
  });

  test("is_empty accepts an explicit null value", () => {
    expect(parseRule(and(cond("daysSinceLastOrder", "is_empty", null))).ok).toBe(true);
  });
});

describe("rejections name the condition and carry its id and path", () => {
  test("unknown field", () => {
    const bad = cond("shoeSize", "eq", 42);
    const error = onlyError(and(cond("orderCount", "gt", 1), bad));
    expect(error.message).toBe('Condition 2 ("shoeSize eq"): unknown field "shoeSize"');
    expect(error).toMatchObject({ conditionId: bad.id, conditionIndex: 2, path: ["children", 1, "field"] });
  });

  test("an operator of another type", () => {
    const bad = cond("hostingPreference", "gte", 3);
    const error = onlyError(and(bad));
    expect(error.message).toBe('Condition 1 ("Hosting preference gte"): "gte" is not an operator for enum fields; use one of: any_of, none_of');
    expect(error).toMatchObject({ conditionId: bad.id, path: ["children", 0, "operator"] });
  });

  test.each([
    ["a string for a number", cond("lifetimeValue", "gt", "100"), 'Condition 1 ("Lifetime value is more than"): value must be a number'],
    ["NaN", cond("lifetimeValue", "gt", Number.NaN), 'Condition 1 ("Lifetime value is more than"): value must be a number'],
    ["Infinity", cond("lifetimeValue", "lt", Number.POSITIVE_INFINITY), 'Condition 1 ("Lifetime value is less than"): value must be a number'],
    ["min > max", cond("lifetimeValue", "between", { min: 5, max: 1 }), 'Condition 1 ("Lifetime value is between"): minimum is greater than maximum'],
    ["a missing max", cond("lifetimeValue", "between", { min: 5 }), 'Condition 1 ("Lifetime value is between"): max must be a number'],
    ["a fraction for a whole-number field", cond("orderCount", "gte", 2.5), 'Condition 1 ("Order count is at least"): value must be a whole number'],
    ["a value for is_empty", cond("daysSinceLastOrder", "is_empty", 3), 'Condition 1 ("Days since last order is empty"): this operator takes no value'],
    ["negative days", cond("lastOrderAt", "within_last_days", -1), 'Condition 1 ("Last order date is within the last N days"): day count cannot be negative'],
    ["fractional days", cond("lastOrderAt", "more_than_days_ago", 1.5), 'Condition 1 ("Last order date is more than N days ago"): value must be a whole number of days'],
    ["an impossible date", cond("lastOrderAt", "before", "2026-02-30"), 'Condition 1 ("Last order date is before"): value must be a real date written YYYY-MM-DD'],
    ["a date range backwards", cond("lastOrderAt", "between", { from: "2026-03-01", to: "2026-01-01" }), 'Condition 1 ("Last order date is between"): start date is after end date'],
    ["an empty any_of", cond("region", "any_of", []), 'Condition 1 ("Region is any of"): choose at least one value'],
    ["an unknown enum value", cond("region", "any_of", ["EMEA", "MARS"]), 'Condition 1 ("Region is any of"): "MARS" is not an option for region (choose from North America, Latin America, EMEA, APAC)'],
    ["an unknown channel", cond("respondedChannels", "has_any", ["PIGEON"]), 'Condition 1 ("Campaign response channels has any of"): "PIGEON" is not an option for campaign response channels (choose from Email, Webinar, Event, Paid social, Direct mail, Phone)'],
    ["an unknown category", cond("technologies", "in_category", ["CRM", "TOASTERS"]), 'Condition 1 ("Technologies include any in category"): "TOASTERS" is not a technology category'],
    ["an empty technology list", cond("technologies", "detected_within_days", { days: 3, technologyIds: [] }), 'Condition 1 ("Technologies include one first detected within the last N days"): choose at least one technology'],
    ["a blank text", cond("name", "contains", "   "), 'Condition 1 ("Name contains"): cannot be blank'],
    ["a non-integer technology id", cond("technologies", "has_any", [1.5]), 'Condition 1 ("Technologies include any of"): item 1 must be a technology id'],
  ])("%s", (_name, condition, message) => {
    const error = onlyError(and(condition));
    expect(error.message).toBe(message);
    expect(error.conditionId).toBe(condition.id);
    expect(error.path.slice(0, 3)).toEqual(["children", 0, "value"]);
  });

  test("missing pieces and unexpected keys", () => {
    expect(onlyError(and({ kind: "condition", id: "x", field: "orderCount", operator: "gt", value: 1, extra: 1 })).message).toBe(
      'Condition 1 ("Order count is more than"): unexpected key "extra"',
    );
    expect(onlyError(and({ kind: "condition", field: "orderCount", operator: "gt", value: 1 })).message).toBe(
      'Condition 1 ("Order count is more than"): id is missing',
    );
    expect(onlyError(and({ kind: "rule" })).message).toBe('Item 1 of the rule: kind must be "group" or "condition"');
    expect(onlyError({ kind: "group", op: "xor", children: [] }).message).toBe('The rule: op must be "and" or "or"');
    expect(onlyError(cond("orderCount", "gt", 1)).message).toBe("The rule must be a group (AND / OR) of conditions");
    expect(onlyError(null).message).toBe("The rule: expected a group or a condition");
  });

  test("duplicate condition ids", () => {
    const error = onlyError(and({ ...cond("orderCount", "gt", 1), id: "same" }, { ...cond("orderCount", "lt", 9), id: "same" }));
    expect(error.message).toBe('Condition 2 ("Order count is less than"): id "same" is already used by condition 1');
  });

  test("every error is reported, each naming its own condition", () => {
    const errors = errorsOf(and(cond("lifetimeValue", "between", { min: 2, max: 1 }), cond("nope", "eq", 1), cond("region", "any_of", [])));
    expect(errors.map((error) => error.conditionIndex)).toEqual([1, 2, 3]);
  });
});

describe("prototype keys are refused anywhere", () => {
  test.each([
    ["on a condition", '{"kind":"group","op":"and","children":[{"kind":"condition","id":"a","field":"orderCount","operator":"gt","value":1,"__proto__":{"polluted":true}}]}', ["children", 0, "__proto__"]],
    ["on a group", '{"kind":"group","op":"and","children":[],"constructor":{"prototype":{}}}', ["constructor"]],
    ["inside a value", '{"kind":"group","op":"and","children":[{"kind":"condition","id":"a","field":"lifetimeValue","operator":"between","value":{"min":1,"max":2,"__proto__":{"x":1}}}]}', ["children", 0, "value", "__proto__"]],
    ["prototype", '{"kind":"group","op":"and","children":[{"kind":"condition","id":"a","field":"orderCount","operator":"gt","value":1,"prototype":1}]}', ["children", 0, "prototype"]],
  ])("%s", (_name, json, path) => {
    const errors = errorsOf(JSON.parse(json));
    expect(errors[0]?.message).toMatch(/forbidden key "(__proto__|constructor|prototype)"/);
    expect(errors[0]?.path).toEqual(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("objects with a foreign prototype are not plain rule nodes", () => {
    const sneaky = Object.create({ kind: "group", op: "and", children: [] }) as unknown;
    expect(onlyError(sneaky).message).toBe("The rule: expected a group or a condition");
  });
});

describe("size limits", () => {
  function nested(levels: number): Record<string, unknown> {
    // `levels` nodes on the path: levels - 1 groups, then a condition.
    let node: Record<string, unknown> = cond("orderCount", "gt", 1);
    for (let i = 1; i < levels; i++) node = and(node);
    return node;
  }

  test(`${MAX_DEPTH} levels are allowed`, () => {
    expect(parseRule(nested(MAX_DEPTH)).ok).toBe(true);
  });

  test(`${MAX_DEPTH + 1} levels are rejected, naming the too-deep condition`, () => {
    const error = onlyError(nested(MAX_DEPTH + 1));
    expect(error.message).toBe('Condition 1 ("Order count is more than"): is nested 7 levels deep; rules may nest at most 6 levels');
    expect(error.path).toEqual(["children", 0, "children", 0, "children", 0, "children", 0, "children", 0, "children", 0]);
    expect(error.conditionId).toMatch(/^c\d+$/);
  });

  test("absurdly deep input is rejected without walking all of it", () => {
    let node: unknown = and();
    for (let i = 0; i < 100_000; i++) node = and(node);
    expect(errorsOf(node)[0]?.message).toBe("Group 7: is nested 7 levels deep; rules may nest at most 6 levels");
  });

  test("huge lists of junk stop at a bounded number of errors", () => {
    const errors = errorsOf(and(...Array.from({ length: 100_000 }, () => 1)));
    expect(errors).toHaveLength(50);
    expect(errors[0]?.message).toBe("Item 1 of the rule: expected a group or a condition");
    expect(errorsOf(and(...Array.from({ length: 10_000 }, () => and())))[0]?.message).toBe(
      "Group 101: the rule has more than 100 groups; split it into smaller rules",
    );
  });

  test(`${MAX_CONDITIONS} conditions are allowed, ${MAX_CONDITIONS + 1} are not`, () => {
    const conditions = (n: number) => Array.from({ length: n }, () => cond("orderCount", "gt", 1));
    expect(parseRule(and(...conditions(MAX_CONDITIONS))).ok).toBe(true);
    const error = onlyError(and(...conditions(MAX_CONDITIONS + 1)));
    expect(error.message).toBe('Condition 101 ("Order count is more than"): the rule has more than 100 conditions; split it into smaller rules');
    expect(error.path).toEqual(["children", 100]);
  });
});

describe("runtime context", () => {
  test("owners must be known users when users are supplied", () => {
    const rule = and(cond("owner", "any_of", ["u1", "ghost"]));
    expect(parseRule(rule).ok).toBe(true);
    const error = onlyError(rule, { userIds: new Set(["u1"]) });
    expect(error.message).toBe('Condition 1 ("Owner is any of"): "ghost" is not an option for owner');
    expect(error.path).toEqual(["children", 0, "value", 1]);
  });

  test("technologies must be in the catalogue when it is supplied", () => {
    const error = onlyError(and(cond("technologies", "detected_within_days", { days: 5, technologyIds: [1, 2] })), { technologyIds: new Set([1]) });
    expect(error.message).toBe('Condition 1 ("Technologies include one first detected within the last N days"): technology 2 is not in the catalogue');
    expect(error.path).toEqual(["children", 0, "value", "technologyIds", 1]);
  });
});

describe("ruleSchema", () => {
  test("reports parseRule's messages and paths as zod issues", () => {
    const result = ruleSchema().safeParse(and(cond("lifetimeValue", "between", { min: 5, max: 1 })));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      message: 'Condition 1 ("Lifetime value is between"): minimum is greater than maximum',
      path: ["children", 0, "value"],
    });
  });
});
