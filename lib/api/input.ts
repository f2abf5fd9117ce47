import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/**
 * Field errors keyed by the full dotted path of the problem ("items.3.amount"), as an API client
 * needs them; an unknown field of a strict object is reported at its own path ("items.0.colour").
 * Problems with the whole part are keyed by the part ("body", "query").
 */
export function dottedFieldErrors(error: z.ZodError, part: string): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.length > 0 ? path.map(String).join(".") : part;
    if (!(key in out)) out[key] = message;
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], "Unknown field.");
    } else {
      add(issue.path, issue.message);
    }
  }
  return out;
}

const WHERE: Record<string, string> = { path: "URL path", query: "query string", body: "request body" };

/** Parse one part of a request with its schema (none: nothing to parse), or throw INVALID (422) with dotted field errors. */
export async function parseRequestPart(schema: z.ZodType | undefined, input: unknown, part: "path" | "query" | "body"): Promise<unknown> {
  if (!schema) return undefined;
  const parsed = await schema.safeParseAsync(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = dottedFieldErrors(parsed.error, part);
  const [first] = Object.entries(fieldErrors);
  const message = first ? `The ${WHERE[part]} is not valid: ${first[0]}: ${first[1]}` : `The ${WHERE[part]} is not valid.`;
  throw new AppError("INVALID", message, { fieldErrors });
}
