"use server";

import { loadRuleContext } from "@/lib/data/rules/context";
import { previewSegmentDraft } from "@/lib/data/rules/segments";
import { previewTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { optionalSegmentIdSchema, ruleDraftSchema, tierSchemeDraftSchema } from "@/lib/validation/rules";
import { action } from "./client";

/*
 * The publish dialogs' previews. The editors' live preview is the route handler
 * app/api/rules/preview (a newer draft must not queue behind the older one's count, and needs
 * the editor's key and the estimate phase); a dialog asks once, so an action serves it.
 */

/** The segment publish dialog's preview: what the draft would change, exact. */
export const previewSegment = action({
  name: "previewSegment",
  roles: ["ADMIN"],
  args: async () => [optionalSegmentIdSchema, ruleDraftSchema(await loadRuleContext())] as const,
  run: (user, segmentId, rule) => previewSegmentDraft(user, segmentId, rule),
});

/** The tier publish dialog's preview: the live preview plus the biggest accounts that would move. */
export const previewTierPublish = action({
  name: "previewTierPublish",
  roles: ["ADMIN"],
  args: async () => [tierSchemeDraftSchema(await loadRuleContext())] as const,
  run: (user, scheme) => previewTierSchemeDraft(user, scheme, { movers: true }),
});
