import { z } from "@/lib/validation/zod";
import { AppError } from "@/lib/errors";
import { DATE_FORMATS, IMPORT_KINDS, TARGET_FIELDS, type ColumnMapping, type ImportKind } from "@/lib/import/kinds";
import { idSchema } from "./ids";

/** Schemas for the CSV import's actions (lib/actions/import-data.ts) and route handlers (app/api/import/). */

const MISSING_IMPORT = "That import no longer exists. Start again by uploading the file.";
/** The page built the request itself: if it cannot be read, the page is out of date. */
const STALE_PAGE = "The mapping could not be read. Reload the page and try again.";

export const importKindSchema = z.enum(IMPORT_KINDS, { error: "Choose what the file contains." });

/** Job ids are cuids: an id that cannot be one names an import that does not exist. */
export const importJobIdSchema = z.string({ error: MISSING_IMPORT }).regex(/^[a-z0-9]{8,40}$/i, { error: MISSING_IMPORT });

/** A job id from a URL: one that cannot exist is a 404, like one that does not. */
export function importJobIdParam(raw: unknown, what: "import" | "upload"): string {
  const parsed = importJobIdSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("NOT_FOUND", `That ${what} no longer exists.`);
  return parsed.data;
}

export const savedMappingIdSchema = idSchema("mapping");

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

/**
 * The schema's value, or one message for the whole argument and no per-field errors: the mapping
 * form marks fields only for problems of the mapping itself (lib/data/import/runs.ts).
 */
function asOneMessage<S extends z.ZodType>(schema: S, message: (error: z.ZodError) => string) {
  return z.unknown().transform((input, ctx): z.output<S> => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: message(parsed.error) });
    return z.NEVER;
  });
}

/** The mapping a dry run is asked to use. */
export const dryRunMappingSchema = asOneMessage(columnMappingSchema, () => STALE_PAGE);

export const saveMappingSchema = z
  .object({
    kind: importKindSchema,
    name: z.string().trim().min(1, { error: "Name the mapping." }).max(60, { error: "Use at most 60 characters." }),
    mapping: columnMappingSchema,
  })
  .transform((input) => ({ ...input, mapping: cleanMapping(input.kind, input.mapping) }));

/** A mapping to save by name: a problem with the name is said; anything else means the page is stale. */
export const saveMappingRequestSchema = asOneMessage(
  saveMappingSchema,
  (error) => error.issues.find((issue) => issue.path[0] === "name")?.message ?? STALE_PAGE,
);

export const uploadStartSchema = z.object({
  kind: importKindSchema,
  fileName: z.string().trim().min(1, { error: "The file has no name." }).max(255, { error: "The file name is too long." }),
  size: z.number({ error: "The file size is missing." }).int().nonnegative(),
  contentType: z.string().max(200).default(""),
  /** The job whose file this one corrects: its mapping carries over. */
  replaces: importJobIdSchema.nullish(),
});
export type UploadStart = z.output<typeof uploadStartSchema>;

const BAD_OFFSET = "The upload part has no valid offset.";
/** A byte offset in an upload (query string). */
export const uploadOffsetSchema = z.coerce.number({ error: BAD_OFFSET }).int({ error: BAD_OFFSET }).nonnegative({ error: BAD_OFFSET });

/** A page of the error list (query string). */
export const errorsPageSchema = z.coerce.number().int().positive().max(1_000_000).catch(1);
