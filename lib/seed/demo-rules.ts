/**
 * The demo's published segmentation, so the product tells a story on first start: a value-based
 * tier scheme, technographic and behavioural segments, priority-score weights with an ideal
 * customer profile, and plays (lib/seed/demo-plays.ts). Published as version 1 by the demo admin,
 * then materialised.
 */
import type { Db } from "@/lib/db/client";
import { recomputeEverything, type RecomputeSummary } from "@/lib/db/membership/recompute-all";
import { DEFAULT_WEIGHTS } from "@/lib/segmentation/score";
import { createDemoOutcomes, createDemoPlays } from "./demo-plays";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseRule, type RuleGroup, type RuleNode } from "@/lib/segmentation/schema";
import { parseTierScheme, type TierScheme } from "@/lib/segmentation/tier-scheme";

let nextId = 0;
const id = () => `c${++nextId}`;
const cond = (field: string, operator: string, value: unknown = null) =>
  ({ kind: "condition", id: id(), field, operator, value }) as unknown as RuleNode;
const all = (...children: RuleNode[]): RuleGroup => ({ kind: "group", op: "and", children });
const any = (...children: RuleNode[]): RuleGroup => ({ kind: "group", op: "or", children });

export const DEMO_TIER_THRESHOLDS = { strategicLifetimeValue: 250_000, growthLifetimeValue: 100_000 };

function tierScheme(): TierScheme {
  return {
    tiers: [
      {
        key: "strategic",
        name: "Tier 1 · Strategic",
        color: "#4f46e5",
        rule: all(
          cond("lifetimeValue", "gte", DEMO_TIER_THRESHOLDS.strategicLifetimeValue),
          cond("loyaltyStatus", "none_of", ["CHURNED"]),
        ),
      },
      {
        key: "growth",
        name: "Tier 2 · Growth",
        color: "#0284c7",
        rule: any(
          cond("lifetimeValue", "gte", DEMO_TIER_THRESHOLDS.growthLifetimeValue),
          all(cond("orders12m", "gte", 6), cond("loyaltyStatus", "any_of", ["ADVOCATE"])),
          cond("potential", "gte", 600_000),
        ),
      },
      {
        key: "nurture",
        name: "Tier 3 · Nurture",
        color: "#059669",
        rule: any(cond("orderCount", "gte", 1), cond("journeyStage", "any_of", ["CONSIDERATION", "PURCHASE"])),
      },
    ],
  };
}

interface DemoSegment {
  name: string;
  kind: "TECHNOGRAPHIC" | "BEHAVIOURAL" | "MIXED";
  color: string;
  description: string;
  rule: (tech: (name: string) => number) => RuleGroup;
}

const SEGMENTS: DemoSegment[] = [
  {
    name: "Cloud CRM users",
    kind: "TECHNOGRAPHIC",
    color: "#0ea5e9",
    description: "Run a SaaS CRM and host in the cloud: integration plays.",
    rule: (t) =>
      all(
        cond("technologies", "has_any", [t("Salesforce Sales Cloud"), t("HubSpot CRM"), t("Microsoft Dynamics 365 Sales"), t("Zoho CRM")]),
        cond("hostingPreference", "any_of", ["CLOUD"]),
      ),
  },
  {
    name: "On-premise ERP laggards",
    kind: "TECHNOGRAPHIC",
    color: "#f97316",
    description: "Self-hosted ERP and slow to adopt: candidates for a migration offer.",
    rule: (t) =>
      all(
        cond("technologies", "has_any", [t("SAP S/4HANA"), t("Oracle E-Business Suite")]),
        cond("techAdoption", "any_of", ["LATE_MAJORITY", "LAGGARD"]),
      ),
  },
  {
    name: "Mac-first early adopters",
    kind: "TECHNOGRAPHIC",
    color: "#a855f7",
    description: "Mac fleets that try new things early: beta and launch programmes.",
    rule: () => all(cond("devicePreference", "any_of", ["MAC"]), cond("techAdoption", "any_of", ["INNOVATOR", "EARLY_ADOPTER"])),
  },
  {
    name: "Heavy users at risk of churn",
    kind: "BEHAVIOURAL",
    color: "#dc2626",
    description: "Use us heavily but are slipping: protect these first.",
    rule: () =>
      all(
        cond("usageRate", "any_of", ["HEAVY", "MEDIUM"]),
        any(cond("loyaltyStatus", "any_of", ["AT_RISK"]), cond("daysSinceLastOrder", "gt", 180)),
      ),
  },
  {
    name: "Engaged evaluators",
    kind: "BEHAVIOURAL",
    color: "#16a34a",
    description: "Considering a purchase and active with us this month.",
    rule: () => all(cond("journeyStage", "any_of", ["CONSIDERATION", "PURCHASE"]), cond("engagement30d", "gte", 3)),
  },
  {
    name: "Security-minded cloud buyers",
    kind: "MIXED",
    color: "#334155",
    description: "Cloud-first accounts that say security matters most.",
    rule: () => all(cond("benefitsSought", "has_any", ["security"]), cond("hostingPreference", "any_of", ["CLOUD"])),
  },
];

