import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_RECORD_CHARS, readCsvRecords, sniffShape, type CsvRecord } from "@/lib/import/csv-reader";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tierwise-csv-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readAll(content: string | Buffer): Promise<CsvRecord[]> {
  const file = path.join(dir, `f-${Math.random().toString(36).slice(2)}.csv`);
  await fs.writeFile(file, content);
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(file)) records.push(...batch);
  return records;
}

describe("streaming CSV reader", () => {
  test("numbers records like spreadsheet rows, header = line 1, BOM stripped", async () => {
    const records = await readAll("\uFEFFName,Domain\r\nAcme,acme.com\r\n\r\nGlobex,globex.com\r\n");
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ["Name", "Domain"]],
      [2, ["Acme", "acme.com"]],
      [3, [""]],
      [4, ["Globex", "globex.com"]],
    ]);
  });

  test("quoted values with commas, quotes and newlines", async () => {
    const records = await readAll('a,b\n"x, y","he said ""hi"""\n"multi\nline",z\nlast,row');
    expect(records.map((r) => r.cells)).toEqual([["a", "b"], ["x, y", 'he said "hi"'], ["multi\nline", "z"], ["last", "row"]]);
  });

  test("large files: rows and multi-byte characters across chunk boundaries", async () => {
    const rows = 20_000;
    const lines = ["name,city"];
    for (let i = 0; i < rows; i++) lines.push(`"Müller & Söhne ${i}, GmbH",Zürich ✓ ${i}`);
    const records = await readAll(lines.join("\n"));
    expect(records).toHaveLength(rows + 1);
    expect(records.at(-1)).toEqual({ line: rows + 1, cells: [`Müller & Söhne ${rows - 1}, GmbH`, `Zürich ✓ ${rows - 1}`], problem: null });
    expect(records.every((r) => !r.cells.join("").includes("\uFFFD"))).toBe(true);
  });

  test("semicolon-separated files (European Excel)", async () => {
    expect(sniffShape("Name;Domain;Revenue\n")).toEqual({ delimiter: ";", newline: "\n" });
    const records = await readAll("Name;Domain\nAcme, Inc.;acme.com\n");
    expect(records[1]!.cells).toEqual(["Acme, Inc.", "acme.com"]);
  });

  test("a stray quote is reported on its record", async () => {
    // The value runs on to the next quote that can close it, as in a spreadsheet.
    const records = await readAll('a,b\nok,1\n"bad"x,2\n"fine",3\n');
    expect(records.find((r) => r.line === 3)?.problem).toMatch(/stray quote/);
    expect(records.find((r) => r.line === 2)?.problem).toBeNull();
  });

  test("an unclosed quote is reported", async () => {
    const records = await readAll('a,b\nok,1\n"never closed,2\nmore,3\n');
    expect(records.at(-1)?.problem).toMatch(/never closed/);
  });

  test("an unclosed quote past the record cap stops reading, naming the line the record started on", async () => {
    const rest = Array.from({ length: 40_000 }, (_, i) => `row ${i},${i}`).join("\n");
    await expect(readAll(`a,b\nok,1\nfine,2\n"never closed,3\n${rest}\n`)).rejects.toThrow(
      "Line 4: a quoted value is never closed (record longer than 64 KiB).",
    );
  });

  test("a record longer than the cap within one chunk is refused too; one just under it is read", async () => {
    const long = "x".repeat(MAX_RECORD_CHARS + 10);
    await expect(readAll(`a,b\n${long},1\n`)).rejects.toThrow("Line 2: the record is longer than 64 KiB.");
    const under = "y".repeat(MAX_RECORD_CHARS - 100);
    const records = await readAll(`a,b\n"${under}\n${under.slice(0, 50)}",1\nlast,2\n`);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[1]!.cells[0]).toHaveLength(MAX_RECORD_CHARS - 49);
  });
});
