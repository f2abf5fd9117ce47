import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/**
 * The first message per field of a failed parse. The key is the issue's last string path
 * element (so a form object inside an argument tuple still keys by the form's field name).
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = [...issue.path].reverse().find((part) => typeof part === "string");
    if (typeof key === "string" && !(key in out)) out[key] = issue.message;
  }
  return out;
}

/** A failed parse as the AppError every boundary reports: the first message, and one per field. */
export function invalidInput(error: z.ZodError): AppError {
  return new AppError("INVALID", error.issues[0]?.message ?? "The request could not be read.", { fieldErrors: fieldErrorsOf(error) });
}

/** Parse input with a schema or throw invalidInput. */
export async function parseInput<S extends z.ZodType>(schema: S, input: unknown): Promise<z.output<S>> {
  const parsed = await schema.safeParseAsync(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}
