import { z } from "@/lib/validation/zod";

/**
 * The editor's preview key (components/rules/use-live-preview.ts: one random id per open editor):
 * a newer preview with the same key cancels the older one's query (lib/data/rules/preview-slot.ts).
 * Optional: callers without one get no cancellation.
 */
export const previewKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "Invalid preview key.")
  .optional();

/** The error of a preview a newer one from the same editor cancelled: the editor never shows it. */
export const PREVIEW_SUPERSEDED = "A newer preview replaced this one.";
