import { describe, expect, test } from "vitest";
import { techCategoryMask } from "@/lib/domain/tech-category-bits";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import { AS_OF, and, cond, mustParse, not, or } from "@/lib/segmentation/test-support";

function compile(raw: Record<string, unknown>) {
  return compileRule(mustParse(raw.kind === "group" ? raw : and(raw)), AS_OF);
}

describe("compileRule", () => {
  test("values are bound parameters, never part of the SQL text", () => {
    const hostile = "x'); DROP TABLE accounts; --";
    const sql = compile(and(cond("name", "contains", hostile), cond("benefitsSought", "has_any", [hostile]), cond("lifetimeValue", "gte", 250_000)));
    expect(sql.text).not.toContain("DROP");
    expect(sql.text).not.toContain("250000");
    expect(sql.values).toEqual(expect.arrayContaining([hostile, 250_000]));
    expect(sql.text).toMatch(/CAST\(\$\d+ AS text\)/);
  });

  test("the evaluation date is bound as the UTC calendar day", () => {
    const sql = compile(cond("daysSinceLastOrder", "gt", 30));
    expect(sql.values).toContain("2026-03-15");
    // Computed from the last order date, not the stored (possibly stale) days_since_last_order.
    expect(sql.text).toContain('a."last_order_at"');
    expect(sql.text).not.toContain("days_since_last_order");
  });

  test("each condition is NULL-safe", () => {
    expect(compile(cond("lifetimeValue", "gt", 1)).text).toMatch(/^\(COALESCE\(\(a\."lifetime_value" > CAST\(\$1 AS numeric\)\), FALSE\)\)$/);
    expect(compile(cond("orderCount", "neq", 1)).text).toContain('(NOT COALESCE((a."order_count" = CAST($1 AS bigint)), FALSE))');
    expect(compile(cond("region", "none_of", ["EMEA"])).text).toContain('(NOT COALESCE((a."region" IN (CAST($1 AS "Region"))), FALSE))');
  });

  test("empty and negated groups", () => {
    expect(compile(and()).text).toBe("TRUE");
    expect(compile(or()).text).toBe("FALSE");
    expect(compile(not(or())).text).toBe("(NOT FALSE)");
    expect(compile(not(and(cond("orderCount", "gt", 1), cond("orderCount", "lt", 5)))).text).toMatch(/^\(NOT \(.* AND .*\)\)$/);
  });

  test("technology conditions test the account's technology_ids array; categories its category bits", () => {
    const any = compile(cond("technologies", "has_any", [3, 4]));
    expect(any.text).toContain("a.technology_ids && ARRAY[CAST($1 AS integer),CAST($2 AS integer)]::integer[]");
    expect(compile(cond("technologies", "has_all", [3])).text).toContain("a.technology_ids @> ARRAY[");
    expect(compile(cond("technologies", "has_none", [3])).text).toContain("(NOT COALESCE((a.technology_ids && ");
    const category = compile(cond("technologies", "in_category", ["CRM", "ERP"]));
    expect(category.text).toContain("(a.technology_categories & $1::int) <> 0");
    expect(category.values).toEqual([techCategoryMask(["CRM", "ERP"])]);
    expect(category.text).not.toContain("= a.id");
  });

  test("channel conditions are uncorrelated IN subqueries over campaign responses (hashed once per query)", () => {
    expect(compile(cond("respondedChannels", "has_all", ["EMAIL", "PHONE"])).text.match(/a\.id IN \(/g)).toHaveLength(2);
    expect(compile(cond("respondedChannels", "has_any", ["EMAIL"])).values).toEqual(["NO_RESPONSE", "UNSUBSCRIBED", "EMAIL"]);
  });
});

describe("compileTierCase", () => {
  const tiers = [
    { key: "strategic", rule: mustParse(and(cond("lifetimeValue", "gte", 250_000))) },
    { key: "growth", rule: mustParse(and(cond("lifetimeValue", "gte", 100_000))) },
  ];

  test("first match wins: WHEN branches in tier order", () => {
    const sql = compileTierCase(tiers, new Map([["strategic", 11], ["growth", 12]]), AS_OF);
    expect(sql.text).toMatch(/^\(CASE WHEN .* THEN CAST\(\$2 AS integer\) WHEN .* THEN CAST\(\$4 AS integer\) ELSE NULL END\)$/);
    expect(sql.values).toEqual([250_000, 11, 100_000, 12]);
  });

  test("accepts a plain record of ids, and refuses tiers without one", () => {
    expect(compileTierCase(tiers, { strategic: 1, growth: 2 }, AS_OF).values).toEqual([250_000, 1, 100_000, 2]);
    expect(() => compileTierCase(tiers, { strategic: 1 }, AS_OF)).toThrow('No tier id for tier key "growth"');
    expect(() => compileTierCase([{ key: "constructor", rule: mustParse(and()) }], {}, AS_OF)).toThrow("No tier id");
  });

  test("no tiers: every account is untiered", () => {
    expect(compileTierCase([], new Map(), AS_OF).text).toBe("CAST(NULL AS integer)");
  });
});
