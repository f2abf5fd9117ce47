/**
 * All or nothing: a commit that fails at row N (a constraint violation forced on that row), or
 * whose database connection is killed mid-import (what a crash of the app looks like to
 * PostgreSQL), leaves every table exactly as it was. The job says so, and the file can then be
 * dry-run and committed again.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getImportJob } from "@/lib/data/import/jobs";
import { startCommit } from "@/lib/data/import/runs";
import { IMPORT_LOCK_KEY } from "@/lib/import/run";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser } from "../support/fixtures";
import { accountsDigest, commit, dryRun, publishSegmentation, tableCounts, upload } from "../support/import";

let admin: SessionUser;
const ROWS = 400;
const FAILING_ROW = 250;

function accountsFile(prefix: string): string {
  const lines = ["Name,Domain,Industry,Country,Number of Employees,Hosting"];
  // Row 1 updates an existing account, so a rollback must also undo an update.
  lines.push(`Existing Renamed,existing.example,Retail,France,2000,On-premise`);
  for (let i = 2; i <= ROWS; i++) lines.push(`${prefix} ${i},${prefix}-${i}.example,Software,United States,${i * 10},Cloud`);
  return lines.join("\n");
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  await createAccount({ domain: "existing.example", name: "Existing" });
  await publishSegmentation();
});
afterAll(async () => {
  await db.$executeRawUnsafe("ALTER TABLE accounts DROP CONSTRAINT IF EXISTS import_test_row_check");
  // The pg pool never gets back the client whose backend was killed, so ending the pool would
  // wait for it forever; the process exits anyway.
  await Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 1000))]);
});

async function snapshot() {
  return { counts: await tableCounts(), digest: await accountsDigest() };
}

describe("a failure at row N", () => {
  test("rolls back every row before it, the update included, and the recompute", async () => {
    const job = await dryRun(admin, await upload(admin, "accounts", "boom.csv", accountsFile("Boom")));
    expect(job.status).toBe("CHECKED");
    expect(job.summary.dryRun).toMatchObject({ rows: ROWS, created: ROWS - 1, updated: 1 });

    // Row N now violates a constraint: the insert fails after N - 1 rows were written.
    await db.$executeRawUnsafe(
      `ALTER TABLE accounts ADD CONSTRAINT import_test_row_check CHECK (domain <> 'boom-${FAILING_ROW}.example') NOT VALID`,
    );
    const before = await snapshot();
    const failed = await commit(admin, job);
    expect(failed.status).toBe("FAILED");
    expect(failed.summary.failure?.message).toMatch(/nothing was written: every change was rolled back/);
    expect(await snapshot()).toEqual(before);
    expect(await db.account.count({ where: { domain: { startsWith: "boom-" } } })).toBe(0);
    expect((await db.account.findUniqueOrThrow({ where: { domain: "existing.example" } })).name).toBe("Existing");
    expect(await db.auditLog.count({ where: { action: "IMPORT_COMMITTED" } })).toBe(0);

    // Fixed: the same job can be checked and committed again.
    await db.$executeRawUnsafe("ALTER TABLE accounts DROP CONSTRAINT import_test_row_check");
    const retried = await commit(admin, await dryRun(admin, failed));
    expect(retried.status).toBe("COMMITTED");
    expect(await db.account.count({ where: { domain: { startsWith: "boom-" } } })).toBe(ROWS - 1);
  });
});

describe("a connection killed mid-import", () => {
  test("leaves the database as it was", async () => {
    const job = await dryRun(admin, await upload(admin, "accounts", "crash.csv", accountsFile("Crash")));
    const before = await snapshot();

    const running = startCommit(admin, job.id, { wait: true });
    // The import holds its advisory lock for the whole transaction: kill that backend while it works.
    let killed = false;
    for (let i = 0; i < 2000 && !killed; i++) {
      const [row] = await db.$queryRawUnsafe<{ killed: boolean | null }[]>(
        `SELECT bool_or(pg_terminate_backend(l.pid)) AS killed FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.objid = ${IMPORT_LOCK_KEY} AND l.granted`,
      );
      killed = row?.killed === true;
      if (!killed) await new Promise((r) => setTimeout(r, 5));
    }
    expect(killed).toBe(true);
    await running;

    const after = await getImportJob(admin, job.id);
    expect(after?.status).toBe("FAILED");
    expect(await snapshot()).toEqual(before);
    expect(await db.account.count({ where: { domain: { startsWith: "crash-" } } })).toBe(0);
  });
});
