import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { INDUSTRIES } from "@/lib/domain/industries";
import * as PrismaEnums from "@/lib/generated/prisma/enums";
import { FIELD_FAMILIES, FIELD_TYPES } from "@/lib/segmentation/field-types";
import { FIELD_LIST, findField, staticOptions } from "@/lib/segmentation/fields";
import { OPERATORS_BY_TYPE } from "@/lib/segmentation/operators";

/** Column names of the Account model: @map names, or the field name when unmapped. */
function accountColumns(): Set<string> {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  const model = /model Account \{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? "";
  const columns = new Set<string>();
  for (const line of model.split("\n")) {
    const field = /^\s+(\w+)\s+\w/.exec(line)?.[1];
    if (!field) continue;
    columns.add(/@map\("(\w+)"\)/.exec(line)?.[1] ?? field);
  }
  return columns;
}

describe("the field registry", () => {
  test("keys are unique and unknown keys are not found", () => {
    expect(new Set(FIELD_LIST.map((field) => field.key)).size).toBe(FIELD_LIST.length);
    expect(findField("__proto__")).toBeUndefined();
    expect(findField("toString")).toBeUndefined();
  });

  test("covers every criterion of the product specification", () => {
    expect(FIELD_LIST.map((field) => field.key)).toEqual(
      expect.arrayContaining([
        "name", "domain", "industry", "country", "region", "employeeCount", "annualRevenue", "owner",
        "lifetimeValue", "orderCount", "avgOrderValue", "orders12m", "daysSinceLastOrder", "firstOrderAt", "lastOrderAt", "potential", "loyaltyStatus",
        "usageRate", "engagement30d", "engagement90d", "engagementScore", "journeyStage", "benefitsSought", "respondedChannels",
        "technologies", "hostingPreference", "devicePreference", "techAdoption",
      ]),
    );
    for (const family of FIELD_FAMILIES) expect(FIELD_LIST.some((field) => field.family === family)).toBe(true);
  });

  test("every column it names exists on accounts", () => {
    const columns = accountColumns();
    expect(columns.has("lifetime_value")).toBe(true);
    for (const field of FIELD_LIST) {
      if (field.sql.kind === "column" || field.sql.kind === "daysSince") expect(columns, field.key).toContain(field.sql.column);
    }
  });

  test("enum options are exactly the Prisma enum values (and the industry list)", () => {
    const enumsByName: Record<string, Record<string, string>> = PrismaEnums as unknown as Record<string, Record<string, string>>;
    for (const field of FIELD_LIST) {
      if (field.type !== "enum" || field.options.kind !== "static") continue;
      const expected = field.pgEnum ? Object.values(enumsByName[field.pgEnum] ?? {}) : [...INDUSTRIES];
      expect(staticOptions(field).map((option) => option.value), field.key).toEqual(expected);
      for (const option of staticOptions(field)) expect(option.label.length).toBeGreaterThan(0);
    }
    expect(staticOptions(findField("respondedChannels") ?? FIELD_LIST[0]).map((o) => o.value)).toEqual(Object.values(PrismaEnums.CampaignChannel));
  });

  test("every type has operators, with labels and no duplicates", () => {
    for (const type of FIELD_TYPES) {
      const keys = OPERATORS_BY_TYPE[type].map((operator) => operator.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(OPERATORS_BY_TYPE.money.map((o) => o.key)).toEqual(["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_empty", "is_not_empty"]);
    expect(OPERATORS_BY_TYPE.technology.map((o) => o.key)).toEqual(["has_any", "has_all", "has_none", "in_category", "detected_within_days"]);
  });
});
