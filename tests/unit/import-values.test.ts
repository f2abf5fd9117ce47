import { describe, expect, test } from "vitest";
import { parseDate, parseDateTime } from "@/lib/import/values/dates";
import { parseDomain } from "@/lib/import/values/domains";
import { parseEnum } from "@/lib/import/values/enums";
import { parseConfidence, parseInteger, parseMoney } from "@/lib/import/values/numbers";
import { closest, parseCountry, parseIndustry, parseTags } from "@/lib/import/values/text";

const value = <T>(parsed: { ok: true; value: T } | { ok: false; reason: string }) => (parsed.ok ? parsed.value : `ERR ${parsed.reason}`);

describe("domain normalisation", () => {
  test.each([
    ["acme.com", "acme.com"],
    ["  ACME.com ", "acme.com"],
    ["https://www.acme.com/about?x=1#top", "acme.com"],
    ["http://Acme.co.uk:8080/", "acme.co.uk"],
    ["www.shop.acme.com", "shop.acme.com"],
    ["//acme.io", "acme.io"],
    ["acme.com.", "acme.com"],
    ["münchen-gmbh.de", "xn--mnchen-gmbh-thb.de"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(parseDomain(raw))).toBe(expected);
  });

  test.each(["", "acme", "not a domain.com", "-acme.com", "http://", "acme..com"])("%j is refused", (raw) => {
    expect(parseDomain(raw).ok).toBe(false);
  });
});

describe("money", () => {
  test.each([
    ["$1,250.50", "1250.50"],
    ["1250.5", "1250.50"],
    ["USD 300", "300.00"],
    ["300 USD", "300.00"],
    ["1,000,000", "1000000.00"],
    [".5", "0.50"],
    ["1.2E+06", "1200000.00"],
    ["0", "0.00"],
    ["12.345", "12.35"],
  ])("%s -> %s", (raw, expected) => {
    expect(value(parseMoney(raw))).toBe(expected);
  });

  test("reasons read after the column name", () => {
    expect(value(parseMoney("12,5x"))).toBe("ERR '12,5x' is not a number");
    expect(value(parseMoney("12,5"))).toBe("ERR '12,5' is not a number (use a point for decimals, e.g. 12.5)");
    expect(value(parseMoney("-50"))).toBe("ERR '-50' must not be negative");
    expect(value(parseMoney("(50)"))).toBe("ERR '(50)' must not be negative");
    expect(value(parseMoney("€1,200"))).toBe("ERR '€1,200' is in another currency: amounts are in US dollars");
    expect(value(parseMoney("1,00,000"))).toMatch(/is not a number/);
    expect(value(parseMoney("2000000000000"))).toMatch(/is too large/);
  });
});

describe("whole numbers", () => {
  test("accepts separators and integral decimals", () => {
    expect(value(parseInteger("1,200"))).toBe(1200);
    expect(value(parseInteger("1200.0"))).toBe(1200);
  });
  test("refuses fractions, ranges and overflow", () => {
    expect(value(parseInteger("12.5"))).toBe("ERR '12.5' is not a whole number");
    expect(value(parseInteger("51-200"))).toBe("ERR '51-200' is a range: give one number");
    expect(value(parseInteger("3000000000"))).toMatch(/too large/);
  });
});

