import { describe, expect, test } from "vitest";
import { assignTier, evaluateRule, matchesRule, type ConditionTrace } from "@/lib/segmentation/evaluate";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { AS_OF, and, cond, makeFacts, mustParse, not, or } from "@/lib/segmentation/test-support";

/** Evaluates with and without a trace; the two must always agree. */
function matches(raw: Record<string, unknown>, facts: AccountFacts = makeFacts()): boolean {
  const rule = mustParse(raw.kind === "group" ? raw : and(raw));
  const { matched } = evaluateRule(rule, facts, AS_OF);
  expect(matchesRule(rule, facts, AS_OF)).toBe(matched);
  return matched;
}

type Case = [operator: string, value: unknown, expected: boolean];

function table(field: string, cases: Case[], facts: AccountFacts = makeFacts()) {
  test.each(cases)(`${field} %s %j → %s`, (operator, value, expected) => {
    expect(matches(cond(field, operator, value), facts)).toBe(expected);
  });
}

describe("number and money (lifetime value 180,000)", () => {
  table("lifetimeValue", [
    ["eq", 180_000, true],
    ["eq", 180_000.01, false],
    ["neq", 180_000, false],
    ["neq", 1, true],
    ["lt", 180_000, false],
    ["lt", 180_001, true],
    ["lte", 180_000, true],
    ["lte", 179_999.99, false],
    ["gt", 180_000, false],
    ["gt", 179_999.99, true],
    ["gte", 180_000, true],
    ["gte", 180_000.01, false],
    ["between", { min: 180_000, max: 200_000 }, true],
    ["between", { min: 100_000, max: 180_000 }, true],
    ["between", { min: 180_000, max: 180_000 }, true],
    ["between", { min: 100_000, max: 179_999.99 }, false],
    ["between", { min: 180_000.01, max: 300_000 }, false],
    ["is_empty", undefined, false],
    ["is_not_empty", undefined, true],
  ]);
  table("employeeCount", [
    ["eq", 1200, true],
    ["gt", 1199, true],
    ["lt", 1200, false],
  ]);
});

describe("days since last order is computed from the last order date and the evaluation date", () => {
  // Last order 2026-03-05, evaluated on 2026-03-15: 10 days.
  table("daysSinceLastOrder", [
    ["eq", 10, true],
    ["gte", 11, false],
    ["between", { min: 0, max: 10 }, true],
    ["is_empty", null, false],
    ["is_not_empty", null, true],
  ]);

  const neverOrdered = makeFacts({ lastOrderAt: null, firstOrderAt: null });
  // An empty value fails every comparison; neq is exactly NOT eq, so it passes.
  table(
    "daysSinceLastOrder",
    [
      ["is_empty", null, true],
      ["is_not_empty", null, false],
      ["gt", 0, false],
      ["lt", 100_000, false],
      ["eq", 0, false],
      ["neq", 0, true],
      ["between", { min: -1_000, max: 1_000 }, false],
    ],
    neverOrdered,
  );

  test("an order dated after the evaluation date gives a negative day count", () => {
    expect(matches(cond("daysSinceLastOrder", "eq", -5), makeFacts({ lastOrderAt: "2026-03-20" }))).toBe(true);
  });
});

describe("date (last order 2026-03-05, evaluated 2026-03-15)", () => {
  table("lastOrderAt", [
    ["before", "2026-03-05", false],
    ["before", "2026-03-06", true],
    ["after", "2026-03-05", false],
    ["after", "2026-03-04", true],
    ["between", { from: "2026-03-05", to: "2026-03-05" }, true],
    ["between", { from: "2026-01-01", to: "2026-03-05" }, true],
    ["between", { from: "2026-03-06", to: "2026-12-31" }, false],
    ["within_last_days", 10, true],
    ["within_last_days", 9, false],
    ["more_than_days_ago", 9, true],
    ["more_than_days_ago", 10, false],
  ]);

  test("within the last N days excludes dates after the evaluation date", () => {
    expect(matches(cond("lastOrderAt", "within_last_days", 30), makeFacts({ lastOrderAt: "2026-03-16" }))).toBe(false);
    expect(matches(cond("lastOrderAt", "within_last_days", 0), makeFacts({ lastOrderAt: "2026-03-15" }))).toBe(true);
  });

  test("an empty date matches no date operator", () => {
    const facts = makeFacts({ firstOrderAt: null });
    for (const [operator, value] of [
      ["before", "2999-01-01"],
      ["after", "1900-01-01"],
      ["between", { from: "1900-01-01", to: "2999-12-31" }],
      ["within_last_days", 36_500],
      ["more_than_days_ago", 0],
    ] as const) {
      expect(matches(cond("firstOrderAt", operator, value), facts)).toBe(false);
    }
  });
});

