import { describe, expect, test } from "vitest";
import { adaptMapping, checkMapping, headerNames, normaliseHeader, recogniseHeaders } from "@/lib/import/headers";
import { TARGET_FIELDS } from "@/lib/import/kinds";

describe("header recognition", () => {
  test("normalising ignores case, spaces and punctuation", () => {
    expect(normaliseHeader("Country/Region")).toBe("countryregion");
    expect(normaliseHeader(" company_domain_name ")).toBe("companydomainname");
  });

  test("a HubSpot companies export", () => {
    const headers = ["Record ID", "Company name", "Company Domain Name", "Industry", "Country/Region", "Annual Revenue", "Number of Employees", "Company owner", "Lifecycle Stage", "Create Date"];
    expect(recogniseHeaders("accounts", headers).fields).toEqual({
      domain: "Company Domain Name",
      name: "Company name",
      industry: "Industry",
      country: "Country/Region",
      employeeCount: "Number of Employees",
      annualRevenue: "Annual Revenue",
      owner: "Company owner",
      journeyStage: "Lifecycle Stage",
    });
  });

  test("a Salesforce accounts report", () => {
    const headers = ["Account Name", "Website", "Billing Country", "Employees", "Annual Revenue", "Account Owner", "Industry"];
    expect(recogniseHeaders("accounts", headers).fields).toMatchObject({
      name: "Account Name",
      domain: "Website",
      country: "Billing Country",
      employeeCount: "Employees",
      annualRevenue: "Annual Revenue",
      owner: "Account Owner",
      industry: "Industry",
    });
  });

  test("Tierwise's own names for every account field", () => {
    const headers = TARGET_FIELDS.accounts.map((f) => f.label);
    const mapping = recogniseHeaders("accounts", headers);
    for (const field of TARGET_FIELDS.accounts) expect(mapping.fields[field.key], field.key).toBe(field.label);
    const keys = recogniseHeaders("accounts", TARGET_FIELDS.accounts.map((f) => f.key));
    for (const field of TARGET_FIELDS.accounts) expect(keys.fields[field.key], field.key).toBe(field.key);
  });

  test("orders, events and technologies", () => {
    expect(recogniseHeaders("orders", ["Order ID", "Account domain", "Order date", "Amount", "Product line"]).fields).toEqual({
      accountDomain: "Account domain",
      orderedAt: "Order date",
      amount: "Amount",
      productLine: "Product line",
      externalId: "Order ID",
    });
    expect(recogniseHeaders("events", ["Website", "Activity type", "Activity date", "Activity ID", "Subject"]).fields).toEqual({
      accountDomain: "Website",
      type: "Activity type",
      occurredAt: "Activity date",
      externalId: "Activity ID",
      detail: "Subject",
    });
    expect(recogniseHeaders("technologies", ["Domain", "Technology", "First seen", "Last seen", "Confidence"]).fields).toEqual({
      accountDomain: "Domain",
      technology: "Technology",
      firstDetectedAt: "First seen",
      lastDetectedAt: "Last seen",
      confidence: "Confidence",
    });
  });

  test("a header feeds one field", () => {
    const fields = recogniseHeaders("events", ["Domain", "Type", "Date"]).fields;
    expect(fields).toEqual({ accountDomain: "Domain", type: "Type", occurredAt: "Date" });
  });

  test("blank headers get a name", () => {
    expect(headerNames([" Name ", "", "Domain"])).toEqual(["Name", "Column 2", "Domain"]);
  });
});

describe("mapping checks", () => {
  test("required fields, unknown and reused headers", () => {
    const problems = checkMapping("orders", { fields: { accountDomain: "Domain", orderedAt: "Nope", amount: "Domain" }, dateFormat: "MDY" }, ["Domain", "Date"]);
    expect(problems).toEqual([
      { field: "orderedAt", message: "The file has no column “Nope”." },
      { field: "amount", message: "“Domain” is already used for Account domain; a column can feed one field." },
    ]);
    expect(checkMapping("orders", { fields: {}, dateFormat: "MDY" }, ["Domain"]).map((p) => p.field)).toEqual(["accountDomain", "orderedAt", "amount"]);
  });

  test("a saved mapping carries over to a file with the same columns in another order", () => {
    const saved = { fields: { domain: "Web", name: "Company" }, dateFormat: "DMY" as const };
    expect(adaptMapping("accounts", saved, ["company", "WEB", "Industry"])).toEqual({
      fields: { domain: "WEB", name: "company", industry: "Industry" },
      dateFormat: "DMY",
    });
  });
});

describe("a search term for new accounts", async () => {
  const { commonSearchTerm } = await import("@/lib/import/search-term");
  test("a shared domain, a shared first word, or nothing", () => {
    expect(commonSearchTerm([{ name: "A", domain: "a.acme-import.test" }, { name: "B", domain: "b.acme-import.test" }])).toBe("acme-import.test");
    expect(commonSearchTerm([{ name: "Zephyr Labs", domain: "zl.com" }, { name: "zephyr Foods", domain: "zf.io" }])).toBe("Zephyr");
    expect(commonSearchTerm([{ name: "Hooli", domain: "hooli.io" }, { name: "Umbrella", domain: "umbrella.com" }])).toBeNull();
    expect(commonSearchTerm([{ name: "A", domain: "a.co.uk" }, { name: "B", domain: "b.co.uk" }])).toBeNull();
    expect(commonSearchTerm([{ name: "Hooli", domain: "hooli.io" }])).toBe("hooli.io");
  });
});
