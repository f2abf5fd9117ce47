"use server";

import { loadRuleContext } from "@/lib/data/rules/context";
import { previewSegmentDraft } from "@/lib/data/rules/segments";
import { previewTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { optionalSegmentIdSchema, ruleDraftSchema, tierSchemeDraftSchema } from "@/lib/validation/rules";
import { action } from "./client";

/** Live preview for the segment editor (debounced by the client). */
export const previewSegment = action({
  name: "previewSegment",
  roles: ["ADMIN"],
  args: async () => [optionalSegmentIdSchema, ruleDraftSchema(await loadRuleContext())] as const,
  run: (user, segmentId, rule) => previewSegmentDraft(user, segmentId, rule),
});

/** Live preview for the tier scheme editor. */
export const previewTierScheme = action({
  name: "previewTierScheme",
  roles: ["ADMIN"],
  args: async () => [tierSchemeDraftSchema(await loadRuleContext())] as const,
  run: (user, scheme) => previewTierSchemeDraft(user, scheme),
});

/** The publish dialog's preview: the live preview plus the biggest accounts that would move. */
export const previewTierPublish = action({
  name: "previewTierPublish",
  roles: ["ADMIN"],
  args: async () => [tierSchemeDraftSchema(await loadRuleContext())] as const,
  run: (user, scheme) => previewTierSchemeDraft(user, scheme, { movers: true }),
});
