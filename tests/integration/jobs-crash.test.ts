/**
 * kill -9 of an app instance while it runs an import: the run completes after a restart. The
 * "instance" is a child process running the job worker (tests/support/job-worker-child.ts) on
 * this test's database. The test holds the imports' advisory lock so the run is caught waiting
 * inside the child, kills the child with SIGKILL, starts a new one, lets go of the lock, and
 * sees the dry run finish: the new worker found the job locked by a dead instance and ran it.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getImportJob } from "@/lib/data/import/jobs";
import { startDryRun } from "@/lib/data/import/runs";
import { IMPORT_LOCK_KEY } from "@/lib/import/run";
import { createAccount, createUser } from "../support/fixtures";
import { publishSegmentation, upload } from "../support/import";
import { clearJobs, queueRows, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";
import { killWorkerProcesses, startWorkerProcess } from "../support/worker-process";

let admin: SessionUser;
let blocker: pg.Client;

beforeAll(async () => {
  await resetDatabase();
  await clearJobs();
  admin = await createUser("ADMIN", "admin@test.local");
  await createAccount({ domain: "acme.com", name: "Acme" });
  await publishSegmentation();
  blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
});
afterEach(() => {
  killWorkerProcesses();
});
afterAll(async () => {
  await blocker.end();
  await db.$disconnect();
});

test("an import run interrupted by kill -9 completes after the restart", { timeout: 90_000 }, async () => {
  const uploaded = await upload(admin, "accounts", "crash.csv", "Name,Domain\nAcme Inc,acme.com\n");
  // The imports' lock, held here: the run will wait for it inside the first instance.
  await blocker.query(`SELECT pg_advisory_lock(${IMPORT_LOCK_KEY})`);
  const started = await startDryRun(admin, uploaded.id, uploaded.summary.mapping!);
  expect(started.status).toBe("CHECKING");
  expect(await queueRows("import-run")).toHaveLength(1);

  const first = await startWorkerProcess();
  const [running] = await until("the first instance to take the job", async () => {
    const rows = await queueRows("import-run");
    return rows[0]?.locked_by ? rows : null;
  });
  await until("the run to wait for the imports' lock", async () => (await getImportJob(admin, uploaded.id))?.summary.progress?.phase === "waiting");

  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  // Still locked by the dead instance: graphile-worker alone would leave it for 4 hours.
  expect((await queueRows("import-run"))[0]).toMatchObject({ id: running!.id, locked_by: running!.locked_by });

  await startWorkerProcess();
  await blocker.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK_KEY})`);
  const done = await until("the dry run to finish after the restart", async () => {
    const job = await getImportJob(admin, uploaded.id);
    return job && job.status !== "CHECKING" ? job : null;
  }, 30_000);
  expect(done).toMatchObject({ status: "CHECKED", summary: { dryRun: { rows: 1, updated: 1, errorCount: 0 } } });
  await until("the job to leave the queue", async () => (await queueRows("import-run")).length === 0);
  // Its second attempt is the one that completed.
  expect(await db.jobRun.findFirst({ where: { name: "import-run" } })).toMatchObject({ jobId: BigInt(running!.id), attempts: 2 });
});
