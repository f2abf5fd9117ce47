import { describe, expect, test } from "vitest";
import { lintMatchesNothing, lintSparseFields, lintUnreachableTiers } from "@/lib/segmentation/lint";
import { and, cond, mustParse } from "@/lib/segmentation/test-support";

describe("conditions on fields with little data", () => {
  const potential = cond("potential", "gte", 10_000);
  const rule = mustParse(and(cond("lifetimeValue", "gte", 1), potential, cond("daysSinceLastOrder", "is_empty"), cond("technologies", "has_none", [1])));

  test("warns below 20% coverage, naming the condition", () => {
    const warnings = lintSparseFields(rule, { lifetimeValue: 0.9, potential: 0.12, daysSinceLastOrder: 0.05, technologies: 0.01 });
    expect(warnings).toEqual([
      {
        code: "sparse_field",
        conditionId: potential.id,
        path: ["children", 1],
        message: 'Condition 2 ("Estimated potential is at least"): only 12% of accounts have a value for estimated potential, so this condition can match only those.',
      },
    ]);
  });

  test("says so when no account has data, and ignores fields without numbers", () => {
    expect(lintSparseFields(rule, { potential: 0 })[0]?.message).toBe(
      'Condition 2 ("Estimated potential is at least"): no account has a value for estimated potential yet, so this condition matches nothing.',
    );
    expect(lintSparseFields(rule, {})).toEqual([]);
    expect(lintSparseFields(rule, { potential: 0.2 })).toEqual([]);
    expect(lintSparseFields(rule, new Map([["potential", 0.05]]))).toHaveLength(1);
  });
});

test("rules matching nothing", () => {
  expect(lintMatchesNothing(3)).toEqual([]);
  expect(lintMatchesNothing(0, 'Segment "Cloud CRM"')[0]?.message).toBe('Segment "Cloud CRM" matches no accounts. Loosen a value or combine conditions with OR.');
});

describe("unreachable tiers", () => {
  test("a tier whose accounts are all caught earlier, and a tier matching nothing", () => {
    const warnings = lintUnreachableTiers([
      { key: "strategic", name: "Strategic", matchCount: 40, caughtByEarlier: 0 },
      { key: "growth", name: "Growth", matchCount: 25, caughtByEarlier: 25 },
      { key: "nurture", name: "Nurture", matchCount: 300, caughtByEarlier: 65 },
      { key: "dormant", name: "Dormant", matchCount: 0, caughtByEarlier: 0 },
    ]);
    expect(warnings).toEqual([
      {
        code: "unreachable_tier",
        tierKey: "growth",
        message: 'Tier 2 ("Growth") can never receive an account: all 25 accounts its rule matches are already placed in earlier tiers. Move it up or narrow the tiers above it.',
      },
      { code: "empty_tier", tierKey: "dormant", message: 'Tier 4 ("Dormant") matches no accounts, so it will stay empty.' },
    ]);
  });
});
