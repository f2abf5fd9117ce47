/**
 * kill -9 of the app instance committing an import. The database is exactly as before (the commit
 * is one transaction), and the import does not show as running forever: the next worker to start
 * (here: a new instance) finds at once, through the queue's liveness locks, that the instance
 * running it is dead, marks the commit interrupted without replaying it, and the import page's
 * data function tells the admin to commit again, which then works.
 *
 * The "instance" is a child process running the job worker (tests/support/worker-process.ts). The
 * test holds a SHARE lock on accounts, so the commit is caught inside its transaction with every
 * row staged, waiting to write; the kill comes then: no sleeps.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { INTERRUPTED_COMMIT } from "@/lib/data/import/interrupted";
import { getImportJob } from "@/lib/data/import/jobs";
import { startCommit, startDryRun } from "@/lib/data/import/runs";
import { db } from "@/lib/db/client";
import { IMPORT_LOCK_KEY } from "@/lib/import/run";
import { LIVENESS_GRACE_MS } from "@/lib/jobs/liveness";
import { createAccount, createUser } from "../support/fixtures";
import { accountsDigest, commit, dryRun, publishSegmentation, tableCounts, upload } from "../support/import";
import { clearJobs, queueRows, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";
import { killWorkerProcesses, startWorkerProcess } from "../support/worker-process";

/** More than INCREMENTAL_IMPORT_ACCOUNTS: the commit takes the set-based path of a large import. */
const ROWS = 2_000;
let admin: SessionUser;
let blocker: pg.Client;
let blockerPid: number;

/** One existing account renamed and ROWS - 1 new ones named after `prefix`. */
function bigFile(prefix: string): string {
  const lines = ["Name,Domain,Industry,Country,Number of Employees,Hosting"];
  lines.push(`Existing ${prefix},existing.example,Retail,France,2000,On-premise`);
  for (let i = 2; i <= ROWS; i++) lines.push(`${prefix} ${i},${prefix}-${i}.example,Software,United States,${i * 10},Cloud`);
  return lines.join("\n");
}

beforeAll(async () => {
  await resetDatabase();
  await clearJobs();
  admin = await createUser("ADMIN", "admin@kill-import.test");
  await createAccount({ domain: "existing.example", name: "Existing" });
  await publishSegmentation();
  blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
  blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
});
// Each test starts with an empty queue (a dead instance's job stays locked where no worker sweeps).
beforeEach(() => clearJobs());
afterEach(() => {
  killWorkerProcesses();
});
afterAll(async () => {
  await blocker.end();
  await db.$disconnect();
});

/** Who finds the dead run first: a new instance's worker as it starts, or the import page reading the import. */
const FINDERS = [
  ["a new instance starts", "instance"],
  ["the import page reads it", "page"],
] as const;

