/**
 * A play's definition: what an admin edits and publishes (the draft and every version store it
 * as JSON). The audience is tiers (any of) AND segments (all of / any of) AND whitespace
 * categories (lacks any of) AND an optional rule in the one rule language. Validated here with
 * zod; the ids it may refer to (tiers, segments, technologies, owners) come in a context loaded
 * by the caller, so every problem is reported at the boundary next to its field.
 */
import { z } from "@/lib/validation/zod";
import { CampaignChannel, TechCategory } from "@/lib/generated/prisma/enums";
import { isIsoDate } from "@/lib/segmentation/dates";
import { ruleSchema, type RuleContext, type RuleGroup } from "@/lib/segmentation/schema";
import { BEST_CHANNEL, PLAY_KINDS, type ChannelChoice } from "./kinds";
import { parseTemplate, TEMPLATE_MAX_LENGTH } from "./template";

export const MAX_TALKING_POINTS = 8;
export const TALKING_POINT_MAX_LENGTH = 500;

export interface PlayAudience {
  /** Tier keys; empty: any tier (and untiered). */
  tiers: string[];
  /** Segment ids the account must be in, every one. */
  segmentsAll: number[];
  /** Segment ids of which the account must be in at least one; empty: no constraint. */
  segmentsAny: number[];
  /** Technology categories of which the account must lack at least one that most of its peers run. */
  whitespace: TechCategory[];
  /** An extra rule; an empty AND group adds nothing. */
  rule: RuleGroup;
}

export interface PlayDefinition {
  name: string;
  goal: string;
  kind: (typeof PLAY_KINDS)[number];
  audience: PlayAudience;
  pitch: string;
  talkingPoints: string[];
  channel: ChannelChoice;
  priority: number;
  /** ISO days (UTC), inclusive; null: open-ended. */
  startsOn: string | null;
  endsOn: string | null;
}

export const EMPTY_AUDIENCE: PlayAudience = {
  tiers: [],
  segmentsAll: [],
  segmentsAny: [],
  whitespace: [],
  rule: { kind: "group", op: "and", children: [] },
};

/** Ids a play may refer to, besides those of its rule. */
export interface PlayContext extends RuleContext {
  tierKeys?: ReadonlySet<string>;
  segmentIds?: ReadonlySet<number>;
}

/** A template field: every placeholder must be one the registry knows, the error names where it is. */
function templateSchema(what: string, max: number) {
  return z
    .string({ error: `${what} must be text.` })
    .max(max, { error: `Keep the ${what.toLowerCase()} under ${max.toLocaleString("en-US")} characters.` })
    .superRefine((text, ctx) => {
      const parsed = parseTemplate(text);
      if (!parsed.ok) for (const error of parsed.errors.slice(0, 5)) ctx.addIssue({ code: "custom", message: error.message });
    });
}

const isoDay = z
  .string()
  .refine(isIsoDate, { error: "Use a date like 2026-03-12." })
  .nullable()
  .transform((value) => value || null);

const CHANNEL_CHOICES = [BEST_CHANNEL, ...Object.values(CampaignChannel)] as [ChannelChoice, ...ChannelChoice[]];

function audienceSchema(context: PlayContext) {
  const known = <T>(set: ReadonlySet<T> | undefined, value: T) => !set || set.has(value);
  const segmentIds = (label: string) =>
    z
      .array(z.number().int().positive(), { error: `${label}: choose segments from the list.` })
      .max(50, { error: `${label}: at most 50 segments.` })
      .refine((ids) => ids.every((id) => known(context.segmentIds, id)), { error: `${label}: a chosen segment no longer exists or is not published.` })
      .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));
  return z
    .object({
      tiers: z
        .array(z.string().max(40), { error: "Choose tiers from the list." })
        .max(12)
        .refine((keys) => keys.every((key) => known(context.tierKeys, key)), { error: "A chosen tier is not in the published tier scheme." })
        .transform((keys) => [...new Set(keys)]),
      segmentsAll: segmentIds("In every one of"),
      segmentsAny: segmentIds("In at least one of"),
      whitespace: z
        .array(z.enum(Object.values(TechCategory) as [TechCategory, ...TechCategory[]], { error: "Choose technology categories from the list." }))
        .max(20)
        .transform((categories) => [...new Set(categories)]),
      rule: ruleSchema(context),
    })
    .refine(
      (a) => a.tiers.length + a.segmentsAll.length + a.segmentsAny.length + a.whitespace.length + a.rule.children.length > 0,
      { error: "Choose who the play is for: at least one tier, segment, whitespace category or rule condition." },
    );
}

/** The whole definition, as the editor saves it. */
export function playDefinitionSchema(context: PlayContext = {}) {
  return z
    .object({
      name: z.string({ error: "Give the play a name." }).trim().min(1, { error: "Give the play a name." }).max(80, { error: "Keep the name under 80 characters." }),
      goal: z.string({ error: "Say what the play is for." }).trim().min(1, { error: "Say what the play is for." }).max(200, { error: "Keep the goal under 200 characters." }),
      kind: z.enum(PLAY_KINDS, { error: "Choose the kind of play." }),
      audience: audienceSchema(context),
      pitch: templateSchema("Pitch", TEMPLATE_MAX_LENGTH).refine((text) => text.trim().length > 0, { error: "Write the pitch the rep will use." }),
      talkingPoints: z
        .array(templateSchema("Talking point", TALKING_POINT_MAX_LENGTH), { error: "Talking points must be a list." })
        .max(MAX_TALKING_POINTS, { error: `At most ${MAX_TALKING_POINTS} talking points.` })
        .transform((points) => points.map((p) => p.trim()).filter(Boolean)),
      channel: z.enum(CHANNEL_CHOICES, { error: "Choose a channel, or “best for this account”." }),
      priority: z
        .number({ error: "Priority is a whole number from 1 to 100." })
        .int({ error: "Priority is a whole number from 1 to 100." })
        .min(1, { error: "Priority is a whole number from 1 to 100." })
        .max(100, { error: "Priority is a whole number from 1 to 100." }),
      startsOn: isoDay,
      endsOn: isoDay,
    })
    .refine((d) => !d.startsOn || !d.endsOn || d.endsOn >= d.startsOn, { error: "The end date is before the start date.", path: ["endsOn"] }) satisfies z.ZodType<PlayDefinition>;
}

/** Read a stored definition (the database's JSON): null when it no longer validates. */
export function readPlayDefinition(json: unknown): PlayDefinition | null {
  const parsed = playDefinitionSchema().safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Running on `day` (ISO): inside its optional start and end dates. */
export function isPlayRunning(definition: Pick<PlayDefinition, "startsOn" | "endsOn">, day: string): boolean {
  return (!definition.startsOn || definition.startsOn <= day) && (!definition.endsOn || day <= definition.endsOn);
}
