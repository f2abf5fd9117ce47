import { describe, expect, test } from "vitest";
import { formatDate, formatMoney, formatNumber } from "@/lib/segmentation/format";
import { and, cond, mustParse, not, or } from "@/lib/segmentation/test-support";
import { describeRule } from "@/lib/segmentation/text";

const lookups = {
  technologyName: (id: number) => ({ 1: "Salesforce", 2: "HubSpot", 3: "SAP" })[id],
  userName: (id: string) => (id === "u1" ? "Alice Martin" : undefined),
};

function text(raw: Record<string, unknown>): string {
  return describeRule(mustParse(raw.kind === "group" ? raw : and(raw)), lookups);
}

describe("plain-language rules", () => {
  test("the product's example", () => {
    const rule = and(cond("lifetimeValue", "gte", 250_000), or(cond("technologies", "in_category", ["CRM"]), cond("hostingPreference", "any_of", ["CLOUD"])));
    expect(text(rule)).toBe("Lifetime value is at least $250,000 and (uses any CRM technology or hosting preference is Cloud)");
  });

  test.each([
    [cond("annualRevenue", "between", { min: 1_000_000, max: 25_000_000.75 }), "Annual revenue is between $1,000,000 and $25,000,001"],
    [cond("employeeCount", "lt", 12_500), "Employee count is less than 12,500"],
    [cond("orderCount", "neq", 0), "Order count is not 0"],
    [cond("daysSinceLastOrder", "is_empty"), "Days since last order is empty"],
    [cond("potential", "is_not_empty"), "Estimated potential is not empty"],
    [cond("lastOrderAt", "before", "2026-03-12"), "Last order date is before 12 Mar 2026"],
    [cond("firstOrderAt", "between", { from: "2025-01-01", to: "2025-12-31" }), "First order date is between 1 Jan 2025 and 31 Dec 2025"],
    [cond("lastOrderAt", "within_last_days", 1), "Last order date is within the last 1 day"],
    [cond("lastOrderAt", "more_than_days_ago", 1_095), "Last order date is more than 1,095 days ago"],
    [cond("region", "any_of", ["EMEA", "APAC", "LATAM"]), "Region is EMEA, APAC or Latin America"],
    [cond("loyaltyStatus", "none_of", ["CHURNED"]), "Loyalty status is not Churned"],
    [cond("loyaltyStatus", "none_of", ["CHURNED", "AT_RISK"]), "Loyalty status is neither Churned nor At risk"],
    [cond("devicePreference", "any_of", ["MAC"]), "Device / OS preference is Mac"],
    [cond("owner", "any_of", ["u1", "u2"]), "Owner is Alice Martin or user u2"],
    [cond("name", "contains", "acme"), 'Name contains "acme"'],
    [cond("domain", "starts_with", "shop."), 'Domain starts with "shop."'],
    [cond("benefitsSought", "has_any", ["security", "scalability"]), "Benefits sought includes any of security or scalability"],
    [cond("benefitsSought", "has_all", ["security", "scalability"]), "Benefits sought includes all of security and scalability"],
    [cond("benefitsSought", "has_none", ["price"]), "Benefits sought does not include price"],
    [cond("respondedChannels", "has_any", ["PAID_SOCIAL"]), "Campaign response channels includes Paid social"],
    [cond("technologies", "has_any", [1, 2]), "Uses Salesforce or HubSpot"],
    [cond("technologies", "has_all", [1, 3]), "Uses Salesforce and SAP"],
    [cond("technologies", "has_none", [2, 99]), "Does not use HubSpot or technology #99"],
    [cond("technologies", "in_category", ["MARKETING_AUTOMATION", "ERP"]), "Uses any marketing automation or ERP technology"],
    [cond("technologies", "detected_within_days", { days: 90 }), "Has a technology first detected within the last 90 days"],
    [cond("technologies", "detected_within_days", { days: 30, technologyIds: [1] }), "Has Salesforce first detected within the last 30 days"],
  ])("%j", (condition, expected) => {
    expect(text(condition)).toBe(expected);
  });

  test("negation, nesting and empty groups", () => {
    expect(text(not(and(cond("orderCount", "gt", 1))))).toBe("Not (order count is more than 1)");
    expect(text(and(cond("orderCount", "gt", 1), not(or(cond("orderCount", "lt", 5), cond("orderCount", "gte", 10)))))).toBe(
      "Order count is more than 1 and not (order count is less than 5 or order count is at least 10)",
    );
    expect(text(and(or(cond("orderCount", "gt", 1))))).toBe("Order count is more than 1");
    expect(text(and())).toBe("Every account");
    expect(text(or())).toBe("No account");
  });
});

describe("formatting", () => {
  test("money in whole dollars, numbers with separators, short dates", () => {
    expect(formatMoney(250_000)).toBe("$250,000");
    expect(formatMoney(1_234.56)).toBe("$1,235");
    expect(formatMoney(-5)).toBe("-$5");
    expect(formatNumber(1_234_567)).toBe("1,234,567");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatDate("2026-03-12")).toBe("12 Mar 2026");
    expect(formatDate("2025-12-01")).toBe("1 Dec 2025");
  });
});