describe("enum", () => {
  table("hostingPreference", [
    ["any_of", ["ON_PREMISE"], true],
    ["any_of", ["CLOUD", "HYBRID"], false],
    ["none_of", ["CLOUD", "HYBRID"], true],
    ["none_of", ["ON_PREMISE", "CLOUD"], false],
  ]);
  table("industry", [["any_of", ["Software", "Retail"], true]]);

  test("an account without an owner is none of any owners, and any of none", () => {
    const unowned = makeFacts({ owner: null });
    expect(matches(cond("owner", "any_of", ["user-alice"]), unowned)).toBe(false);
    expect(matches(cond("owner", "none_of", ["user-alice"]), unowned)).toBe(true);
    expect(matches(cond("owner", "any_of", ["user-alice"]))).toBe(true);
  });
});

describe("text is case-insensitive", () => {
  table("name", [
    ["equals", "ACME corp", true],
    ["equals", "Acme", false],
    ["contains", "ME C", true],
    ["contains", "widgets", false],
    ["starts_with", "acm", true],
    ["starts_with", "corp", false],
  ]);
  test("wildcard characters are literal", () => {
    expect(matches(cond("name", "contains", "%"))).toBe(false);
    expect(matches(cond("name", "contains", "_"))).toBe(false);
    expect(matches(cond("name", "contains", "50%"), makeFacts({ name: "Save 50% Ltd" }))).toBe(true);
  });
  test("non-ASCII letters fold too", () => {
    const facts = makeFacts({ name: "Über Straße AG", country: "ÖSTERREICH" });
    expect(matches(cond("name", "starts_with", "über"), facts)).toBe(true);
    expect(matches(cond("country", "equals", "österreich"), facts)).toBe(true);
  });
});

describe("tags", () => {
  table("benefitsSought", [
    ["has_any", ["security", "price"], true],
    ["has_any", ["price"], false],
    ["has_all", ["security", "integration"], true],
    ["has_all", ["security", "price"], false],
    ["has_none", ["price", "speed"], true],
    ["has_none", ["price", "security"], false],
  ]);
  test("tags are matched exactly (case-sensitive)", () => {
    expect(matches(cond("benefitsSought", "has_any", ["Security"]))).toBe(false);
  });
  test("no tags: has none of anything, has any of nothing", () => {
    const facts = makeFacts({ benefitsSought: [] });
    expect(matches(cond("benefitsSought", "has_none", ["security"]), facts)).toBe(true);
    expect(matches(cond("benefitsSought", "has_any", ["security"]), facts)).toBe(false);
    expect(matches(cond("benefitsSought", "has_all", ["security"]), facts)).toBe(false);
  });
  table("respondedChannels", [
    ["has_any", ["PHONE", "EMAIL"], true],
    ["has_all", ["EMAIL", "WEBINAR"], true],
    ["has_all", ["EMAIL", "PHONE"], false],
    ["has_none", ["PHONE"], true],
  ]);
});

describe("technology (CRM #1 since 2024-01-10, ERP #7 since 2026-02-20)", () => {
  table("technologies", [
    ["has_any", [1, 99], true],
    ["has_any", [99], false],
    ["has_all", [1, 7], true],
    ["has_all", [1, 99], false],
    ["has_none", [99, 98], true],
    ["has_none", [7], false],
    ["in_category", ["CRM"], true],
    ["in_category", ["ANALYTICS", "ERP"], true],
    ["in_category", ["SECURITY"], false],
    // ERP #7 was first detected 23 days before 2026-03-15.
    ["detected_within_days", { days: 23 }, true],
    ["detected_within_days", { days: 22 }, false],
    ["detected_within_days", { days: 30, technologyIds: [7] }, true],
    ["detected_within_days", { days: 30, technologyIds: [1] }, false],
    ["detected_within_days", { days: 1000, technologyIds: [1] }, true],
  ]);
  test("an account without technologies uses none of them", () => {
    const facts = makeFacts({ technologies: [] });
    expect(matches(cond("technologies", "has_none", [1]), facts)).toBe(true);
    expect(matches(cond("technologies", "in_category", ["CRM"]), facts)).toBe(false);
    expect(matches(cond("technologies", "detected_within_days", { days: 36_500 }), facts)).toBe(false);
  });
  test("a detection dated after the evaluation date is not within the last N days", () => {
    const facts = makeFacts({ technologies: [{ technologyId: 3, category: "CRM", firstDetectedAt: "2026-04-01", lastDetectedAt: "2026-04-01" }] });
    expect(matches(cond("technologies", "detected_within_days", { days: 365 }), facts)).toBe(false);
  });
});

