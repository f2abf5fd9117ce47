/**
 * scripts/with-db.ts --fresh promises a throw-away database: with DATABASE_URL set it refuses to
 * run the command (a test run would empty that database), and says which database it was given
 * without its password.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

test("--fresh with DATABASE_URL set runs nothing and names the database, not its password", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierwise-with-db-"));
  const marker = path.join(dir, "ran");
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/with-db.ts", "--fresh", "--", process.execPath, "-e", `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "")`],
    { env: { ...process.env, DATABASE_URL: "postgresql://owner:s3cret@db.example:5432/production", MIGRATION_DATABASE_URL: "" }, encoding: "utf8" },
  );
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("--fresh starts a throw-away database, but DATABASE_URL is set (db.example:5432/production)");
  expect(result.stderr).not.toContain("s3cret");
  expect(existsSync(marker)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});