describe("dates", () => {
  test.each([
    ["2026-03-12", "MDY", "2026-03-12"],
    ["2026/3/2", "MDY", "2026-03-02"],
    ["2026-03-12T23:30:00Z", "MDY", "2026-03-12"],
    ["03/12/2026", "MDY", "2026-03-12"],
    ["12/03/2026", "DMY", "2026-03-12"],
    ["12.03.2026", "DMY", "2026-03-12"],
    ["12 Mar 2026", "MDY", "2026-03-12"],
    ["12-March-2026", "DMY", "2026-03-12"],
    ["March 12, 2026", "DMY", "2026-03-12"],
    ["Mar 2nd 2026", "MDY", "2026-03-02"],
  ] as const)("%s (%s) -> %s", (raw, format, expected) => {
    expect(value(parseDate(raw, format))).toBe(expected);
  });

  test("explains what is wrong", () => {
    expect(value(parseDate("2026-02-30", "MDY"))).toBe("ERR '2026-02-30' is not a valid date");
    expect(value(parseDate("13/03/2026", "MDY"))).toBe(
      "ERR '13/03/2026' is not a valid date (read as month/day/year) — it looks like day/month/year: change “Dates in this file” on the mapping screen",
    );
    expect(value(parseDate("3/12/26", "MDY"))).toMatch(/two-digit year/);
    expect(value(parseDate("yesterday", "MDY"))).toMatch(/is not a date \(use 2026-03-12/);
    expect(value(parseDate("1850-01-01", "MDY"))).toMatch(/outside the years/);
  });

  test("date-times are UTC unless they carry an offset", () => {
    expect(value(parseDateTime("2026-03-12", "MDY"))).toBe("2026-03-12 00:00:00.000");
    expect(value(parseDateTime("2026-03-12 14:05", "MDY"))).toBe("2026-03-12 14:05:00.000");
    expect(value(parseDateTime("2026-03-12T14:05:30.25Z", "MDY"))).toBe("2026-03-12 14:05:30.250");
    expect(value(parseDateTime("2026-03-12T01:00:00+02:00", "MDY"))).toBe("2026-03-11 23:00:00.000");
    expect(value(parseDateTime("03/12/2026 2:05 PM", "MDY"))).toBe("2026-03-12 14:05:00.000");
    expect(value(parseDateTime("2026-03-12 25:00", "MDY"))).toMatch(/not valid/);
  });
});

describe("enum labels and values", () => {
  test.each([
    ["On-premise", "hostingPreference", "ON_PREMISE"],
    ["ON_PREMISE", "hostingPreference", "ON_PREMISE"],
    ["on premise", "hostingPreference", "ON_PREMISE"],
    ["on-prem", "hostingPreference", "ON_PREMISE"],
    ["early adopter", "techAdoption", "EARLY_ADOPTER"],
    ["At risk", "loyaltyStatus", "AT_RISK"],
    ["North America", "region", "NORTH_AMERICA"],
    ["emea", "region", "EMEA"],
    ["Windows", "devicePreference", "PC"],
    ["Customer", "journeyStage", "RETENTION"],
    ["Email opened", "engagementType", "EMAIL_OPEN"],
    ["email_click", "engagementType", "EMAIL_CLICK"],
  ] as const)("%s -> %s.%s", (raw, name, expected) => {
    expect(value(parseEnum(raw, name))).toBe(expected);
  });

  test("an unknown label lists the accepted ones", () => {
    expect(value(parseEnum("Sometimes", "usageRate"))).toBe("ERR 'Sometimes' is not a usage rate (use Heavy, Medium, Light or None)");
  });
});

describe("other fields", () => {
  test("industries by name or CRM synonym", () => {
    expect(value(parseIndustry("financial services"))).toBe("Financial Services");
    expect(value(parseIndustry("COMPUTER_SOFTWARE"))).toBe("Software");
    expect(parseIndustry("Basket weaving").ok).toBe(false);
  });
  test("countries by name, code or variant, with their region", () => {
    expect(value(parseCountry("USA"))).toEqual({ name: "United States", region: "NORTH_AMERICA" });
    expect(value(parseCountry("de"))).toEqual({ name: "Germany", region: "EMEA" });
    expect(value(parseCountry("Narnia"))).toEqual({ name: "Narnia", region: null });
  });
  test("tags split on ; and |", () => {
    expect(value(parseTags("Security; scalability | security ;"))).toEqual(["security", "scalability"]);
  });
  test("confidence as a fraction or a percentage", () => {
    expect(value(parseConfidence("0.85"))).toBe(0.85);
    expect(value(parseConfidence("85%"))).toBe(0.85);
    expect(value(parseConfidence("85"))).toBe(0.85);
    expect(value(parseConfidence("1"))).toBe(1);
    expect(parseConfidence("150%").ok).toBe(false);
  });
  test("near misses get a suggestion", () => {
    expect(closest("Salesforse Sales Cloud", ["Salesforce Sales Cloud", "HubSpot CRM"])).toBe("Salesforce Sales Cloud");
    expect(closest("Quantum Abacus", ["Salesforce Sales Cloud", "HubSpot CRM"])).toBeUndefined();
  });
});
