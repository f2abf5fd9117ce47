/**
 * The app's database role owns nothing (issue 13): connected as a role given exactly the grants of
 * scripts/lib/app-role.ts, the audit log cannot be emptied, its triggers cannot be dropped or
 * switched off and no table can be changed or created, while the app's normal work (a recompute,
 * an import's dry run and commit, the worker picking a job) succeeds. The rest of the suite
 * connects as the owner (its resets need TRUNCATE); this file switches the app's one Prisma client
 * to the app role after the reset.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { ensureRole, grantAppRole, urlAs } from "../../scripts/lib/app-role";
import { createAccount, createUser } from "../support/fixtures";
import { clearJobs, until } from "../support/jobs";
import { commit, createCatalogue, dryRun, publishSegmentation, uploadFixture } from "../support/import";
import { resetDatabase } from "../support/reset-db";

// A role of its own, so the embedded default's tierwise_app (and its password) stay as they are.
const ROLE = "tierwise_app_test";
const PASSWORD = "app-role-test";
const ownerUrl = process.env.DATABASE_URL!;
const appUrl = urlAs(ownerUrl, ROLE, PASSWORD);

let admin: SessionUser;
let app: pg.Client;
const ran: string[] = [];

/** Point the process's Prisma client and its pg pool (lib/db/client.ts creates both on first use) at another URL. */
async function useDatabase(url: string): Promise<void> {
  const globals = globalThis as { tierwiseDb?: unknown; tierwisePool?: pg.Pool };
  await db.$disconnect();
  // Prisma leaves a pool it was given open: end it, so the next one connects as the new role.
  await globals.tierwisePool?.end();
  delete globals.tierwiseDb;
  delete globals.tierwisePool;
  process.env.DATABASE_URL = url;
}

beforeAll(async () => {
  await resetDatabase();
  await clearJobs();
  await ensureRole(ownerUrl, ROLE, PASSWORD);
  await grantAppRole(ownerUrl, ROLE);
  await useDatabase(appUrl);
  const [who] = await db.$queryRaw<{ user: string }[]>`SELECT current_user::text AS user`;
  expect(who!.user).toBe(ROLE);
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  await createUser("REP", "rep@test.local", "Rep User"); // the import file's owner column names them
  await createCatalogue();
  await createAccount({ domain: "acme.com", name: "Acme", employeeCount: 250 });
  await createAccount({ domain: "globex.com", name: "Globex", employeeCount: 5000 });
  await createAccount({ domain: "initech.com", name: "Initech", employeeCount: 100, hostingPreference: "ON_PREMISE" });
});
afterAll(async () => {
  await stopWorker();
  await app?.end();
  await useDatabase(ownerUrl);
});

/** The SQLSTATE a statement fails with as the app role (null: it succeeded). */
async function refusal(sql: string): Promise<string | null> {
  try {
    await app.query(sql);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  }
}

describe("as the app's role", () => {
  test("the audit log cannot be emptied, nor its triggers dropped or switched off", async () => {
    await db.auditLog.create({ data: { action: "USER_CREATED", actorId: admin.id, details: {} } });
    const INSUFFICIENT_PRIVILEGE = "42501";
    expect(await refusal("TRUNCATE audit_log")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("TRUNCATE accounts CASCADE")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("DELETE FROM audit_log")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("DROP TRIGGER audit_log_no_truncate ON audit_log")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("ALTER TABLE audit_log DISABLE TRIGGER USER")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("ALTER TABLE audit_log ADD COLUMN note text")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("DROP TABLE audit_log")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("CREATE TABLE public.mine (id int)")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("SET session_replication_role = replica")).toBe(INSUFFICIENT_PRIVILEGE);
    // Indexes: not dropped by the app itself, nor through the owner's function on another table,
    // nor built from a definition the app writes.
    expect(await refusal("DROP INDEX accounts_industry_idx")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("SELECT bulk_drop_indexes(ARRAY['audit_log'], 10)")).toBe(INSUFFICIENT_PRIVILEGE);
    // Nor the primary key of a table other than the two whose keys no foreign key points at.
    expect(await refusal("SELECT bulk_drop_indexes('{}', 10, ARRAY['accounts'])")).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal("INSERT INTO bulk_dropped_indexes VALUES (pg_current_xact_id()::text::bigint, 'x', 'DROP TABLE audit_log')")).toBe(INSUFFICIENT_PRIVILEGE);
    const { rows } = await app.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log");
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  test("a recompute, an import's dry run and commit, and the worker picking a job all work", async () => {
    await publishSegmentation(); // publishes and runs recomputeAll
    const tiered = await db.accountSegmentation.count({ where: { tierId: { not: null } } });
    expect(tiered).toBeGreaterThan(0);

    // The file writes most of these few accounts: both runs drop the accounts' secondary indexes
    // through the owner's functions (lib/db/bulk-indexes.ts), and the commit builds them again.
    const indexes = () => app.query<{ name: string; oid: number }>(
      "SELECT i.relname AS name, i.oid::int AS oid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'accounts'::regclass ORDER BY 1",
    );
    const before = (await indexes()).rows;
    const job = await uploadFixture(admin, "accounts", "accounts-valid.csv");
    const checked = await dryRun(admin, job);
    expect(checked.status).toBe("CHECKED");
    expect((await indexes()).rows).toEqual(before);
    expect((await commit(admin, checked)).status).toBe("COMMITTED");
    const after = (await indexes()).rows;
    expect(after.map((i) => i.name)).toEqual(before.map((i) => i.name));
    expect(after.find((i) => i.name === "accounts_industry_idx")!.oid).not.toBe(before.find((i) => i.name === "accounts_industry_idx")!.oid);

    await startWorker({ refresh: false, pollIntervalMs: 200, handlers: { "daily-refresh": async (payload) => void ran.push((payload as { marker: string }).marker) } });
    await enqueueJob("daily-refresh", { marker: "as-app-role" });
    await until("the worker to run the job", async () => ran.includes("as-app-role"));
  });
});
