import { z } from "@/lib/validation/zod";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { dryRunMappingSchema, importJobIdParam, importJobIdSchema, saveMappingRequestSchema } from "@/lib/validation/import";
import { invalidInput } from "@/lib/validation/parse";

/** How an action's arguments fail at the boundary (lib/actions/client.ts parses them as a tuple). */
function failure(schemas: [z.ZodType, ...z.ZodType[]], args: unknown[]): AppError | null {
  const parsed = z.tuple(schemas).safeParse(args);
  return parsed.success ? null : invalidInput(parsed.error);
}

describe("import action arguments", () => {
  test("a job id that cannot exist says the import is gone", () => {
    const error = failure([importJobIdSchema], ["../../etc/passwd"]);
    expect(error).toMatchObject({ code: "INVALID", message: "That import no longer exists. Start again by uploading the file." });
    expect(error?.fieldErrors).toBeUndefined();
  });

  test("a mapping the page could not have built is one message, not field errors", () => {
    const error = failure([importJobIdSchema, dryRunMappingSchema], ["abcdefgh12", { fields: { domain: 5 }, dateFormat: "YMD" }]);
    expect(error).toMatchObject({ code: "INVALID", message: "The mapping could not be read. Reload the page and try again." });
    expect(error?.fieldErrors).toBeUndefined();
  });

  test("saving a mapping: the name's problem is said; the mapping keeps only the kind's mapped fields", () => {
    const mapping = { fields: { domain: "Domain", bogus: "Name", name: "" }, dateFormat: "MDY" };
    const error = failure([saveMappingRequestSchema], [{ kind: "accounts", name: " ", mapping }]);
    expect(error).toMatchObject({ message: "Name the mapping." });
    expect(error?.fieldErrors).toBeUndefined();
    expect(failure([saveMappingRequestSchema], [{ kind: "nope", name: "Mine", mapping }])?.message).toBe("The mapping could not be read. Reload the page and try again.");
    expect(saveMappingRequestSchema.parse({ kind: "accounts", name: " Mine ", mapping })).toEqual({
      kind: "accounts",
      name: "Mine",
      mapping: { fields: { domain: "Domain" }, dateFormat: "MDY" },
    });
  });

  test("a job id in a URL that cannot exist is a 404", () => {
    expect(importJobIdParam("abcdefgh12", "import")).toBe("abcdefgh12");
    expect(() => importJobIdParam("x/y", "upload")).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "That upload no longer exists." }));
  });
});
