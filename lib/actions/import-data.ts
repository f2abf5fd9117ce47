"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import {
  deleteSavedMapping,
  discardImport,
  MappingError,
  saveMapping,
  startCommit,
  startDryRun,
  type SavedMapping,
} from "@/lib/data/import";
import { AppError, isAppError } from "@/lib/errors";
import type { ImportJobView } from "@/lib/import/job";
import { cleanMapping, columnMappingSchema, importJobIdSchema, saveMappingSchema } from "@/lib/validation/import";

const IMPORT_PATH = "/admin/import";

export type ImportActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string> };

/** Expected errors become messages (mapping problems by field); anything else is logged. */
async function attempt<T>(name: string, body: () => Promise<T>): Promise<ImportActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof MappingError) {
      return { ok: false, error: "Some fields need a column.", code: error.code, fieldErrors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])) };
    }
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code };
    console.error(`action ${name} failed`, error);
    return { ok: false, error: "Something went wrong on our side. Nothing was changed; try again." };
  }
}

function parseJobId(jobId: unknown): string {
  const parsed = importJobIdSchema.safeParse(jobId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "That import no longer exists. Start again by uploading the file.");
  return parsed.data;
}

/** Check every row of the uploaded file with this mapping, writing nothing. Returns at once; poll the job. */
export async function runDryRun(jobId: string, mapping: unknown): Promise<ImportActionResult<ImportJobView>> {
  return attempt("runDryRun", async () => {
    const actor = await requireActionUser("ADMIN");
    const id = parseJobId(jobId);
    const parsed = columnMappingSchema.safeParse(mapping);
    if (!parsed.success) throw new AppError("INVALID", "The mapping could not be read. Reload the page and try again.");
    return startDryRun(actor, id, parsed.data);
  });
}

/** Import a file whose dry run found no problems, in one transaction. Returns at once; poll the job. */
export async function commitImport(jobId: string): Promise<ImportActionResult<ImportJobView>> {
  return attempt("commitImport", async () => {
    const actor = await requireActionUser("ADMIN");
    return startCommit(actor, parseJobId(jobId));
  });
}

export async function discardImportAction(jobId: string): Promise<ImportActionResult<null>> {
  const result = await attempt("discardImport", async () => {
    const actor = await requireActionUser("ADMIN");
    await discardImport(actor, parseJobId(jobId));
    return null;
  });
  if (result.ok) revalidatePath(IMPORT_PATH);
  return result;
}

/** Save the mapping by name for the next file of this kind (same name: replaced). */
export async function saveImportMapping(input: unknown): Promise<ImportActionResult<SavedMapping>> {
  return attempt("saveImportMapping", async () => {
    const actor = await requireActionUser("ADMIN");
    const parsed = saveMappingSchema.safeParse(input);
    if (!parsed.success) {
      const nameIssue = parsed.error.issues.find((i) => i.path[0] === "name");
      throw new AppError("INVALID", nameIssue?.message ?? "The mapping could not be read. Reload the page and try again.");
    }
    const { kind, name, mapping } = parsed.data;
    return saveMapping(actor, { kind, name, mapping: cleanMapping(kind, mapping) });
  });
}

export async function deleteImportMapping(id: number): Promise<ImportActionResult<null>> {
  return attempt("deleteImportMapping", async () => {
    const actor = await requireActionUser("ADMIN");
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("NOT_FOUND", "That mapping no longer exists.");
    await deleteSavedMapping(actor, id);
    return null;
  });
}
