import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { isoDateTime, MAX_PAGE_LIMIT, pageQuery, TierRef } from "./common";

const SCOPES = ["TIER", "SEGMENT", "PLAY"] as const;

const MembershipChange = z
  .object({
    id: z.string().meta({ description: "The ledger entry's id (increasing).", example: "1042" }),
    at: isoDateTime,
    scope: z.enum(SCOPES),
    change: z.enum(["ENTERED", "LEFT"]),
    reason: z
      .enum(["RULE_PUBLISHED", "RULE_RESTORED", "DATA_CHANGE", "IMPORT"])
      .meta({ description: "Why: a rule version published or restored, a data change (an API write, the daily refresh) or an import." }),
    ruleVersion: z.number().int().nullable().meta({ description: "The version of the tier scheme, segment or play in force." }),
    detail: z.string().nullable().meta({ example: "API write by key CRM sync" }),
    account: z.object({ id: z.number().int(), domain: z.string(), name: z.string() }),
    tier: TierRef.nullable().meta({ description: "TIER: the tier entered (null when the account left every tier)." }),
    fromTier: TierRef.nullable().meta({ description: "TIER: the tier the account came from, if any." }),
    segment: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: "SEGMENT: the segment entered or left." }),
    play: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: "PLAY: the play entered or left." }),
  })
  .meta({ id: "MembershipChange", description: "An account entered or left a tier, a segment or a play." });

export const listMembershipChanges = defineEndpoint({
  id: "listMembershipChanges",
  method: "GET",
  path: "/api/v1/membership-changes",
  scope: "segments:read",
  tag: "Segments and tiers",
  summary: "Membership changes feed",
  description:
    "Every entry to and exit from a tier, segment or play, oldest first, after `cursor`. Keep the `next_cursor` of each answer " +
    "(it is given on the last page too) and ask again with it to read only what changed since; `has_more` says whether more is waiting now.",
  query: z.strictObject({
    ...pageQuery,
    since: z.iso.datetime({ offset: true }).optional().meta({ description: "Without a cursor: start at changes from this instant (ISO 8601)." }),
    scope: z
      .union([z.string().max(100), z.array(z.string().max(100)).max(3)])
      .transform((raw) => (typeof raw === "string" ? [raw] : raw).flatMap((part) => part.split(",")).map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(z.enum(SCOPES)).min(1))
      .optional()
      .meta({ description: "Only these kinds of change, comma-separated: TIER, SEGMENT, PLAY (default: all). Keep the same value for the whole sync.", example: "TIER" }),
  }),
  response: z
    .object({
      data: z.array(MembershipChange),
      next_cursor: z.string().nullable().meta({ description: "Where to continue; null only when there are no changes yet and no cursor was sent." }),
      has_more: z.boolean(),
    })
    .meta({ id: "MembershipChangePage", description: `Up to ${MAX_PAGE_LIMIT} changes per page.` }),
});
