import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { UNTIERED } from "@/lib/domain/tiers";
import { AccountSummary } from "./account-schemas";
import { idParam, isoDateTime, pageOf, pageQuery } from "./common";

const Segment = z
  .object({
    id: z.number().int().meta({ example: 7 }),
    name: z.string().meta({ example: "On-prem ERP" }),
    description: z.string(),
    kind: z.string().meta({ example: "TECHNOGRAPHIC" }),
    kindLabel: z.string().meta({ example: "Technographic" }),
    color: z.string().meta({ example: "#6366f1" }),
    version: z.number().int().meta({ description: "The published version in force." }),
    publishedAt: isoDateTime.nullable(),
    ruleText: z.string().meta({ description: "The published rule in plain language.", example: "Hosting preference is On-premise" }),
    size: z.number().int().meta({ description: "Accounts in the segment." }),
    trend: z
      .object({ entered: z.number().int(), left: z.number().int(), net: z.number().int() })
      .meta({ description: "Entries and exits over the last 30 days." }),
  })
  .meta({ id: "Segment", description: "A published segment." });

const MemberPage = pageOf(AccountSummary, "MemberPage", "A page of member accounts, by tier then priority score.");

export const listSegments = defineEndpoint({
  id: "listSegments",
  method: "GET",
  path: "/api/v1/segments",
  scope: "segments:read",
  tag: "Segments and tiers",
  summary: "List segments",
  description: "Every published segment with its rule in plain language, its size and its 30-day trend, by name.",
  query: z.strictObject({}),
  response: z.object({ data: z.array(Segment) }).meta({ id: "SegmentList" }),
});

export const listSegmentMembers = defineEndpoint({
  id: "listSegmentMembers",
  method: "GET",
  path: "/api/v1/segments/{id}/members",
  scope: "segments:read",
  tag: "Segments and tiers",
  summary: "List a segment's members",
  description: "The accounts in a published segment, in cursor pages (tier, then priority score).",
  params: z.strictObject({ id: idParam("segment") }),
  query: z.strictObject(pageQuery),
  response: MemberPage,
});

const Tier = z
  .object({
    key: z.string().meta({ example: "tier-1" }),
    name: z.string().meta({ example: "Tier 1 Strategic" }),
    color: z.string(),
    position: z.number().int().meta({ description: "1 = top tier: an account belongs to the first tier whose rule it matches." }),
    ruleText: z.string().meta({ description: "The tier's rule in plain language.", example: "Lifetime value is at least $250,000" }),
    size: z.number().int(),
  })
  .meta({ id: "Tier", description: "A tier of the published scheme." });

export const getTierScheme = defineEndpoint({
  id: "getTierScheme",
  method: "GET",
  path: "/api/v1/tiers",
  scope: "segments:read",
  tag: "Segments and tiers",
  summary: "Get the tier scheme",
  description: "The published tier scheme, top tier first, each tier with its rule in plain language and its size; then Untiered.",
  query: z.strictObject({}),
  response: z
    .object({
      version: z.number().int().nullable().meta({ description: "The published version; null before the first publish." }),
      publishedAt: isoDateTime.nullable(),
      tiers: z.array(Tier),
      untiered: z.object({ key: z.literal(UNTIERED.key), name: z.string(), color: z.string(), size: z.number().int() }),
    })
    .meta({ id: "TierScheme" }),
});

export const listTierMembers = defineEndpoint({
  id: "listTierMembers",
  method: "GET",
  path: "/api/v1/tiers/{key}/members",
  scope: "segments:read",
  tag: "Segments and tiers",
  summary: "List a tier's members",
  description: `The accounts in a tier of the published scheme (or "${UNTIERED.key}"), in cursor pages by priority score.`,
  params: z.strictObject({ key: z.string().min(1).max(200).meta({ description: `A tier key, or "${UNTIERED.key}".`, example: "tier-1" }) }),
  query: z.strictObject(pageQuery),
  response: MemberPage,
});
