/**
 * The job queue (graphile-worker, lib/jobs/): a job enqueued inside a transaction exists only if
 * the transaction commits; a worker starts a new job within milliseconds (LISTEN/NOTIFY: this
 * worker polls once a minute, so only the notification can explain a fast start); jobs are
 * deduplicated by key; a job whose handler throws is retried, then shown as failed with a
 * one-line error, and an admin can retry it; the Jobs page's data is for admins only.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listJobs } from "@/lib/jobs/list";
import { enqueueJob } from "@/lib/jobs/queue";
import { retryJob } from "@/lib/jobs/retry";
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { createUser } from "../support/fixtures";
import { clearJobs, queueRows, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";

let admin: SessionUser;
let manager: SessionUser;
let rep: SessionUser;

/** What the test handlers saw: payloads and when they started. */
const ran: { marker: string; at: number }[] = [];
let importShouldThrow = true;

beforeAll(async () => {
  await resetDatabase();
  await clearJobs();
  admin = await createUser("ADMIN", "admin@test.local");
  manager = await createUser("MANAGER", "manager@test.local");
  rep = await createUser("REP", "rep@test.local");
  await startWorker({
    refresh: false,
    pollIntervalMs: 60_000,
    handlers: {
      "daily-refresh": async (payload) => {
        ran.push({ marker: (payload as { marker: string }).marker, at: Date.now() });
      },
      "import-run": async () => {
        if (importShouldThrow) throw new Error("Import exploded\n    at secret (/srv/app/lib/secret.ts:1:1)");
      },
    },
  });
});
afterAll(async () => {
  await stopWorker();
  await db.$disconnect();
});

/** Make a waiting retry due now and tell the workers (as if its back-off had passed). */
async function fastForward(jobId: string): Promise<void> {
  await db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = ${BigInt(jobId)}`;
  await db.$executeRaw`SELECT pg_notify('jobs:insert', '{"count":1}')`;
}

describe("enqueueing inside a transaction", () => {
  test("a rolled-back transaction's job never exists; a committed one runs", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob("daily-refresh", { marker: "rolled-back" }, { tx });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    await db.$transaction(async (tx) => {
      await enqueueJob("daily-refresh", { marker: "committed" }, { tx });
    });
    await until("the committed job to run", async () => ran.some((r) => r.marker === "committed"));
    await until("the queue to be empty", async () => (await queueRows("daily-refresh")).length === 0);
    expect(ran.map((r) => r.marker)).toEqual(["committed"]);
  });

  test("a new job starts within milliseconds of the commit (notification, not polling)", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const marker = `latency-${i}`;
      const committedAt = Date.now();
      await enqueueJob("daily-refresh", { marker });
      const started = await until(`job ${marker}`, async () => ran.find((r) => r.marker === marker), 5_000);
      waits.push(started.at - committedAt);
    }
    waits.sort((a, b) => a - b);
    console.log(`enqueue -> handler start: ${waits.join(", ")} ms`);
    // Typically a few ms; the bound leaves room for a busy two-core machine.
    expect(waits[2]).toBeLessThan(200);
  });

  test("one queued job per key: enqueueing again replaces the waiting one", async () => {
    const later = new Date(Date.now() + 60 * 60_000);
    await enqueueJob("daily-refresh", { marker: "first" }, { key: "dedup-test", runAt: later });
    await enqueueJob("daily-refresh", { marker: "second" }, { key: "dedup-test", runAt: later });
    const rows = (await queueRows("daily-refresh")).filter((row) => row.key === "dedup-test");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ marker: "second" });
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = 'dedup-test'`;
  });
});

describe("a job whose handler throws", () => {
  const payload = { importJobId: "imp-1", mode: "dryRun", claim: "2026-01-01T00:00:00.000Z", actor: { id: "u" }, fileName: "broken.csv" };

  test("is retried, then shown as failed with a one-line error; an admin can run it again", async () => {
    await enqueueJob("import-run", payload);
    const [first] = await until("the first attempt to fail", async () => {
      const rows = await queueRows("import-run");
      return rows[0] && rows[0].attempts === 1 && !rows[0].locked_at && rows[0].last_error ? rows : null;
    });
    // The retry waits out its back-off; meanwhile the page shows it queued, with the error.
    expect(first!.run_at.getTime()).toBeGreaterThan(Date.now());
    const queued = (await listJobs(admin)).queued.find((job) => job.id === first!.id);
    expect(queued).toMatchObject({ name: "import-run", label: "CSV import run", about: "Dry run of broken.csv", attempts: 1, maxAttempts: 3, lastError: "Import exploded" });

    for (const attempt of [2, 3]) {
      await fastForward(first!.id);
      await until(`attempt ${attempt} to fail`, async () => {
        const [row] = await queueRows("import-run");
        return row && row.attempts === attempt && !row.locked_at;
      });
    }
    const overview = await listJobs(admin);
    expect(overview.queued.concat(overview.running).some((job) => job.id === first!.id)).toBe(false);
    const failed = overview.failed.find((job) => job.id === first!.id);
    expect(failed).toMatchObject({ state: "failed", attempts: 3, maxAttempts: 3, lastError: "Import exploded" });
    expect(JSON.stringify(overview)).not.toMatch(/secret\.ts|\n/);
    // Failed for good: it stays failed (no more attempts come).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await queueRows("import-run"))[0]).toMatchObject({ attempts: 3, locked_at: null });

    importShouldThrow = false;
    await retryJob(admin, first!.id);
    await until("the retried job to complete", async () => (await queueRows("import-run")).length === 0);
    const completed = (await listJobs(admin)).completed.find((job) => job.id === first!.id);
    expect(completed).toMatchObject({ state: "completed", about: "Dry run of broken.csv", attempts: 1, lastError: null });
    expect(completed!.finishedAt).not.toBeNull();

    // Gone from the queue: nothing left to retry.
    await expect(retryJob(admin, first!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a queued job cannot be retried", async () => {
    await enqueueJob("daily-refresh", { marker: "later" }, { runAt: new Date(Date.now() + 60 * 60_000) });
    const [row] = await queueRows("daily-refresh");
    await expect(retryJob(admin, row!.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(retryJob(admin, "not-a-number")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the Jobs page's data", () => {
  test("is for admins only", async () => {
    for (const user of [manager, rep]) {
      await expect(listJobs(user)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(retryJob(user, "1")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(listJobs(admin)).resolves.toHaveProperty("failed");
  });
});
