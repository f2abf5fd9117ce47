/**
 * PostgreSQL restarted while the app serves. Requests during the outage get the friendly
 * SERVICE_UNAVAILABLE error (route handlers and the API: a 503 JSON error with Retry-After; data
 * functions, hence pages: the AppError whose digest the error pages turn into "Tierwise cannot
 * reach its database right now", tests/unit/error-pages.test.ts), logged as one line each, never
 * a stack; and the app recovers by itself once the database is back: the Prisma client's pg pool,
 * graphile-worker and the queue's liveness lock, all without a restart.
 *
 * The database is a cluster of this test's own (tests/support/restartable-db.ts): a fast shutdown
 * (what `pg_ctl stop -m fast` does) while the app holds connections, then the same server started
 * again on the same port and data directory.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
// First: the route handlers below import the session module this replaces.
import { session, sessionModuleMock } from "../support/session-mock";
import { GET as readImportJob } from "@/app/api/import/jobs/[id]/route";
import { GET as listAccountsApi } from "@/app/api/v1/accounts/route";
import type { SessionUser } from "@/lib/auth/session";
import { listImportJobs } from "@/lib/data/import/jobs";
import { db } from "@/lib/db/client";
import { AppError, UNAVAILABLE_DIGEST } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { apiGet, apiKey, type ApiError } from "../support/api-calls";
import { createUser } from "../support/fixtures";
import { until } from "../support/jobs";
import { startRestartableDatabase, type RestartableDatabase } from "../support/restartable-db";

vi.mock("@/lib/auth/session", () => sessionModuleMock());

let database: RestartableDatabase;
let admin: SessionUser;
let key: string;
/** Runs of the test's job: the worker took it. */
let jobRuns = 0;

beforeAll(async () => {
  database = await startRestartableDatabase("fault-outage");
  // Before the first query: the one Prisma client (created on first use) and the worker connect here.
  process.env.DATABASE_URL = database.url;
  admin = await createUser("ADMIN", "admin@outage.test");
  session.user = admin;
  key = await apiKey(["accounts:read"]);
  await startWorker({
    refresh: false,
    pollIntervalMs: 200,
    sweepEveryMs: 500,
    handlers: {
      "daily-refresh": async () => {
        jobRuns += 1;
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await stopWorker().catch(() => {});
  await db.$disconnect().catch(() => {});
  await database?.destroy();
});

const readMissingJob = () => readImportJob(new Request("http://localhost/api/import/jobs/nosuchjob1"), { params: Promise.resolve({ id: "nosuchjob1" }) });
const listAccounts = () => apiGet<ApiError | { data: unknown[] }>(listAccountsApi, key, "/api/v1/accounts");
const livenessLocks = async () =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 727100`)[0]!.n;

/** Every request works: a route handler, the API, a data function, the job queue. */
async function expectServing(runsBefore: number): Promise<void> {
  expect((await readMissingJob()).status).toBe(404);
  expect((await listAccounts()).status).toBe(200);
  expect(await listImportJobs(admin)).toEqual([]);
  await enqueueJob("daily-refresh", {});
  await until("the worker to run the job", async () => jobRuns > runsBefore, 30_000);
}

test("a restart of PostgreSQL: friendly 503s and errors during the outage, one log line each, recovery without a restart", { timeout: 90_000 }, async () => {
  await expectServing(0);
  await until("the worker's liveness lock", async () => (await livenessLocks()) > 0);

  // An outage with connections open and a query running.
  const running = db.$queryRaw`SELECT pg_sleep(30)`.catch((error: unknown) => error);
  await until("the query to run", async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'`)[0]!.n > 0);
  const logged = vi.spyOn(console, "error");
  await database.stop();

  const cut = await running;
  expect(cut).toBeInstanceOf(AppError);
  expect(cut).toMatchObject({ code: "SERVICE_UNAVAILABLE", digest: UNAVAILABLE_DIGEST });

  const route = await readMissingJob();
  expect(route.status).toBe(503);
  expect(route.headers.get("retry-after")).toBe("5");
  expect(await route.json()).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("cannot reach its database right now") } });

  const api = await listAccounts();
  expect(api.status).toBe(503);
  expect(api.headers.get("retry-after")).toBe("5");
  expect((api.body as ApiError).error.code).toBe("SERVICE_UNAVAILABLE");

  // What a page's data function throws: the error boundary shows the database message for its digest.
  const page = await listImportJobs(admin).catch((error: unknown) => error);
  expect(page).toMatchObject({ code: "SERVICE_UNAVAILABLE", digest: UNAVAILABLE_DIGEST, message: expect.stringContaining("try again in a moment") });

  // One line per logged failure, never a stack trace (the worker's reconnect attempts included).
  await until("the worker and the sweep to notice", async () => logged.mock.calls.length >= 2);
  for (const call of logged.mock.calls) {
    const line = call.map((part) => (part instanceof Error ? (part.stack ?? part.message) : String(part))).join(" ");
    expect(line).not.toMatch(/\n\s+at /);
  }
  logged.mockRestore();

  await database.start();
  // The same client, pool, worker and liveness connection: no restart of anything in the app.
  await until("the first request to succeed again", async () => (await readMissingJob()).status === 404, 30_000);
  await expectServing(jobRuns);
  await until("the liveness lock to be taken again", async () => (await livenessLocks()) > 0, 30_000);
});
