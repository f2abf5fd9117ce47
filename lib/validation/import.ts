import { z } from "zod";
import { DATE_FORMATS, IMPORT_KINDS, TARGET_FIELDS, type ColumnMapping, type ImportKind } from "@/lib/import/kinds";

export const importKindSchema = z.enum(IMPORT_KINDS, { error: "Choose what the file contains." });

/** Job ids are cuids. */
export const importJobIdSchema = z.string({ error: "Unknown import." }).regex(/^[a-z0-9]{8,40}$/i, { error: "Unknown import." });

export const columnMappingSchema = z.object({
  fields: z.record(z.string().max(40), z.string().max(200, { error: "That column name is too long." })),
  dateFormat: z.enum(DATE_FORMATS, { error: "Choose how dates are written." }),
});

/** Keep only the kind's fields, and only those mapped to a column. */
export function cleanMapping(kind: ImportKind, mapping: ColumnMapping | z.infer<typeof columnMappingSchema>): ColumnMapping {
  const fields: Record<string, string> = {};
  for (const field of TARGET_FIELDS[kind]) {
    const header = mapping.fields[field.key];
    if (header) fields[field.key] = header;
  }
  return { fields, dateFormat: mapping.dateFormat };
}

export const uploadStartSchema = z.object({
  kind: importKindSchema,
  fileName: z.string().trim().min(1, { error: "The file has no name." }).max(255, { error: "The file name is too long." }),
  size: z.number({ error: "The file size is missing." }).int().nonnegative(),
  contentType: z.string().max(200).default(""),
  replaces: importJobIdSchema.nullish(),
});
export type UploadStartInput = z.infer<typeof uploadStartSchema>;

export const saveMappingSchema = z.object({
  kind: importKindSchema,
  name: z.string().trim().min(1, { error: "Name the mapping." }).max(60, { error: "Use at most 60 characters." }),
  mapping: columnMappingSchema,
});

/** A byte offset in an upload (query string). */
export const uploadOffsetSchema = z.coerce.number({ error: "Bad upload offset." }).int().nonnegative();

/** A page of the error list (query string). */
export const errorsPageSchema = z.coerce.number().int().positive().max(1_000_000).catch(1);