test.each(FINDERS)("kill -9 mid-commit: nothing written, and the import is interrupted at once when %s", { timeout: 120_000 }, async (_name, finder) => {
  const uploaded = await upload(admin, "accounts", `${finder}.csv`, bigFile(finder));
  const checked = await dryRun(admin, uploaded);
  expect(checked).toMatchObject({ status: "CHECKED", summary: { dryRun: { rows: ROWS, created: ROWS - 1, updated: 1, errorCount: 0 } } });
  const countsBefore = await tableCounts();
  const digestBefore = await accountsDigest();

  // Writers of accounts wait for this lock; readers do not.
  await blocker.query("BEGIN");
  await blocker.query("LOCK TABLE accounts IN SHARE MODE");
  const committing = await startCommit(admin, uploaded.id);
  expect(committing.status).toBe("COMMITTING");
  const instance = await startWorkerProcess();
  await until(
    "the commit to wait to write accounts, every row staged",
    async () => {
      const [row] = await db.$queryRaw<{ waiting: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'accounts' AND NOT l.granted) AS waiting`;
      return row!.waiting;
    },
    60_000,
  );
  expect((await getImportJob(admin, uploaded.id))?.summary.progress?.phase).toBe("writing");
  // A pool's liveness lock counts once its jobs are older than the grace (it takes it a moment after it starts).
  const [job] = (await queueRows("import-run")).filter((row) => row.key === `import-run:${uploaded.id}` && row.locked_by);
  await until("the job to be older than the liveness grace", async () => Date.now() - job!.locked_at!.getTime() > LIVENESS_GRACE_MS + 500, LIVENESS_GRACE_MS + 5_000);

  instance.kill("SIGKILL");
  await new Promise((resolve) => instance.once("exit", resolve));
  await blocker.query("COMMIT");
  // The dead instance's transaction ends (rolled back) when its backend finds the client gone.
  await until("the dead commit's transaction to end", async () => {
    const { rows } = await blocker.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${IMPORT_LOCK_KEY}) AS free`);
    if (rows[0]!.free) await blocker.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK_KEY})`);
    return rows[0]!.free;
  }, 30_000);

  expect(await tableCounts()).toEqual(countsBefore);
  expect(await accountsDigest()).toBe(digestBefore);
  // Nobody has looked yet: the row still says it is committing.
  expect((await db.importJob.findUniqueOrThrow({ where: { id: uploaded.id } })).status).toBe("COMMITTING");

  if (finder === "instance") {
    // A new instance: its worker settles the dead instance's runs as it starts, before it is ready.
    await startWorkerProcess();
    expect((await db.importJob.findUniqueOrThrow({ where: { id: uploaded.id } })).status).toBe("CHECKED");
  }
  // The page's read (with no worker anywhere, in the "page" case) says so at once.
  const view = await getImportJob(admin, uploaded.id);
  expect(view).toMatchObject({ status: "CHECKED", stale: false, summary: { progress: null, failure: { mode: "commit", message: INTERRUPTED_COMMIT } } });
  expect(view!.summary.failure!.message).toMatch(/interrupted.*nothing was written.*Commit again/);

  if (finder === "instance") {
    // The queue gives the job back; it sees the commit settled and does nothing: still nothing written.
    await until("the dead instance's job to leave the queue", async () => (await queueRows("import-run")).length === 0, 30_000);
    expect(await tableCounts()).toEqual(countsBefore);
    expect(await accountsDigest()).toBe(digestBefore);
  }

  if (finder === "page") return;
  // Committing again (the admin's choice) imports the file.
  killWorkerProcesses();
  const done = await commit(admin, view!);
  expect(done).toMatchObject({ status: "COMMITTED", summary: { failure: null, commit: { created: ROWS - 1, updated: 1 } } });
  expect((await tableCounts()).accounts).toBe(countsBefore.accounts! + ROWS - 1);
});

test("kill -9 mid dry run: the page shows it interrupted at once, and it can be run again", { timeout: 90_000 }, async () => {
  const uploaded = await upload(admin, "accounts", "dry.csv", "Name,Domain\nExisting Again,existing.example\n");
  // The imports' lock, held here: the run waits for it inside the instance.
  await blocker.query(`SELECT pg_advisory_lock(${IMPORT_LOCK_KEY})`);
  await startDryRun(admin, uploaded.id, uploaded.summary.mapping!);
  const instance = await startWorkerProcess();
  await until("the run to wait for the imports' lock", async () => {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() <> pid AND ${blockerPid}::int = ANY (pg_blocking_pids(pid))`;
    return row!.n > 0;
  }, 30_000);
  const [job] = (await queueRows("import-run")).filter((row) => row.key === `import-run:${uploaded.id}` && row.locked_by);
  await until("the job to be older than the liveness grace", async () => Date.now() - job!.locked_at!.getTime() > LIVENESS_GRACE_MS + 500, LIVENESS_GRACE_MS + 5_000);
  const running = await getImportJob(admin, uploaded.id);
  expect(running).toMatchObject({ status: "CHECKING", stale: false });

  instance.kill("SIGKILL");
  await new Promise((resolve) => instance.once("exit", resolve));
  await blocker.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK_KEY})`);

  // No worker anywhere: the page's read alone says the run is interrupted (not after minutes)...
  expect(await getImportJob(admin, uploaded.id)).toMatchObject({ status: "CHECKING", stale: true });
  // ...and the dry run it offers to start again starts.
  const again = await startDryRun(admin, uploaded.id, uploaded.summary.mapping!, { wait: true });
  expect(again).toMatchObject({ status: "CHECKED", stale: false, summary: { dryRun: { rows: 1, updated: 1, errorCount: 0 } } });
});
