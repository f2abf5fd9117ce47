import { previewKeySchema } from "@/lib/validation/preview-key";
import { optionalSegmentIdSchema } from "@/lib/validation/rules";
import { z } from "@/lib/validation/zod";

/** "estimate": a quick sampled answer first on a big database (lib/data/rules/preview-estimate.ts); absent: exact. */
export const previewPhaseSchema = z.enum(["estimate", "exact"]).optional();

/**
 * A live preview request (app/api/rules/preview/route.ts): a segment rule (of a segment, or of
 * none: the scoring form's ideal profile) or a tier scheme, as drafted; the draft itself is
 * checked against the field registry by the handler, as the preview actions check theirs.
 */
export const previewRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("segment"), segmentId: optionalSegmentIdSchema, rule: z.unknown(), previewKey: previewKeySchema, phase: previewPhaseSchema }),
  z.object({ kind: z.literal("tierScheme"), scheme: z.unknown(), previewKey: previewKeySchema, phase: previewPhaseSchema }),
]);

export type PreviewRequest = z.input<typeof previewRequestSchema>;
