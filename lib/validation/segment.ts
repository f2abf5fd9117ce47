import { z } from "@/lib/validation/zod";

export const SEGMENT_KINDS = ["TECHNOGRAPHIC", "BEHAVIOURAL", "MIXED"] as const;
export const SEGMENT_KIND_LABELS: Record<(typeof SEGMENT_KINDS)[number], string> = {
  TECHNOGRAPHIC: "Technographic",
  BEHAVIOURAL: "Behavioural",
  MIXED: "Mixed",
};

/** A segment's name and presentation (its rule is validated by the engine's parseRule). */
export const segmentDetailsSchema = z.object({
  name: z.string().trim().min(1, "Give the segment a name.").max(80, "Keep the name under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  kind: z.enum(SEGMENT_KINDS, { error: "Choose technographic, behavioural or mixed." }),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Pick a colour."),
});

export type SegmentDetails = z.infer<typeof segmentDetailsSchema>;

export const publishNoteSchema = z
  .string()
  .trim()
  .min(3, "Write a short note saying why (at least 3 characters).")
  .max(500, "Keep the note under 500 characters.");
