import { describe, expect, test } from "vitest";
import { makeFacts, AS_OF } from "@/lib/segmentation/test-support";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { parseTemplate, type ParsedTemplate } from "@/lib/plays/template";
import { renderTemplate, renderTemplateSource, type RenderContext } from "@/lib/plays/template-render";

const TECH_NAMES: Record<number, string> = { 1: "Salesforce", 7: "SAP S/4HANA", 8: "Oracle NetSuite", 9: "HubSpot" };

const context: RenderContext = {
  asOf: AS_OF,
  lookups: { technologyName: (id) => TECH_NAMES[id], userName: (id) => (id === "user-alice" ? "Alice Martin" : undefined) },
  tierName: "Tier 1",
};

function parsed(source: string): ParsedTemplate {
  const result = parseTemplate(source);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.template;
}

function render(source: string, facts: AccountFacts = makeFacts(), ctx: RenderContext = context): string {
  return renderTemplate(parsed(source), facts, ctx);
}

describe("renderTemplate formats like the UI", () => {
  test("a realistic pitch", () => {
    const facts = makeFacts({
      lifetimeValue: 1_250_000,
      technologies: [
        { technologyId: 8, category: "ERP", firstDetectedAt: "2024-01-10", lastDetectedAt: "2026-03-01" },
        { technologyId: 1, category: "CRM", firstDetectedAt: "2024-01-10", lastDetectedAt: "2026-03-01" },
        { technologyId: 7, category: "ERP", firstDetectedAt: "2025-01-10", lastDetectedAt: "2026-03-01" },
      ],
    });
    expect(render("{{name}} ({{tier}}, {{industry}}) has spent {{lifetimeValue}} and runs {{technologies.ERP}} {{hostingPreference}}.", facts)).toBe(
      "Acme Corp (Tier 1, Software) has spent $1,250,000 and runs Oracle NetSuite and SAP S/4HANA On-premise.",
    );
  });

  test.each([
    ["{{annualRevenue}}", "$50,000,000"],
    ["{{potential}}", "$90,001"],
    ["{{avgOrderValue}}", "$15,000"],
    ["{{employeeCount}}", "1,200"],
    ["{{orderCount}} orders", "12 orders"],
    ["{{engagementScore}}", "42"],
    ["{{firstOrderAt}}", "1 Jun 2021"],
    ["{{lastOrderAt}}", "5 Mar 2026"],
    ["{{daysSinceLastOrder}} days", "10 days"],
    ["{{region}}", "EMEA"],
    ["{{loyaltyStatus}}", "Repeat"],
    ["{{usageRate}}", "Medium"],
    ["{{journeyStage}}", "Retention"],
    ["{{devicePreference}}", "PC"],
    ["{{techAdoption}}", "Early majority"],
    ["{{hostingPreference}}", "On-premise"],
    ["{{benefitsSought}}", "security and integration"],
    ["{{respondedChannels}}", "Email and Webinar"],
    ["{{owner}}", "Alice Martin"],
    ["{{domain}} in {{country}}", "acme.com in Germany"],
    ["{{technologies}}", "Salesforce and SAP S/4HANA"],
    ["{{technologies.CRM}}", "Salesforce"],
  ])("%s -> %s", (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  test("three names are joined with commas and 'and', in alphabetical order; duplicates once", () => {
    const technologies = [9, 1, 7, 1].map((technologyId) => ({ technologyId, category: "CRM", firstDetectedAt: "2025-01-01", lastDetectedAt: "2026-01-01" }));
    expect(render("{{technologies.CRM}}", makeFacts({ technologies }))).toBe("HubSpot, Salesforce and SAP S/4HANA");
  });

  test("a category without technologies says so, in lower case unless an acronym", () => {
    const facts = makeFacts({ technologies: [] });
    expect(render("{{technologies.ERP}}", facts)).toBe("no ERP on record");
    expect(render("{{technologies.MARKETING_AUTOMATION}}", facts)).toBe("no marketing automation on record");
    expect(render("{{technologies.DEVOPS}}", facts)).toBe("no DevOps on record");
    expect(render("{{technologies}}", facts)).toBe("no technologies on record");
  });

  test("missing values show as —", () => {
    const facts = makeFacts({ owner: null, firstOrderAt: null, lastOrderAt: null, benefitsSought: [], respondedChannels: [], country: "" });
    expect(render("{{owner}}|{{firstOrderAt}}|{{daysSinceLastOrder}}|{{benefitsSought}}|{{respondedChannels}}|{{country}}", facts)).toBe("—|—|—|—|—|—");
  });

  test("names not found in the lookups fall back like the rest of the UI", () => {
    const bare: RenderContext = { asOf: AS_OF };
    expect(render("{{technologies.CRM}} / {{owner}}", makeFacts(), bare)).toBe("technology #1 / user user-alice");
  });

  test("tier: the given name, Untiered for null, — when the caller does not supply it", () => {
    expect(render("{{tier}}", makeFacts(), { ...context, tierName: null })).toBe("Untiered");
    expect(render("{{tier}}", makeFacts(), { asOf: AS_OF })).toBe("—");
  });

  test("days since last order is counted to the evaluation date's UTC day", () => {
    expect(render("{{daysSinceLastOrder}}", makeFacts(), { asOf: new Date("2026-03-06T23:59:00Z") })).toBe("1");
  });
});

describe("no injection through account data", () => {
  const hostile = makeFacts({
    name: "<script>alert(1)</script> {{lifetimeValue}}",
    country: "{{owner}}",
    benefitsSought: ["{{name}}", "<b>bold</b>"],
  });

  test("data that looks like markup or placeholders comes out verbatim, not re-expanded", () => {
    const out = render("Hi {{name}} from {{country}}: {{benefitsSought}}", hostile);
    expect(out).toBe("Hi <script>alert(1)</script> {{lifetimeValue}} from {{owner}}: {{name}} and <b>bold</b>");
    expect(out).not.toContain("$180,000");
    expect(out).not.toContain("Alice Martin");
  });

  test("technology and user names from lookups are not re-expanded either", () => {
    const ctx: RenderContext = { asOf: AS_OF, lookups: { technologyName: () => "{{name}}", userName: () => "<img src=x onerror=alert(1)>" } };
    expect(render("{{technologies.ERP}} {{owner}}", makeFacts(), ctx)).toBe("{{name}} <img src=x onerror=alert(1)>");
  });

  test("the tier name is substituted as text", () => {
    expect(render("{{tier}}", makeFacts(), { asOf: AS_OF, tierName: "{{name}}" })).toBe("{{name}}");
  });
});

describe("renderTemplateSource (stored text)", () => {
  test("renders valid text like parse + render", () => {
    expect(renderTemplateSource("Hi {{name}}", makeFacts(), context)).toBe("Hi Acme Corp");
  });

  test("leaves invalid placeholders as written and renders the rest", () => {
    expect(renderTemplateSource("{{retired}} {{name}} {{ }} }} {{", makeFacts(), context)).toBe("{{retired}} Acme Corp {{ }} }} {{");
  });
});
