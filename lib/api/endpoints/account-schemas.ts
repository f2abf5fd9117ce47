/**
 * Response shapes of the accounts endpoints: a list row, and one account with its tier, score
 * breakdown, segments, plays and the explanation trace (the account page's "why").
 */
import { z } from "@/lib/validation/zod";
import { ENUM_LABELS } from "@/lib/domain/enums";
import { SCORE_PARTS } from "@/lib/domain/score-parts";
import { enumValue } from "@/lib/validation/api/values";
import { isoDate, isoDateTime, TierRef } from "./common";

const money = (description: string) => z.number().meta({ description: `${description}, US dollars.` });
const day = (description: string) => isoDate.nullable().meta({ description });

export const AccountSummary = z
  .object({
    id: z.number().int().meta({ example: 42 }),
    name: z.string().meta({ example: "Acme Corp" }),
    domain: z.string().meta({ example: "acme.com" }),
    industry: z.string().meta({ example: "Software" }),
    region: enumValue("region"),
    country: z.string().meta({ example: "United States" }),
    employeeCount: z.number().int(),
    lifetimeValue: money("Sum of all orders"),
    orderCount: z.number().int(),
    avgOrderValue: money("Average order value"),
    orders12m: z.number().int().meta({ description: "Orders in the last 12 months." }),
    lastOrderAt: day("Day of the latest order; null without orders."),
    engagementScore: z.number().int(),
    journeyStage: enumValue("journeyStage"),
    loyaltyStatus: enumValue("loyaltyStatus"),
    usageRate: enumValue("usageRate"),
    hostingPreference: enumValue("hostingPreference"),
    techAdoption: enumValue("techAdoption"),
    priorityScore: z.number().meta({ description: "Priority score, 0-100.", example: 71.5 }),
    tier: TierRef.nullable().meta({ description: "The account's tier; null when untiered." }),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "AccountSummary", description: "An account as a row of the accounts list." });

const TraceCondition = z
  .object({
    kind: z.literal("condition"),
    id: z.string(),
    fieldLabel: z.string().meta({ example: "Lifetime value" }),
    description: z.string().meta({ example: "Lifetime value is at least $250,000" }),
    actual: z.string().meta({ description: "The account's value as displayed.", example: "$180,000" }),
    passed: z.boolean(),
  })
  .meta({ id: "TraceCondition", description: "One condition of a rule with the account's actual value." });

export const TraceGroup = z
  .object({
    kind: z.literal("group"),
    op: z.enum(["and", "or"]),
    negate: z.boolean(),
    passed: z.boolean(),
    get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof TraceCondition, typeof TraceGroup]>> {
      return z.array(z.discriminatedUnion("kind", [TraceCondition, TraceGroup]));
    },
  })
  .meta({ id: "TraceGroup", description: "A group of conditions (all / any, possibly negated) and whether the account passed it." });

const TierPosition = TierRef.extend({ position: z.number().int().meta({ description: "1 = top tier." }) });

const SegmentMembership = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  kind: z.string().meta({ example: "TECHNOGRAPHIC" }),
  version: z.number().int().meta({ description: "The published version evaluated." }),
  member: z.boolean().meta({ description: "Stored membership (what lists and the feed use)." }),
  memberSince: isoDateTime.nullable(),
  matchesNow: z.boolean().meta({ description: "Whether today's data matches; differs from `member` only until the next recompute." }),
  trace: TraceGroup,
});

const scorePart = z.enum(SCORE_PARTS);

export const AccountDetail = z
  .object({
    id: z.number().int().meta({ example: 42 }),
    name: z.string(),
    domain: z.string(),
    industry: z.string(),
    country: z.string(),
    region: enumValue("region"),
    employeeCount: z.number().int(),
    annualRevenue: money("Annual company revenue"),
    owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    value: z.object({
      lifetimeValue: money("Sum of all orders"),
      orderCount: z.number().int(),
      avgOrderValue: money("Average order value"),
      orders12m: z.number().int(),
      firstOrderAt: day("Day of the first order."),
      lastOrderAt: day("Day of the latest order."),
      daysSinceLastOrder: z.number().int().nullable(),
      potential: money("Estimated whitespace revenue"),
      loyaltyStatus: enumValue("loyaltyStatus"),
    }),
    behaviour: z.object({
      usageRate: enumValue("usageRate"),
      journeyStage: enumValue("journeyStage"),
      benefitsSought: z.array(z.string()),
      engagement30d: z.number().int(),
      engagement90d: z.number().int(),
      engagementScore: z.number().int(),
    }),
    technographics: z.object({
      hostingPreference: enumValue("hostingPreference"),
      devicePreference: enumValue("devicePreference"),
      techAdoption: enumValue("techAdoption"),
      technologies: z.array(
        z.object({
          id: z.number().int(),
          name: z.string().meta({ example: "Salesforce Sales Cloud" }),
          vendor: z.string(),
          category: z.enum(Object.keys(ENUM_LABELS.techCategory) as [string, ...string[]]),
          firstDetectedAt: isoDate,
          lastDetectedAt: isoDate,
          confidence: z.number().meta({ description: "0 to 1." }),
        }),
      ),
    }),
    metricsAsOf: day("The day the derived metrics are as of (the daily refresh moves it for every account, rewriting only the ones whose metrics changed)."),
    tier: TierRef.nullable().meta({ description: "The stored tier; null when untiered." }),
    score: z.object({
      priority: z.number().meta({ description: "0-100: the weighted sum of the components." }),
      weights: z.object({ value: z.number(), fit: z.number(), engagement: z.number() }).meta({ description: "Shares summing to 1." }),
      components: z.array(
        z.object({ component: scorePart, label: z.string(), score: z.number(), weight: z.number(), points: z.number(), description: z.string() }),
      ),
    }),
    segments: z.array(z.object({ id: z.number().int(), name: z.string(), color: z.string(), memberSince: isoDateTime })).meta({
      description: "The published segments the account is in.",
    }),
    plays: z.array(z.object({ id: z.number().int(), name: z.string(), version: z.number().int() })).meta({
      description: "The running plays whose audience the account is in.",
    }),
    explanation: z.object({
      asOf: isoDate.meta({ description: "The evaluation date of every trace." }),
      tier: z.object({
        schemeVersion: z.number().int().nullable(),
        evaluated: TierPosition.nullable().meta({ description: "The tier today's data gives; differs from `tier` only until the next recompute." }),
        attempts: z.array(z.object({ tier: TierPosition, matched: z.boolean(), passed: z.number().int(), total: z.number().int(), trace: TraceGroup })).meta({
          description: "Tiers tried in order, up to and including the matching one.",
        }),
        gap: z
          .object({ tier: TierPosition, text: z.string().meta({ example: "Needs lifetime value ≥ $250,000; has $180,000." }) })
          .nullable()
          .meta({ description: "What the account lacks for the tier above; null at the top or without a scheme." }),
      }),
      segments: z.array(SegmentMembership).meta({ description: "Every published segment's trace, members first." }),
      idealProfile: z
        .object({ criteria: z.array(z.discriminatedUnion("kind", [TraceCondition, TraceGroup])), met: z.number().int(), total: z.number().int() })
        .nullable(),
    }),
  })
  .meta({ id: "Account", description: "One account with its tier, score breakdown, segments, plays and the explanation trace." });
