"use server";

import { requireActionUser } from "@/lib/auth/session";
import { previewSegmentDraft } from "@/lib/data/rules/segments";
import { previewTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { runAction } from "./result";

const idOrNull = (id: unknown) => (typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null);

/** Live preview for the segment editor (debounced by the client). */
export async function previewSegment(segmentId: unknown, rule: unknown) {
  return runAction("previewSegment", async () => {
    const user = await requireActionUser("ADMIN");
    return previewSegmentDraft(user, idOrNull(segmentId), rule);
  });
}

/** Live preview for the tier scheme editor. */
export async function previewTierScheme(definition: unknown) {
  return runAction("previewTierScheme", async () => {
    const user = await requireActionUser("ADMIN");
    return previewTierSchemeDraft(user, definition);
  });
}

/** The publish dialog's preview: the live preview plus the biggest accounts that would move. */
export async function previewTierPublish(definition: unknown) {
  return runAction("previewTierPublish", async () => {
    const user = await requireActionUser("ADMIN");
    return previewTierSchemeDraft(user, definition, { movers: true });
  });
}
