/**
 * Every kind of bad row, reported with its line (the header is line 1), column and reason;
 * a commit is refused while any row is bad; the error list pages and downloads as safe CSV;
 * files that are not CSV are refused at upload.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getImportJob } from "@/lib/data/import/jobs";
import { importErrorsCsv, importErrorsPage } from "@/lib/data/import/row-errors";
import { completeUpload, createUpload } from "@/lib/data/import/uploads";
import { describeRowError, type RowError } from "@/lib/import/rows";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser } from "../support/fixtures";
import { commit, createCatalogue, dryRun, tableCounts, upload, uploadFixture } from "../support/import";

let admin: SessionUser;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  await createCatalogue();
  await createAccount({ domain: "acme.com", name: "Acme" });
});
afterAll(() => db.$disconnect());

async function errorsOf(jobId: string): Promise<string[]> {
  const page = await importErrorsPage(admin, jobId, 1);
  return page.rows.map((e: RowError) => describeRowError(e));
}

describe("bad rows", () => {
  test("accounts", async () => {
    const job = await dryRun(admin, await uploadFixture(admin, "accounts", "accounts-bad.csv"));
    expect(job.status).toBe("HAS_ERRORS");
    expect(await errorsOf(job.id)).toEqual([
      "Line 3, Company Domain Name: 'not a domain' is not a web domain (expected something like acme.com)",
      "Line 4, Company Domain Name: 'good.example' also appears on line 2; each may appear once",
      "Line 5, Annual Revenue: '12,5x' is not a number",
      "Line 6, Number of Employees: '12.5' is not a whole number",
      "Line 7, Hosting: 'Sometimes' is not a hosting preference (use Cloud, On-premise or Hybrid)",
      "Line 8, Company owner: 'nobody@test.local' is not the e-mail address of an active Tierwise user",
      expect.stringMatching(/^Line 9, Industry: 'Basket weaving' is not a Tierwise industry/),
      "Line 10, Company name: is empty; a name is needed to create the new account noname.example",
      "Line 11, Country/Region: 'Narnia' is not a country Tierwise knows, so the region of the new account narnia.example is needed: map a column to Region",
      "Line 12: has 10 values but the header has 9 columns (is a value with a comma not in quotes?)",
      "Line 13, Loyalty status: 'Super fan' is not a loyalty status (use New, Repeat, Advocate, At risk or Churned)",
      expect.stringMatching(/^Line 14: a quoted value is never closed/),
    ]);
    // The valid row is still counted, so the admin sees what the rest would do.
    expect(job.summary.dryRun).toMatchObject({ rows: 13, validRows: 1, errorCount: 12, created: 1 });
  });

  test("orders", async () => {
    const job = await dryRun(admin, await uploadFixture(admin, "orders", "orders-bad.csv"));
    expect(await errorsOf(job.id)).toEqual([
      "Line 3, Account domain: 'unknown-co.com' is not an account in Tierwise (import it with an accounts file first)",
      "Line 4, Order date: '2026-02-30' is not a valid date",
      "Line 5, Amount: '12,5x' is not a number",
      "Line 6, Order ID: 'B-1' also appears on line 2; each may appear once",
      "Line 7, Amount: is empty; a value is required",
      "Line 8, Order date: '13/25/2026' is not a valid date (read as month/day/year)",
      "Line 9, Amount: '-20' must not be negative",
    ]);
  });

  test("events", async () => {
    const job = await dryRun(admin, await uploadFixture(admin, "events", "events-bad.csv"));
    expect(await errorsOf(job.id)).toEqual([
      "Line 3, Activity type: 'Carrier pigeon' is not a event type (use Web visit, Email open, Email click, Meeting, Webinar or Event)",
      "Line 4, Activity date: 'soon' is not a date (use 2026-03-12, 03/12/2026 or 12 Mar 2026)",
      "Line 5, Website: 'nowhere.example' is not an account in Tierwise (import it with an accounts file first)",
      "Line 6, Event ID: 'E-9' also appears on line 2; each may appear once",
    ]);
  });

  test("technologies", async () => {
    const job = await dryRun(admin, await uploadFixture(admin, "technologies", "technologies-bad.csv"));
    expect(await errorsOf(job.id)).toEqual([
      "Line 3, Technology: 'Salesforse Sales Cloud' is not in the technology catalogue (did you mean Salesforce Sales Cloud?)",
      "Line 4, First seen: '2026-05-01' is after the last-detected date 2026-01-01",
      "Line 5, Technology: 'Slack' also appears on line 2; each may appear once",
      "Line 6, Domain: 'nowhere.example' is not an account in Tierwise (import it with an accounts file first)",
      "Line 7, Confidence: '150%' is more than 100%",
    ]);
  });

  test("a file with bad rows cannot be committed, and nothing is written", async () => {
    const counts = await tableCounts();
    const job = await dryRun(admin, await uploadFixture(admin, "orders", "orders-bad.csv"));
    await expect(commit(admin, job)).rejects.toThrow(/nothing is imported until every row is valid/);
    expect(await tableCounts()).toEqual(counts);
    expect((await getImportJob(admin, job.id))!.status).toBe("HAS_ERRORS");
  });

  test("fixing the mapping fixes the rows: the same file, mapped right, is clean", async () => {
    // "Amount" mapped to the product column: every amount is "not a number".
    const file = "Order ID,Account domain,Order date,Amount,Product line\nM-1,acme.com,2026-01-15,100,Platform\nM-2,acme.com,2026-01-16,200,Services\n";
    const job = await upload(admin, "orders", "mapping.csv", file);
    const wrong = await dryRun(admin, job, { ...job.summary.mapping!, fields: { ...job.summary.mapping!.fields, amount: "Product line", productLine: "Amount" } });
    expect(wrong.status).toBe("HAS_ERRORS");
    expect(await errorsOf(job.id)).toEqual(["Line 2, Product line: 'Platform' is not a number", "Line 3, Product line: 'Services' is not a number"]);
    const right = await dryRun(admin, wrong, job.summary.mapping!);
    expect(right.status).toBe("CHECKED");
    expect(await errorsOf(job.id)).toEqual([]);
  });

  test("day/month/year files are read with the date setting", async () => {
    const file = "Order ID,Account domain,Order date,Amount\nD-1,acme.com,25/12/2026,100\n";
    const job = await upload(admin, "orders", "dmy.csv", file);
    const us = await dryRun(admin, job);
    expect(await errorsOf(us.id)).toEqual([
      "Line 2, Order date: '25/12/2026' is not a valid date (read as month/day/year) — it looks like day/month/year: change “Dates in this file” on the mapping screen",
    ]);
    const eu = await dryRun(admin, us, { ...job.summary.mapping!, dateFormat: "DMY" });
    expect(eu.status).toBe("CHECKED");
  });
});

describe("error report", () => {
  test("pages through every error and downloads them as CSV with formulas neutralised", async () => {
    const lines = ["Account domain,Order date,Amount"];
    for (let i = 0; i < 120; i++) lines.push(`acme.com,2026-01-01,=HYPERLINK("x")${i}`);
    const job = await dryRun(admin, await upload(admin, "orders", "many.csv", lines.join("\n")));
    const page3 = await importErrorsPage(admin, job.id, 3);
    expect(page3).toMatchObject({ total: 120, page: 3, pageCount: 3 });
    expect(page3.rows.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => 102 + i));

    const { stream, fileName } = await importErrorsCsv(admin, job.id);
    expect(fileName).toBe("many-errors.csv");
    const text = await new Response(stream).text();
    const rows = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(rows[0]).toBe("Line,Column,Value,Problem");
    expect(rows).toHaveLength(121);
    expect(rows[1]).toBe(`2,Amount,"'=HYPERLINK(""x"")0","'=HYPERLINK(""x"")0' is not a number"`);
  });
});

describe("uploads that are not CSV", () => {
  test.each([
    ["report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 100, /spreadsheet workbook/],
    ["notes.txt", "text/plain", 100, /Choose a \.csv file/],
    ["big.csv", "text/csv", 51 * 1024 * 1024, /the limit is 50 MB/],
    ["empty.csv", "text/csv", 0, /empty/],
    ["photo.csv", "image/png", 100, /sent as image\/png/],
  ])("%s is refused before upload", async (fileName, contentType, size, message) => {
    await expect(createUpload(admin, { kind: "accounts", fileName, size, contentType })).rejects.toThrow(message);
  });

  test("binary content is refused by its bytes, whatever its name", async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    await expect(upload(admin, "accounts", "renamed.csv", zip)).rejects.toThrow(/Excel workbook renamed to \.csv/);
    const nul = Buffer.concat([Buffer.from("Name,Domain\nAcme,acme.com\n"), Buffer.from([0, 1, 2])]);
    await expect(upload(admin, "accounts", "nul.csv", nul, { partSize: 10 })).rejects.toThrow(/binary data \(NUL bytes\)/);
    const utf16 = Buffer.from("\uFEFFName,Domain\n", "utf16le");
    await expect(upload(admin, "accounts", "utf16.csv", utf16)).rejects.toThrow(/UTF-16/);
  });

  test("a header with no rows, and an upload that stops early", async () => {
    await expect(upload(admin, "accounts", "header-only.csv", "Name,Domain\n")).rejects.toThrow(/no data rows/);
    const { id } = await createUpload(admin, { kind: "accounts", fileName: "short.csv", size: 1000, contentType: "text/csv" });
    await expect(completeUpload(admin, id)).rejects.toThrow(/Only 0 of 1000 bytes arrived/);
  });
});
