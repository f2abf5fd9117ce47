"use server";

import { deleteSavedMapping, saveMapping } from "@/lib/data/import/mappings";
import { discardImport, startCommit, startDryRun } from "@/lib/data/import/runs";
import { dryRunMappingSchema, importJobIdSchema, saveMappingRequestSchema, savedMappingIdSchema } from "@/lib/validation/import";
import { action } from "./client";

/** Check every row of the uploaded file with this mapping, writing nothing. Returns at once; poll the job. */
export const runDryRun = action({
  name: "runDryRun",
  roles: ["ADMIN"],
  args: [importJobIdSchema, dryRunMappingSchema],
  run: (user, jobId, mapping) => startDryRun(user, jobId, mapping),
});

/** Import a file whose dry run found no problems, in one transaction. Returns at once; poll the job. */
export const commitImport = action({
  name: "commitImport",
  roles: ["ADMIN"],
  args: [importJobIdSchema],
  run: (user, jobId) => startCommit(user, jobId),
});

export const discardImportAction = action({
  name: "discardImport",
  roles: ["ADMIN"],
  args: [importJobIdSchema],
  run: async (user, jobId) => {
    await discardImport(user, jobId);
    return null;
  },
  revalidate: ["/admin/import"],
});

/** Save the mapping by name for the next file of this kind (same name: replaced). */
export const saveImportMapping = action({
  name: "saveImportMapping",
  roles: ["ADMIN"],
  args: [saveMappingRequestSchema],
  run: (user, input) => saveMapping(user, input),
});

export const deleteImportMapping = action({
  name: "deleteImportMapping",
  roles: ["ADMIN"],
  args: [savedMappingIdSchema],
  run: async (user, id) => {
    await deleteSavedMapping(user, id);
    return null;
  },
});
