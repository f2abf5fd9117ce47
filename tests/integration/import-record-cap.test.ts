/**
 * An unclosed quote in an imported CSV stops reading at the record cap (64 KiB) with an error
 * naming the line where the record started, quickly, instead of carrying the rest of the file
 * as one value; a long quoted multi-line value under the cap still imports.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { MAX_RECORD_CHARS } from "@/lib/import/csv-reader";
import { commit, dryRun, upload } from "../support/import";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const HEADER = "Company name,Company Domain Name,Industry,Country/Region,Number of Employees,Notes\n";

let admin: SessionUser;
beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
});
afterAll(() => db.$disconnect());

test("an unclosed quote at line 3 of a 5 MB file: a clear error naming line 3, quickly", async () => {
  const rows = [HEADER, "Good Co,good.example,Software,United States,10,fine\n", 'Broken Co,broken.example,Software,United States,10,"never closed\n'];
  let size = rows.join("").length;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const row = `Company ${i},company-${i}.example,Retail,Germany,${i},a note without quotes\n`;
    rows.push(row);
    size += row.length;
  }
  const started = performance.now();
  await expect(upload(admin, "accounts", "unclosed.csv", rows.join(""))).rejects.toThrow(
    "Line 3: a quoted value is never closed (record longer than 64 KiB).",
  );
  expect(performance.now() - started).toBeLessThan(5_000);
  // Refused: the upload is discarded, nothing was imported.
  expect(await db.importJob.findFirst({ where: { fileName: "unclosed.csv" }, select: { status: true } })).toEqual({ status: "DISCARDED" });
  expect(await db.account.count()).toBe(0);
});

test("a long quoted multi-line note under the cap still imports", async () => {
  const note = Array.from({ length: 600 }, (_, i) => `line ${i}, with a comma and ""quotes"" ${"x".repeat(60)}`).join("\n");
  expect(note.length).toBeGreaterThan(40_000);
  expect(note.length).toBeLessThan(MAX_RECORD_CHARS);
  const content = `${HEADER}Long Note Co,long-note.example,Software,United States,10,"${note}"\nAfter Co,after.example,Retail,Germany,5,short\n`;
  const job = await upload(admin, "accounts", "long-note.csv", content, { partSize: 8 * 1024 });
  expect(job.totalRows).toBe(2);
  expect(job.summary.sample[0]?.[0]).toBe("Long Note Co");
  const checked = await dryRun(admin, job);
  expect(checked.status).toBe("CHECKED");
  expect((await commit(admin, checked)).status).toBe("COMMITTED");
  expect((await db.account.findMany({ orderBy: { name: "asc" }, select: { name: true } })).map((a) => a.name)).toEqual(["After Co", "Long Note Co"]);
});
