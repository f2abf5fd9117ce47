"use server";

import {
  archiveSegment as archiveSegmentData,
  publishSegment as publishSegmentData,
  restoreSegmentVersion as restoreSegmentData,
} from "@/lib/data/rules/segments";
import {
  publishTierScheme as publishTierSchemeData,
  restoreTierSchemeVersion as restoreTierSchemeData,
} from "@/lib/data/rules/tier-scheme";
import { publishNoteSchema, revisionSchema, segmentIdSchema, versionSchema } from "@/lib/validation/rules";
import { action } from "./client";

/** Publishing changes what every page shows: refresh them all. */
const EVERYTHING = [["/", "layout"]] as const;

export const publishTierScheme = action({
  name: "publishTierScheme",
  roles: ["ADMIN"],
  args: [revisionSchema, publishNoteSchema],
  run: (user, baseRevision, note) => publishTierSchemeData(user, { baseRevision, note }),
  revalidate: EVERYTHING,
});

export const restoreTierScheme = action({
  name: "restoreTierScheme",
  roles: ["ADMIN"],
  args: [versionSchema, publishNoteSchema],
  run: (user, version, note) => restoreTierSchemeData(user, { version, note }),
  revalidate: EVERYTHING,
});

export const publishSegment = action({
  name: "publishSegment",
  roles: ["ADMIN"],
  args: [segmentIdSchema, revisionSchema, publishNoteSchema],
  run: (user, segmentId, baseRevision, note) => publishSegmentData(user, segmentId, { baseRevision, note }),
  revalidate: EVERYTHING,
});

export const restoreSegment = action({
  name: "restoreSegment",
  roles: ["ADMIN"],
  args: [segmentIdSchema, versionSchema, publishNoteSchema],
  run: (user, segmentId, version, note) => restoreSegmentData(user, segmentId, { version, note }),
  revalidate: EVERYTHING,
});

export const archiveSegment = action({
  name: "archiveSegment",
  roles: ["ADMIN"],
  args: [segmentIdSchema],
  run: async (user, segmentId) => {
    await archiveSegmentData(user, segmentId);
    return null;
  },
  revalidate: EVERYTHING,
});
