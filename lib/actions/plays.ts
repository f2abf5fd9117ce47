"use server";

import { loadPlayContext } from "@/lib/data/plays/context";
import { createPlay as createPlayData, savePlayDraft as savePlayDraftData } from "@/lib/data/plays/editor";
import { previewPlayDraft } from "@/lib/data/plays/preview";
import { archivePlay as archivePlayData, publishPlay as publishPlayData, restorePlayVersion } from "@/lib/data/plays/publish";
import { optionalPlayIdSchema, pitchTextsSchema, playDefinitionSchema, playDraftSchema, playIdSchema } from "@/lib/validation/plays";
import { publishNoteSchema, revisionSchema, versionSchema } from "@/lib/validation/rules";
import { action } from "./client";

const PLAYS_PATH = "/admin/plays";
/** A published play changes accounts, worklists and history: refresh every page. */
const EVERYTHING = [["/", "layout"]] as const;

export const createPlay = action({
  name: "createPlay",
  roles: ["ADMIN"],
  args: async () => [playDefinitionSchema(await loadPlayContext())] as const,
  run: (user, definition) => createPlayData(user, definition),
  revalidate: [PLAYS_PATH],
});

export const savePlayDraft = action({
  name: "savePlayDraft",
  roles: ["ADMIN"],
  args: async () => [playIdSchema, playDefinitionSchema(await loadPlayContext()), revisionSchema] as const,
  run: (user, id, definition, baseRevision) => savePlayDraftData(user, id, definition, baseRevision),
  revalidate: [PLAYS_PATH],
});

/** Live preview for the play editor (debounced by the client). */
export const previewPlay = action({
  name: "previewPlay",
  roles: ["ADMIN"],
  args: async () => [optionalPlayIdSchema, playDraftSchema(await loadPlayContext()), pitchTextsSchema] as const,
  run: (user, id, checked, texts) => previewPlayDraft(user, id, checked, texts),
});

export const publishPlay = action({
  name: "publishPlay",
  roles: ["ADMIN"],
  args: [playIdSchema, revisionSchema, publishNoteSchema],
  run: (user, id, baseRevision, note) => publishPlayData(user, id, { baseRevision, note }),
  revalidate: EVERYTHING,
});

export const restorePlay = action({
  name: "restorePlay",
  roles: ["ADMIN"],
  args: [playIdSchema, versionSchema, publishNoteSchema],
  run: (user, id, version, note) => restorePlayVersion(user, id, { version, note }),
  revalidate: EVERYTHING,
});

export const archivePlay = action({
  name: "archivePlay",
  roles: ["ADMIN"],
  args: [playIdSchema],
  run: async (user, id) => {
    await archivePlayData(user, id);
    return null;
  },
  revalidate: EVERYTHING,
});