function idealProfile(): RuleGroup {
  return all(
    cond("hostingPreference", "any_of", ["CLOUD", "HYBRID"]),
    cond("techAdoption", "any_of", ["INNOVATOR", "EARLY_ADOPTER", "EARLY_MAJORITY"]),
    cond("employeeCount", "gte", 200),
    cond("technologies", "in_category", ["CRM"]),
    cond("industry", "any_of", ["Software", "Financial Services", "Healthcare"]),
  );
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Publish the demo rules and plays as version 1 and materialise tiers, segments, plays and
 * scores; with `outcomesSeed`, add a few weeks of play outcomes.
 */
export async function publishDemoRules(
  db: Db,
  options: { publishedById: string | null; asOf?: Date; outcomesSeed?: string | number },
): Promise<RecomputeSummary & { outcomes: number }> {
  const technologies = await db.technology.findMany({ select: { id: true, name: true } });
  const byName = new Map(technologies.map((t) => [t.name, t.id]));
  const tech = (name: string) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`demo rules: technology "${name}" is not in the catalogue`);
    return found;
  };
  const note = "Demo segmentation";
  const scheme = parseTierScheme(tierScheme());
  if (!scheme.ok) throw new Error(`demo tier scheme is invalid: ${scheme.errors[0]?.message}`);
  await db.tierSchemeVersion.create({ data: { version: 1, definition: json(scheme.scheme), note, publishedById: options.publishedById } });
  await db.tierSchemeDraft.create({ data: { id: 1, definition: json(scheme.scheme), revision: 1, updatedById: options.publishedById } });

  for (const segment of SEGMENTS) {
    const rule = parseRule(segment.rule(tech));
    if (!rule.ok) throw new Error(`demo segment "${segment.name}" is invalid: ${rule.errors[0]?.message}`);
    await db.segment.create({
      data: {
        name: segment.name,
        kind: segment.kind,
        color: segment.color,
        description: segment.description,
        draftRule: json(rule.rule),
        revision: 1,
        publishedVersion: 1,
        updatedById: options.publishedById,
        versions: { create: { version: 1, rule: json(rule.rule), note, publishedById: options.publishedById } },
      },
    });
  }

  const profile = parseRule(idealProfile());
  if (!profile.ok) throw new Error(`demo ideal profile is invalid: ${profile.errors[0]?.message}`);
  await db.scoringConfig.create({
    data: { id: 1, valueWeight: DEFAULT_WEIGHTS.value, fitWeight: DEFAULT_WEIGHTS.fit, engagementWeight: DEFAULT_WEIGHTS.engagement, idealProfile: json(profile.rule) },
  });
  await createDemoPlays(db, { publishedById: options.publishedById });
  const summary = await recomputeEverything(db, { reason: "RULE_PUBLISHED", ruleVersion: 1, detail: note }, { asOf: options.asOf });
  const outcomes =
    options.outcomesSeed === undefined ? 0 : await createDemoOutcomes(db, { asOf: options.asOf ?? new Date(), seed: options.outcomesSeed });
  return { ...summary, outcomes };
}
