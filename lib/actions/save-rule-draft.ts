"use server";

import { loadRuleContext } from "@/lib/data/rules/context";
import { createSegment as createSegmentData, saveSegmentDraft as saveSegmentData } from "@/lib/data/rules/segments";
import { saveTierSchemeDraft as saveTierSchemeData } from "@/lib/data/rules/tier-scheme";
import { revisionSchema, segmentDetailsSchema, segmentDraftSchema, segmentIdSchema, tierSchemeSchema } from "@/lib/validation/rules";
import { action } from "./client";

const RULES_PATH = ["/admin/rules"];

export const createSegment = action({
  name: "createSegment",
  roles: ["ADMIN"],
  args: [segmentDetailsSchema],
  run: (user, details) => createSegmentData(user, details),
  revalidate: RULES_PATH,
});

export const saveSegmentDraft = action({
  name: "saveSegmentDraft",
  roles: ["ADMIN"],
  args: async () => [segmentIdSchema, segmentDraftSchema(await loadRuleContext())] as const,
  run: (user, segmentId, draft) => saveSegmentData(user, segmentId, draft),
  revalidate: RULES_PATH,
});

export const saveTierSchemeDraft = action({
  name: "saveTierSchemeDraft",
  roles: ["ADMIN"],
  args: async () => [tierSchemeSchema(await loadRuleContext()), revisionSchema] as const,
  run: (user, scheme, baseRevision) => saveTierSchemeData(user, scheme, baseRevision),
  revalidate: RULES_PATH,
});
