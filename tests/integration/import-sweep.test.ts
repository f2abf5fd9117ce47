/**
 * The week-old import-file sweep removes only what Tierwise wrote there: an upload of a real job
 * (named by its id) goes; a stranger's old file, a symlink and a directory in the same folder
 * (TIERWISE_IMPORT_DIR may be shared) stay.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createUpload } from "@/lib/data/import/uploads";
import { OWN_FILE, errorsPath, importDir, sweepOldFiles, uploadPath } from "@/lib/import/storage";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const WEEK_AND_A_DAY = 8 * 24 * 60 * 60_000;
let admin: SessionUser;
let outside: string;
const previousDir = process.env.TIERWISE_IMPORT_DIR;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  process.env.TIERWISE_IMPORT_DIR = await fs.mkdtemp(path.join(os.tmpdir(), "tierwise-sweep-"));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), "tierwise-sweep-outside-"));
});
afterAll(async () => {
  await fs.rm(importDir(), { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
  process.env.TIERWISE_IMPORT_DIR = previousDir;
  await db.$disconnect();
});

const exists = (file: string) => fs.lstat(file).then(() => true, () => false);

test("only Tierwise's own old files are swept", async () => {
  const { id } = await createUpload(admin, { kind: "accounts", fileName: "a.csv", size: 10, contentType: "text/csv" });
  const dir = importDir();
  const own = uploadPath(id);
  const ownErrors = errorsPath(id);
  await fs.writeFile(ownErrors, "{}\n");
  const fresh = uploadPath("c".padEnd(25, "1"));
  await fs.writeFile(fresh, "name\n");
  // A real job id names its files in the pattern the sweep looks for.
  expect(OWN_FILE.test(path.basename(own))).toBe(true);

  const stranger = path.join(dir, "customers.csv");
  const strangerLikeOurs = path.join(dir, "c".padEnd(25, "2") + ".csv.bak");
  const target = path.join(outside, "precious.csv");
  await fs.writeFile(stranger, "theirs");
  await fs.writeFile(strangerLikeOurs, "theirs");
  await fs.writeFile(target, "outside the folder");
  const link = path.join(dir, "c".padEnd(25, "3") + ".csv");
  await fs.symlink(target, link);
  const folder = path.join(dir, "c".padEnd(25, "4") + ".csv");
  await fs.mkdir(folder);

  const old = new Date(Date.now() - WEEK_AND_A_DAY);
  for (const file of [own, ownErrors, stranger, strangerLikeOurs, target, folder]) await fs.utimes(file, old, old);
  await fs.lutimes(link, old, old);

  await sweepOldFiles();

  expect(await exists(own)).toBe(false);
  expect(await exists(ownErrors)).toBe(false);
  expect(await exists(fresh)).toBe(true);
  expect(await exists(stranger)).toBe(true);
  expect(await exists(strangerLikeOurs)).toBe(true);
  expect(await exists(link)).toBe(true);
  expect(await exists(target)).toBe(true);
  expect(await exists(folder)).toBe(true);
});
