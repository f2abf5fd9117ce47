/**
 * kill -9 of the app instance publishing a tier scheme that moves 1,000 of 3,000 accounts: the
 * publish is all or nothing. Killed at three points inside its transaction (before the version
 * row, while memberships are written, with the ledger written but not the audit entry), nothing
 * of it exists: no version, the draft as it was, no membership or ledger change, no audit entry,
 * no webhook dispatch queued. Killed right after it commits, it is all there, and a fresh
 * recompute finds nothing to change.
 *
 * The instance is a child process doing one publish (tests/support/publish-child.ts). The test
 * catches it at a known point by holding a lock the publish needs next, sees it wait there
 * (pg_blocking_pids), and kills it: no sleeps.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { createWebhookEndpoint } from "@/lib/data/webhooks";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { createUser } from "../support/fixtures";
import { clearJobs, queueRows, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";
import { rolledBack } from "../support/rolled-back";
import { killProcess, killWorkerProcesses, startTestProcess } from "../support/worker-process";

const ACCOUNTS = 3_000;
/** Lifetime values 0…2,999: Gold from $2,000 holds 1,000 accounts, from $1,000 another 1,000 enter. */
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "lifetimeValue", operator: "gte", value }] });
const scheme = (min: number) => ({ tiers: [{ key: "gold", name: "Gold", color: "#ca8a04", rule: ltvAtLeast(min) }] });

let admin: SessionUser;
let blocker: pg.Client;
let blockerPid: number;
/** The saved draft (Gold from $1,000) the child publishes. */
let draftRevision: number;

beforeAll(async () => {
  process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
  await resetDatabase();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  admin = await createUser("ADMIN", "admin@kill-publish.test");
  await db.$executeRawUnsafe(`
    INSERT INTO accounts (name, domain, industry, country, region, employee_count, annual_revenue, loyalty_status, usage_rate,
                          journey_stage, hosting_preference, device_preference, tech_adoption, lifetime_value)
    SELECT 'Company ' || i, 'company-' || i || '.example', 'Software', 'United States', 'NORTH_AMERICA', 100, 1000000, 'REPEAT', 'MEDIUM',
           'RETENTION', 'CLOUD', 'PC', 'EARLY_MAJORITY', i
    FROM generate_series(0, ${ACCOUNTS - 1}) i`);
  const first = await saveTierSchemeDraft(admin, scheme(2_000), 0);
  await publishTierScheme(admin, { baseRevision: first.revision, note: "Gold from $2,000" });
  draftRevision = (await saveTierSchemeDraft(admin, scheme(1_000), first.revision + 1)).revision;
  // An active endpoint: a publish that commits queues a webhook dispatch in its transaction.
  await createWebhookEndpoint(admin, { url: "http://127.0.0.1:9/tierwise", events: ["account.tier_changed"], description: "" });
  await clearJobs();
  blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
  blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
});
afterEach(() => {
  killWorkerProcesses();
});
afterAll(async () => {
  await blocker.end();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await db.$disconnect();
});

/** Everything a publish writes. */
async function published() {
  const [row] = await db.$queryRaw<{ versions: number; revision: number; events: number; audit: number; tiers: string }[]>`SELECT
    (SELECT count(*) FROM tier_scheme_versions)::int AS versions,
    (SELECT revision FROM tier_scheme_draft WHERE id = 1) AS revision,
    (SELECT count(*) FROM membership_events)::int AS events,
    (SELECT count(*) FROM audit_log)::int AS audit,
    (SELECT md5(string_agg(account_id || ':' || coalesce(tier_id, 0), ',' ORDER BY account_id)) FROM account_segmentation) AS tiers`;
  return { ...row!, dispatches: (await queueRows("webhook-dispatch")).length };
}

/** The statement the publish waits in, once it waits for the test's lock. */
async function waitingStatement(): Promise<string | null> {
  const [row] = await db.$queryRaw<{ query: string }[]>`
    SELECT query FROM pg_stat_activity WHERE ${blockerPid}::int = ANY (pg_blocking_pids(pid))`;
  return row?.query ?? null;
}

/** No transaction is open but the test's: the killed instance's one has ended (rolled back). */
async function othersIdle(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS open FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> ${blockerPid}::int AND xact_start IS NOT NULL`;
  return row!.open === 0;
}

function publishInChild() {
  return startTestProcess("publish-child.ts", [admin.id, admin.email, String(draftRevision)], "publishing");
}

const KILL_POINTS = [
  ["before the version row is written", "SELECT 1 FROM tier_scheme_draft WHERE id = 1 FOR UPDATE", /tier_scheme_draft/],
  ["with the version written, while the memberships are written", "LOCK TABLE account_segmentation IN SHARE MODE", /account_segmentation/],
  ["with memberships and ledger written, at the audit entry", "LOCK TABLE audit_log IN SHARE MODE", /audit_log/],
] as const;

test.each(KILL_POINTS)("kill -9 %s: nothing of the publish exists", { timeout: 60_000 }, async (_point, hold, statement) => {
  const before = await published();
  expect(before).toMatchObject({ versions: 1, dispatches: 0 });
  await blocker.query("BEGIN");
  await blocker.query(hold);
  const child = await publishInChild();
  const waiting = await until("the publish to wait for the test's lock", waitingStatement, 30_000);
  expect(waiting).toMatch(statement);

  await killProcess(child);
  await blocker.query("ROLLBACK");
  await until("the killed publish's transaction to end", othersIdle, 30_000);
  expect(await published()).toEqual(before);
});

test("kill -9 right after the commit: all of it is there, as a fresh recompute has it", { timeout: 60_000 }, async () => {
  const before = await published();
  const child = await publishInChild();
  await until("the new version to be committed", async () => (await db.tierSchemeVersion.count()) === 2, 30_000);
  await killProcess(child);

  const after = await published();
  expect(after).toMatchObject({ versions: 2, revision: draftRevision + 1, audit: before.audit + 1, dispatches: 1 });
  expect(after.tiers).not.toBe(before.tiers);
  const entered = await db.membershipEvent.count({ where: { scope: "TIER", change: "ENTERED", ruleVersion: 2, reason: "RULE_PUBLISHED" } });
  expect(entered).toBe(1_000);
  expect(after.events - before.events).toBeGreaterThanOrEqual(1_000);
  // Every Gold account's last tier event is its entry into Gold.
  const [mismatch] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM account_segmentation s
    CROSS JOIN LATERAL (SELECT change, tier_id FROM membership_events e WHERE e.account_id = s.account_id AND e.scope = 'TIER' ORDER BY e.id DESC LIMIT 1) last
    WHERE s.tier_id IS NOT NULL AND NOT (last.change = 'ENTERED' AND last.tier_id = s.tier_id)`;
  expect(mismatch!.n).toBe(0);
  expect(await db.accountSegmentation.count({ where: { tierId: { not: null } } })).toBe(2_000);

  // A fresh recompute of every rule (rolled back) finds nothing to change in tiers, segments or plays.
  const fresh = await rolledBack((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }));
  expect(fresh).toMatchObject({ tierChanges: 0, segmentChanges: 0, playChanges: 0 });
});
