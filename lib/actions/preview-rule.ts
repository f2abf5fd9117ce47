"use server";

import { loadRuleContext } from "@/lib/data/rules/context";
import { previewSegmentDraft } from "@/lib/data/rules/segments";
import { previewTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { previewKeySchema } from "@/lib/validation/preview-key";
import { optionalSegmentIdSchema, ruleDraftSchema, tierSchemeDraftSchema } from "@/lib/validation/rules";
import { action } from "./client";

/**
 * Live preview for the segment editor (debounced by the client). `previewKey` names the editor:
 * a newer preview with the same key cancels this one's query (lib/data/rules/preview-slot.ts).
 */
const previewSegmentAction = action({
  name: "previewSegment",
  roles: ["ADMIN"],
  args: async () => [optionalSegmentIdSchema, ruleDraftSchema(await loadRuleContext()), previewKeySchema] as const,
  run: (user, segmentId, rule, previewKey) => previewSegmentDraft(user, segmentId, rule, previewKey),
});

/** Live preview for the tier scheme editor; `previewKey` as for previewSegment. */
const previewTierSchemeAction = action({
  name: "previewTierScheme",
  roles: ["ADMIN"],
  args: async () => [tierSchemeDraftSchema(await loadRuleContext()), previewKeySchema] as const,
  run: (user, scheme, previewKey) => previewTierSchemeDraft(user, scheme, { previewKey }),
});

// The editor's key is optional (the plays editor and tests send none), the action's arguments positional.
export async function previewSegment(segmentId: unknown, rule: unknown, previewKey?: string) {
  return previewSegmentAction(segmentId, rule, previewKey);
}

export async function previewTierScheme(scheme: unknown, previewKey?: string) {
  return previewTierSchemeAction(scheme, previewKey);
}

/** The publish dialog's preview: the live preview plus the biggest accounts that would move. */
export const previewTierPublish = action({
  name: "previewTierPublish",
  roles: ["ADMIN"],
  args: async () => [tierSchemeDraftSchema(await loadRuleContext())] as const,
  run: (user, scheme) => previewTierSchemeDraft(user, scheme, { movers: true }),
});
