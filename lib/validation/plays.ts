import { z } from "zod";
import { playDefinitionSchema, type PlayContext } from "@/lib/plays/definition";
import { idSchema, parseId } from "./ids";

export { playDefinitionSchema };
export const playIdSchema = idSchema("play");

/** The play a preview is for: none (a new play) when the id is not a valid one. */
export const optionalPlayIdSchema = z.unknown().transform((input) => (typeof input === "number" ? parseId(input) : null));

/** A definition being edited, for the live preview: the parse result itself (problems are shown, not thrown). */
export const playDraftSchema = (context: PlayContext) => z.unknown().transform((input) => playDefinitionSchema(context).safeParse(input));
