/**
 * Schemas for rule input at the action boundary. A rule is checked by the engine's parser
 * (lib/segmentation/schema.ts), which needs the ids a rule may refer to (technologies, owners):
 * the actions load that context and build these schemas with it.
 */
import { z } from "@/lib/validation/zod";
import { parseRule, ruleSchema, type RuleContext } from "@/lib/segmentation/schema";
import { parseTierScheme, tierSchemeSchema } from "@/lib/segmentation/tier-scheme";
import { counterSchema, idSchema, parseId } from "./ids";
import { publishNoteSchema, segmentDetailsSchema } from "./segment";

export { publishNoteSchema, ruleSchema, tierSchemeSchema };

/**
 * A rule being edited, for the live preview: never a failure, the parse result itself (the
 * preview shows the errors next to the conditions they are about).
 */
export const ruleDraftSchema = (context: RuleContext) => z.unknown().transform((input) => parseRule(input, context));
export const tierSchemeDraftSchema = (context: RuleContext) => z.unknown().transform((input) => parseTierScheme(input, context));

/** The segment a preview is for: none (a new segment) when the id is not a valid one. */
export const optionalSegmentIdSchema = z.unknown().transform((input) => (typeof input === "number" ? parseId(input) : null));

export const segmentIdSchema = idSchema("segment");
export const revisionSchema = counterSchema("revision");
export const versionSchema = counterSchema("version");

export const segmentDraftSchema = (context: RuleContext) =>
  z.object({ details: segmentDetailsSchema, rule: ruleSchema(context), baseRevision: revisionSchema });

export { segmentDetailsSchema };
