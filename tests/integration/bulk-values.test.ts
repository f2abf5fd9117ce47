/**
 * Array literals (lib/db/bulk-values.ts) read back by PostgreSQL as the values they were built
 * from: the import stages every column of a batch as one such literal, so any text a CSV cell can
 * hold must survive it.
 */
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { textArrayLiteral } from "@/lib/db/bulk-values";

afterAll(async () => {
  await db.$disconnect();
});

/** Text as a CSV cell may hold it: any characters but NUL, which PostgreSQL's text cannot store. */
const cellText = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("\u0000"));

describe("textArrayLiteral", () => {
  test("text with quotes, backslashes, commas, braces, spaces and the word NULL comes back as written; null as NULL", async () => {
    const values = ['say "hi"', "back\\slash", "a,b", "{x}", "  padded  ", "NULL", "", null, "Ünïcødé ✓", "tab\there", "line\nbreak"];
    const [row] = await db.$queryRaw<{ v: (string | null)[] }[]>`SELECT ${textArrayLiteral(values)}::text[] AS v`;
    expect(row!.v).toEqual(values);
  });

  test("numbers cast to the column's type, enums through text", async () => {
    const [row] = await db.$queryRaw<{ ints: number[]; amounts: string[]; regions: string[] }[]>`
      SELECT ${textArrayLiteral([1, null, -30])}::int[] AS ints, (${textArrayLiteral(["12.50", "0.1"])}::numeric[])::text[] AS amounts,
        (${textArrayLiteral(["EMEA", null])}::text[]::"Region"[])::text[] AS regions`;
    expect(row).toEqual({ ints: [1, null, -30], amounts: ["12.50", "0.1"], regions: ["EMEA", null] });
  });

  test("any text survives the round trip (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(cellText, { nil: null }), { maxLength: 20 }), async (values) => {
        const [row] = await db.$queryRaw<{ v: (string | null)[] }[]>`SELECT ${textArrayLiteral(values)}::text[] AS v`;
        expect(row!.v).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });
});
