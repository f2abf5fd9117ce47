import { describe, expect, test } from "vitest";
import { assignTier, evaluateRule } from "@/lib/segmentation/evaluate";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { describeGap, gapToNextTier } from "@/lib/segmentation/gap";
import { AS_OF, and, cond, makeFacts, mustParse, not, or } from "@/lib/segmentation/test-support";

function gapFor(raw: Record<string, unknown>, facts: AccountFacts = makeFacts()) {
  const lookups = { technologyName: (id: number) => (id === 1 ? "Salesforce" : id === 7 ? "SAP" : undefined) };
  const { trace } = evaluateRule(mustParse(raw), facts, AS_OF, lookups);
  return describeGap(trace, lookups);
}

describe("gaps", () => {
  test("a failing numeric comparison", () => {
    const gap = gapFor(and(cond("lifetimeValue", "gte", 250_000)));
    expect(gap.met).toBe(false);
    expect(gap.items).toEqual([
      expect.objectContaining({ field: "lifetimeValue", needs: "lifetime value ≥ $250,000", has: "$180,000", text: "needs lifetime value ≥ $250,000; has $180,000" }),
    ]);
    expect(gap.text).toBe("Needs lifetime value ≥ $250,000; has $180,000.");
  });

  test("a failing enum", () => {
    expect(gapFor(and(cond("hostingPreference", "any_of", ["CLOUD"]))).items[0]?.text).toBe("needs hosting preference Cloud; has On-premise");
    expect(gapFor(and(cond("hostingPreference", "none_of", ["ON_PREMISE"]))).items[0]?.text).toBe(
      "needs hosting preference other than On-premise; has On-premise",
    );
  });

  test.each([
    [cond("orderCount", "between", { min: 20, max: 50 }), "needs order count between 20 and 50; has 12"],
    [cond("daysSinceLastOrder", "lt", 7), "needs days since last order < 7; has 10"],
    [cond("lastOrderAt", "within_last_days", 7), "needs last order date within the last 7 days; has 5 Mar 2026"],
    [cond("name", "starts_with", "Globex"), 'needs name starting with "Globex"; has Acme Corp'],
    [cond("benefitsSought", "has_all", ["security", "scalability"]), "needs benefits sought including security and scalability; has security, integration"],
    [cond("technologies", "has_any", [2, 99]), "needs technology #2 or technology #99; has Salesforce, SAP"],
    [cond("technologies", "has_all", [1, 2]), "needs Salesforce and technology #2; has Salesforce, SAP"],
    [cond("technologies", "has_none", [1, 7]), "needs none of Salesforce, SAP; has Salesforce, SAP"],
    [cond("technologies", "in_category", ["SECURITY", "DEVOPS"]), "needs a security or DevOps technology; has CRM, ERP"],
    [cond("technologies", "detected_within_days", { days: 30 }), "needs a technology first detected within the last 30 days; has none"],
    [cond("technologies", "in_category", ["ANALYTICS"]), "needs an analytics technology; has CRM, ERP"],
  ])("%j", (condition, expected) => {
    expect(gapFor(and(condition), makeFacts({ technologies: [{ technologyId: 1, category: "CRM", firstDetectedAt: "2020-01-01", lastDetectedAt: "2026-01-01" }, { technologyId: 7, category: "ERP", firstDetectedAt: "2020-01-01", lastDetectedAt: "2026-01-01" }] })).items[0]?.text).toBe(
      expected,
    );
  });

  test("only failing conditions count, and an OR offers alternatives", () => {
    const gap = gapFor(
      and(
        cond("orderCount", "gte", 1),
        cond("lifetimeValue", "gte", 250_000),
        or(cond("hostingPreference", "any_of", ["CLOUD"]), cond("technologies", "has_any", [99])),
      ),
    );
    expect(gap.items.map((item) => item.field)).toEqual(["lifetimeValue", "hostingPreference", "technologies"]);
    expect(gap.tree).toMatchObject({ kind: "all", children: [{ kind: "condition" }, { kind: "any" }] });
    expect(gap.text).toBe(
      "Needs lifetime value ≥ $250,000; has $180,000. Either needs hosting preference Cloud; has On-premise, or needs technology #99; has Salesforce, SAP.",
    );
  });

  test("a negated group that matches must stop matching", () => {
    const gap = gapFor(and(not(and(cond("loyaltyStatus", "any_of", ["REPEAT"])))));
    expect(gap.tree).toEqual({ kind: "not", text: "must no longer match: loyalty status is Repeat" });
    expect(gap.items).toEqual([]);
  });

  test("a matching rule has no gap", () => {
    expect(gapFor(and(cond("orderCount", "gte", 1)))).toEqual({ met: true, items: [], tree: null, text: "Already matches." });
  });
});

describe("gap to the next tier up", () => {
  const tiers = [
    { key: "strategic", rule: mustParse(and(cond("lifetimeValue", "gte", 250_000))) },
    { key: "growth", rule: mustParse(and(cond("lifetimeValue", "gte", 100_000))) },
    { key: "nurture", rule: mustParse(and(cond("orderCount", "gte", 1))) },
  ];
  const keys = tiers.map((tier) => tier.key);

  test("from the assigned tier to the one above it", () => {
    const result = gapToNextTier(assignTier(tiers, makeFacts(), AS_OF), keys);
    expect(result?.tierKey).toBe("strategic");
    expect(result?.gap.items[0]?.text).toBe("needs lifetime value ≥ $250,000; has $180,000");
  });

  test("an untiered account looks at the lowest tier; the top tier has nothing above", () => {
    const untiered = assignTier(tiers, makeFacts({ lifetimeValue: 0, orderCount: 0 }), AS_OF);
    expect(gapToNextTier(untiered, keys)).toMatchObject({ tierKey: "nurture", gap: { items: [{ text: "needs order count ≥ 1; has 0" }] } });
    expect(gapToNextTier(assignTier(tiers, makeFacts({ lifetimeValue: 300_000 }), AS_OF), keys)).toBeNull();
  });
});
