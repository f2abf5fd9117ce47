/**
 * Author a migration from the change to prisma/schema.prisma since the last commit:
 *   npm run db:new-migration -- <name>
 * (`prisma migrate dev` cannot run with the JS engine here; `migrate diff` can.)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "../lib/env";
import { startEmbeddedDatabase } from "./lib/embedded-db";

const name = process.argv[2]?.replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const previous = path.join(mkdtempSync(path.join(os.tmpdir(), "tierwise-")), "schema.prisma");
let from = ["--from-empty"];
try {
  writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  from = ["--from-schema-datamodel", previous];
} catch {
  console.warn("no committed schema: diffing from an empty database");
}
const { DATABASE_URL } = env();
const db = DATABASE_URL ? null : await startEmbeddedDatabase({ dataDir: path.join("data", `migration-${process.pid}`), persistent: false, quiet: true });
try {
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...process.env, DATABASE_URL: DATABASE_URL ?? db!.url } },
  ).toString();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql`);
} finally {
  await db?.stop();
}
