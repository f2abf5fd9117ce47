import { z } from "@/lib/validation/zod";
import { MAX_TALKING_POINTS, playDefinitionSchema, TALKING_POINT_MAX_LENGTH, type PlayContext } from "@/lib/plays/definition";
import { TEMPLATE_MAX_LENGTH } from "@/lib/plays/template";
import { idSchema, parseId } from "./ids";

export { playDefinitionSchema };
export const playIdSchema = idSchema("play");

/** The play a preview is for: none (a new play) when the id is not a valid one. */
export const optionalPlayIdSchema = z.unknown().transform((input) => (typeof input === "number" ? parseId(input) : null));

/** A definition being edited, for the live preview: the parse result itself (problems are shown, not thrown). */
export const playDraftSchema = (context: PlayContext) => z.unknown().transform((input) => playDefinitionSchema(context).safeParse(input));

/**
 * The pitch and talking points as typed, for the preview's rendered example: not checked like a
 * saved play (an unfinished placeholder is rendered as written), so writing the pitch never holds
 * back the live count. Optional: without it the definition's own texts are rendered.
 */
export const pitchTextsSchema = z
  .object({
    pitch: z.string().max(TEMPLATE_MAX_LENGTH),
    talkingPoints: z.array(z.string().max(TALKING_POINT_MAX_LENGTH)).max(MAX_TALKING_POINTS),
  })
  .optional();
export type PitchTexts = NonNullable<z.infer<typeof pitchTextsSchema>>;
