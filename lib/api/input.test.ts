import { describe, expect, test } from "vitest";
import { z } from "@/lib/validation/zod";
import { dottedFieldErrors, parseRequestPart } from "./input";

const batch = z.object({ items: z.array(z.object({ domain: z.string().min(1, "Enter a domain."), amount: z.number() }).strict()) }).strict();

describe("dotted field errors", () => {
  test("keyed by the full path, unknown fields at their own path, the first message per path", () => {
    const result = batch.safeParse({ items: [{ domain: "a.com", amount: 1 }, { domain: "", amount: "x", extra: 1, more: 2 }], role: "ADMIN" });
    expect(result.success).toBe(false);
    expect(dottedFieldErrors(result.error!, "body")).toEqual({
      "items.1.domain": "Enter a domain.",
      "items.1.amount": expect.any(String),
      "items.1.extra": "Unknown field.",
      "items.1.more": "Unknown field.",
      role: "Unknown field.",
    });
  });

  test("a problem with the whole part is keyed by the part", () => {
    const result = batch.safeParse([1]);
    expect(Object.keys(dottedFieldErrors(result.error!, "body"))).toEqual(["body"]);
  });

  test("parseRequestPart: the parsed value, or INVALID naming the first field; no schema, nothing", async () => {
    await expect(parseRequestPart(batch, { items: [] }, "body")).resolves.toEqual({ items: [] });
    await expect(parseRequestPart(undefined, { anything: 1 }, "query")).resolves.toBeUndefined();
    await expect(parseRequestPart(batch, { items: [{ domain: "", amount: 1 }] }, "body")).rejects.toMatchObject({
      code: "INVALID",
      message: "The request body is not valid: items.0.domain: Enter a domain.",
      fieldErrors: { "items.0.domain": "Enter a domain." },
    });
  });
});
