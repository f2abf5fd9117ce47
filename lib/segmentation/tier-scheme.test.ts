import { describe, expect, test } from "vitest";
import { parseTierScheme, tierSchemeSchema } from "@/lib/segmentation/tier-scheme";
import { and, cond } from "@/lib/segmentation/test-support";

const tier = (key: string, name: string, rule: unknown = and(cond("lifetimeValue", "gte", 1))) => ({ key, name, color: "#1d4ed8", rule });

function messages(input: unknown): string[] {
  const result = parseTierScheme(input);
  return result.ok ? [] : result.errors.map((error) => error.message);
}

describe("tier schemes", () => {
  test("a valid scheme keeps its order and parsed rules", () => {
    const result = parseTierScheme({ tiers: [tier("strategic", " Strategic "), tier("growth", "Growth", and())] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scheme.tiers.map((t) => [t.key, t.name])).toEqual([
      ["strategic", "Strategic"],
      ["growth", "Growth"],
    ]);
    expect(result.scheme.tiers[0]?.rule.children[0]).toMatchObject({ field: "lifetimeValue", value: 1 });
  });

  test("needs 1 to 12 tiers", () => {
    expect(messages({ tiers: [] })).toEqual(["Tier scheme: add at least one tier"]);
    const thirteen = Array.from({ length: 13 }, (_, i) => tier(`t${i}`, `Tier ${i}`));
    expect(messages({ tiers: thirteen })).toEqual(["Tier scheme: a scheme has at most 12 tiers"]);
  });

  test("keys and names are unique", () => {
    expect(messages({ tiers: [tier("a", "Gold"), tier("a", "gold")] })).toEqual([
      'Tier 2 ("gold"): key "a" is already used by tier 1',
      'Tier 2 ("gold"): the name is already used by tier 1',
    ]);
  });

  test("names, colours and keys are checked", () => {
    expect(messages({ tiers: [{ ...tier("a", "x".repeat(61)) }] })).toEqual(["Tier 1: name must be at most 60 characters"]);
    expect(messages({ tiers: [{ ...tier("a", "A"), color: "blue" }] })).toEqual(["Tier 1: color must be written #rrggbb"]);
    expect(messages({ tiers: [{ ...tier("A B", "A") }] })).toEqual(["Tier 1: key must be 1-40 lower-case letters, digits, - or _"]);
    expect(messages({ tiers: [{ ...tier("constructor", "A") }] })).toEqual(["Tier 1: key is a reserved word"]);
    expect(messages({ tiers: [{ ...tier("a", "A"), extra: true }] })).toHaveLength(1);
  });

  test("rule errors name the tier and the condition, with the full path", () => {
    const bad = cond("lifetimeValue", "between", { min: 9, max: 1 });
    const result = parseTierScheme({ tiers: [tier("a", "Strategic"), tier("b", "Growth", and(bad))] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        message: 'Tier 2 ("Growth"): Condition 1 ("Lifetime value is between"): minimum is greater than maximum',
        path: ["tiers", 1, "rule", "children", 0, "value"],
        tierIndex: 1,
        conditionId: bad.id,
        conditionIndex: 1,
      },
    ]);
  });

  test("as a zod schema", () => {
    expect(tierSchemeSchema().safeParse({ tiers: [tier("a", "A")] }).success).toBe(true);
    expect(tierSchemeSchema().safeParse({ tiers: [] }).success).toBe(false);
  });
});
