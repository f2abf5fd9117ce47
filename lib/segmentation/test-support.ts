/**
 * Builders for rule and facts fixtures, shared by the engine's unit tests and the
 * SQL-vs-evaluator property test. Not used by application code.
 */
import type { AccountFacts } from "@/lib/segmentation/facts";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { parseRule } from "@/lib/segmentation/schema";

/** The evaluation date of fixtures: its UTC day is 2026-03-15. */
export const AS_OF = new Date("2026-03-15T15:30:00Z");

export function makeFacts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    id: 1,
    name: "Acme Corp",
    domain: "acme.com",
    industry: "Software",
    country: "Germany",
    region: "EMEA",
    employeeCount: 1200,
    annualRevenue: 50_000_000,
    owner: "user-alice",
    lifetimeValue: 180_000,
    orderCount: 12,
    avgOrderValue: 15_000,
    orders12m: 4,
    firstOrderAt: "2021-06-01",
    lastOrderAt: "2026-03-05",
    potential: 90_000.5,
    loyaltyStatus: "REPEAT",
    usageRate: "MEDIUM",
    engagement30d: 3,
    engagement90d: 11,
    engagementScore: 42,
    journeyStage: "RETENTION",
    benefitsSought: ["security", "integration"],
    respondedChannels: ["EMAIL", "WEBINAR"],
    technologies: [
      { technologyId: 1, category: "CRM", firstDetectedAt: "2024-01-10", lastDetectedAt: "2026-03-01" },
      { technologyId: 7, category: "ERP", firstDetectedAt: "2026-02-20", lastDetectedAt: "2026-03-10" },
    ],
    hostingPreference: "ON_PREMISE",
    devicePreference: "PC",
    techAdoption: "EARLY_MAJORITY",
    ...overrides,
  };
}

let nextId = 0;

/** A raw condition (as the editor would send it) with a fresh id. */
export function cond(field: string, operator: string, value?: unknown): Record<string, unknown> {
  nextId += 1;
  const condition: Record<string, unknown> = { kind: "condition", id: `c${nextId}`, field, operator };
  if (value !== undefined) condition.value = value;
  return condition;
}

export function and(...children: unknown[]): Record<string, unknown> {
  return { kind: "group", op: "and", children };
}

export function or(...children: unknown[]): Record<string, unknown> {
  return { kind: "group", op: "or", children };
}

export function not(group: Record<string, unknown>): Record<string, unknown> {
  return { ...group, negate: true };
}

/** Parse a raw rule that must be valid; the error lists what is wrong otherwise. */
export function mustParse(raw: unknown): RuleGroup {
  const result = parseRule(raw);
  if (!result.ok) throw new Error(`Invalid rule: ${result.errors.map((error) => error.message).join("; ")}`);
  return result.rule;
}