describe("groups", () => {
  const yes = () => cond("hostingPreference", "any_of", ["ON_PREMISE"]);
  const no = () => cond("hostingPreference", "any_of", ["CLOUD"]);

  test("and / or", () => {
    expect(matches(and(yes(), yes()))).toBe(true);
    expect(matches(and(yes(), no()))).toBe(false);
    expect(matches(or(no(), yes()))).toBe(true);
    expect(matches(or(no(), no()))).toBe(false);
  });
  test("negated groups", () => {
    expect(matches(not(and(yes(), no())))).toBe(true);
    expect(matches(not(or(no(), yes())))).toBe(false);
    expect(matches(and(yes(), not(or(no()))))).toBe(true);
  });
  test("an empty AND matches everything, an empty OR nothing", () => {
    expect(matches(and())).toBe(true);
    expect(matches(or())).toBe(false);
    expect(matches(not(and()))).toBe(false);
    expect(matches(not(or()))).toBe(true);
    expect(matches(or(and(), no()))).toBe(true);
  });
});

describe("trace", () => {
  test("mirrors the tree and records every condition, even after the outcome is known", () => {
    const rule = mustParse(and(cond("lifetimeValue", "gte", 250_000), or(cond("hostingPreference", "any_of", ["CLOUD"]), cond("technologies", "in_category", ["CRM"]))));
    const { matched, trace } = evaluateRule(rule, makeFacts(), AS_OF, { technologyName: (id) => (id === 1 ? "Salesforce" : undefined) });
    expect(matched).toBe(false);
    expect(trace).toMatchObject({ kind: "group", op: "and", passed: false });
    const [ltv, group] = trace.children;
    expect(ltv).toMatchObject({
      kind: "condition",
      field: "lifetimeValue",
      fieldLabel: "Lifetime value",
      operator: "gte",
      operatorLabel: "is at least",
      expected: 250_000,
      expectedDisplay: "$250,000",
      actual: 180_000,
      actualDisplay: "$180,000",
      description: "Lifetime value is at least $250,000",
      passed: false,
    });
    expect(group).toMatchObject({ kind: "group", op: "or", passed: true });
    const [hosting, crm] = group?.kind === "group" ? group.children : [];
    expect(hosting).toMatchObject({ actual: "ON_PREMISE", actualDisplay: "On-premise", expectedDisplay: "Cloud", passed: false });
    expect(crm).toMatchObject({ actual: ["CRM", "ERP"], actualDisplay: "CRM, ERP", passed: true });
  });

  test("shows empty values plainly", () => {
    const rule = mustParse(and(cond("daysSinceLastOrder", "lt", 30), cond("benefitsSought", "has_any", ["speed"])));
    const { trace } = evaluateRule(rule, makeFacts({ lastOrderAt: null, benefitsSought: [] }), AS_OF);
    const [days, tags] = trace.children as ConditionTrace[];
    expect(days?.actualDisplay).toBe("no value");
    expect(tags?.actualDisplay).toBe("none");
  });
});

describe("assignTier", () => {
  const tiers = [
    { key: "strategic", rule: mustParse(and(cond("lifetimeValue", "gte", 250_000))) },
    { key: "growth", rule: mustParse(and(cond("lifetimeValue", "gte", 100_000))) },
    { key: "all", rule: mustParse(and()) },
  ];

  test("the first matching tier wins, and every tier tried is traced", () => {
    const result = assignTier(tiers, makeFacts(), AS_OF);
    expect(result.tierKey).toBe("growth");
    expect(result.tried.map((tier) => [tier.key, tier.matched])).toEqual([
      ["strategic", false],
      ["growth", true],
    ]);
  });

  test("no match is untiered", () => {
    const result = assignTier(tiers.slice(0, 2), makeFacts({ lifetimeValue: 10 }), AS_OF);
    expect(result.tierKey).toBeNull();
    expect(result.tried).toHaveLength(2);
  });
});
