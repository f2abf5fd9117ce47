/**
 * The bulk import path (rows staged in big batches, one set-based statement per step) gives the
 * same database as a straightforward row-by-row reference (tests/support/import-reference.ts) on
 * the same file: accounts created and updated (blank cells kept, defaults, owners), orders and
 * technologies, derived metrics, tiers, segments, plays, scores and the membership ledger; both
 * the set-based membership pass (> INCREMENTAL_IMPORT_ACCOUNTS accounts) and the incremental one.
 * Also: a dry run with bad rows reports them by line and counts what the valid rows would do,
 * exactly as the reference does with them; a failure in the middle of the bulk write leaves the
 * database as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { importErrorsPage } from "@/lib/data/import/row-errors";
import type { RunReport } from "@/lib/import/job";
import type { ImportKind } from "@/lib/import/kinds";
import { INCREMENTAL_IMPORT_ACCOUNTS } from "@/lib/import/run";
import { resetDatabase } from "../support/reset-db";
import { createUser } from "../support/fixtures";
import { commit, createCatalogue, dryRun, publishSegmentation, upload } from "../support/import";
import { referenceImport } from "../support/import-reference";
import { importSnapshot } from "../support/import-snapshot";

let admin: SessionUser;
const EXISTING = 600;
const COUNTRIES = ["United States", "Germany", "UK", "Brazil", "Japan", "France"];

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  await createUser("REP", "rep@test.local", "Rep User");
  await createCatalogue();
  await db.$executeRawUnsafe(`
    INSERT INTO accounts (name, domain, industry, country, region, employee_count, annual_revenue, loyalty_status, usage_rate,
                          journey_stage, hosting_preference, device_preference, tech_adoption)
    SELECT 'Existing ' || i, 'e-' || i || '.example', 'Software', 'United States', 'NORTH_AMERICA', (i * 7) % 2000, 1000000 + i,
           'REPEAT', 'MEDIUM', 'RETENTION', CASE WHEN i % 4 = 0 THEN 'ON_PREMISE' ELSE 'CLOUD' END::"HostingPreference", 'PC', 'EARLY_MAJORITY'
    FROM generate_series(1, ${EXISTING}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO orders (account_id, external_id, ordered_at, amount, product_line)
    SELECT a.id, 'SO-' || a.id, current_date - (a.id % 400), 2000 + (a.id * 37) % 9000, 'Platform' FROM accounts a WHERE a.id % 2 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO account_technologies (account_id, technology_id, first_detected_at, last_detected_at, confidence)
    SELECT a.id, t.id, DATE '2025-01-01', DATE '2026-01-01', 0.8 FROM accounts a, technologies t
    WHERE a.id % 5 = 0 AND t.name = 'Salesforce Sales Cloud'`);
  // Consistent to begin with: every account's metrics and memberships as of today.
  await recomputeAccountMetrics(db);
  await publishSegmentation();
});
afterAll(async () => {
  await db.$executeRawUnsafe("ALTER TABLE orders DROP CONSTRAINT IF EXISTS import_test_order_check");
  await db.$disconnect();
});

/** Every account's tier key and segment names, by domain. */
async function memberships(): Promise<Map<string, { tier: string | null; segments: string[] }>> {
  const rows = await db.$queryRawUnsafe<{ domain: string; tier: string | null; segments: string[] }[]>(
    `SELECT a.domain, t.key AS tier, ARRAY(SELECT g.name FROM segments g WHERE g.id = ANY(r.segment_ids)) AS segments
     FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id`,
  );
  return new Map(rows.map((r) => [r.domain, { tier: r.tier, segments: r.segments }]));
}

/**
 * The impact a report should show, from every account's memberships before and after the commit:
 * tier moves of existing accounts ("from -> to"), created accounts by tier ("null": untiered), and
 * per segment the accounts entering (created ones among them) and leaving.
 */
function impactBetween(before: Awaited<ReturnType<typeof memberships>>, after: Awaited<ReturnType<typeof memberships>>) {
  const moves = new Map<string, number>();
  const newByTier = new Map<string, number>();
  const segments = new Map<string, { entered: number; enteredNew: number; left: number }>();
  const segment = (name: string) => segments.get(name) ?? segments.set(name, { entered: 0, enteredNew: 0, left: 0 }).get(name)!;
  for (const [domain, now] of after) {
    const was = before.get(domain);
    if (!was) newByTier.set(String(now.tier), (newByTier.get(String(now.tier)) ?? 0) + 1);
    else if (was.tier !== now.tier) moves.set(`${was.tier} -> ${now.tier}`, (moves.get(`${was.tier} -> ${now.tier}`) ?? 0) + 1);
    for (const name of now.segments.filter((n) => !was?.segments.includes(n))) {
      segment(name).entered += 1;
      if (!was) segment(name).enteredNew += 1;
    }
    for (const name of was?.segments.filter((n) => !now.segments.includes(n)) ?? []) segment(name).left += 1;
  }
  return { moves: Object.fromEntries(moves), newByTier: Object.fromEntries(newByTier), segments: Object.fromEntries(segments) };
}

/** A report's impact in impactBetween's form. */
function reported(impact: RunReport["impact"]) {
  return {
    moves: Object.fromEntries(impact.moves.map((m) => [`${m.from?.key ?? null} -> ${m.to?.key ?? null}`, m.accounts])),
    newByTier: Object.fromEntries(impact.newByTier.map((t) => [String(t.tier?.key ?? null), t.accounts])),
    segments: Object.fromEntries(impact.segments.map((s) => [s.name, { entered: s.entered, enteredNew: s.enteredNew, left: s.left }])),
  };
}

/** Import `csv` both ways and compare; returns the committed job's report. */
async function importBothWays(kind: ImportKind, fileName: string, csv: string) {
  const job = await upload(admin, kind, fileName, csv);
  const reference = await referenceImport(kind, fileName, csv, job.summary.mapping!);
  const membershipsBefore = await memberships();
  const before = await importSnapshot(db);
  const checked = await dryRun(admin, job);
  expect(checked.status).toBe("CHECKED");
  // The dry run changed nothing, and predicted what the reference did.
  expect(await importSnapshot(db)).toEqual(before);
  expect(checked.summary.dryRun).toMatchObject({ created: reference.created, updated: reference.updated, impact: { tierChanges: reference.tierChanges } });

  const committed = await commit(admin, checked);
  expect(committed.status).toBe("COMMITTED");
  expect(committed.summary.commit).toMatchObject({ created: reference.created, updated: reference.updated, impact: { tierChanges: reference.tierChanges } });
  // The dry run recomputes only tiers and segments; it predicted every move and segment change.
  const { moves, newByTier, segments } = committed.summary.commit!.impact;
  expect(checked.summary.dryRun!.impact).toMatchObject({ moves, newByTier, segments });
  // Both reported every membership that changed, and nothing else.
  const expected = impactBetween(membershipsBefore, await memberships());
  expect(reported(committed.summary.commit!.impact)).toEqual(expected);
  expect(reported(checked.summary.dryRun!.impact)).toEqual(expected);
  const after = await importSnapshot(db);
  expect(after).not.toEqual(before);
  for (const part of ["accounts", "orders", "technologies", "segmentation", "ledger"] as const) expect(after[part], part).toEqual(reference.snapshot[part]);
  return committed.summary.commit!;
}

describe("the bulk path gives the reference's database", () => {
  test("accounts: created, updated, blank cells kept, owners, unchanged rows (the set-based membership pass)", async () => {
    const lines = ["Company name,Company Domain Name,Industry,Country/Region,Annual Revenue,Number of Employees,Company owner,Hosting,Benefits sought"];
    for (let i = 1; i <= 500; i++) {
      if (i % 3 === 0) lines.push(`Existing ${i} Inc,e-${i}.example,Software,United States,,${1000 + i},,${i % 4 === 0 ? "Cloud" : "On-premise"},`);
      else if (i % 3 === 1) lines.push(`,https://www.e-${i}.example/,,,"$2,500,000",,rep@test.local,,security; scalability`);
      else lines.push(`,e-${i}.example,,,,,,,`);
    }
    for (let i = 1; i <= 700; i++) {
      const owner = i % 5 === 0 ? "Rep User" : i % 7 === 0 ? "rep@test.local" : "";
      lines.push(`"New ${i}, Ltd",n-${i}.example,${i % 2 ? "Software" : "Manufacturing"},${COUNTRIES[i % COUNTRIES.length]},,${(i * 13) % 3000},${owner},${i % 4 === 0 ? "On-premise" : ""},${i % 6 === 0 ? "security" : ""}`);
    }
    const report = await importBothWays("accounts", "accounts-bulk.csv", lines.join("\n"));
    expect(report.created).toBe(700);
    expect(report.impact.segments).toEqual([expect.objectContaining({ name: "On-prem", entered: expect.any(Number), left: expect.any(Number) })]);
    expect(report.impact.segments[0]!.left).toBeGreaterThan(0);
    expect(report.impact.segments[0]!.entered).toBeGreaterThan(report.impact.segments[0]!.enteredNew);
    expect(report.accountsAffected).toBeGreaterThan(INCREMENTAL_IMPORT_ACCOUNTS);
    expect(report.unchanged).toBeGreaterThan(100);
  });

  test("orders: new, changed and identical orders, blank product lines (the incremental membership pass)", async () => {
    const lines = ["Order ID,Account domain,Order date,Amount,Product line"];
    const ids = await db.$queryRawUnsafe<{ id: number; domain: string }[]>("SELECT id, domain FROM accounts ORDER BY id LIMIT 400");
    for (const [i, a] of ids.entries()) {
      if (a.id % 2 === 0 && i % 3 === 0) lines.push(`SO-${a.id},${a.domain},2026-01-${String(1 + (i % 28)).padStart(2, "0")},"$${9000 + i}.50",`);
      else if (a.id % 2 === 0 && i % 3 === 1) continue;
      // Some new orders older than 12 months, some older than the account's first order.
      lines.push(`NEW-${i},${a.domain},${i % 10 === 5 ? "2024" : "2026"}-0${1 + (i % 9)}-15,${500 + i * 11},${i % 2 ? "Services" : ""}`);
    }
    const report = await importBothWays("orders", "orders-bulk.csv", lines.join("\n"));
    expect(report.accountsAffected).toBeLessThanOrEqual(INCREMENTAL_IMPORT_ACCOUNTS);
    expect(report.impact.tierChanges).toBeGreaterThan(0);
  });

  test("technologies: new and changed detections, defaults", async () => {
    const lines = ["Domain,Technology,First seen,Last seen,Confidence"];
    for (let i = 1; i <= 300; i++) {
      const tech = i % 2 ? "HubSpot CRM" : "Salesforce Sales Cloud";
      lines.push(`e-${i}.example,${tech},${i % 3 === 0 ? "2025-06-01" : ""},${i % 4 === 0 ? "2026-02-01" : ""},${i % 5 === 0 ? "75%" : ""}`);
    }
    await importBothWays("technologies", "technologies-bulk.csv", lines.join("\n"));
  });
});

test("the ledger's ids come from a sequence no session caches values of (an import's impact reads the rows past its position)", async () => {
  const [row] = await db.$queryRawUnsafe<{ cache: number }[]>(
    "SELECT seqcache::int AS cache FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('membership_events', 'id')::regclass",
  );
  expect(row?.cache).toBe(1);
});

describe("errors", () => {
  test("a dry run with bad rows reports them by line and counts what the valid rows would do, like the reference", async () => {
    const lines = ["Company name,Company Domain Name,Industry,Country/Region,Number of Employees,Hosting"];
    for (let i = 1; i <= 60; i++) {
      if (i === 10) lines.push(`Bad,not a domain,Software,United States,10,Cloud`);
      else if (i === 20) lines.push(`,nameless-${i}.example,Software,United States,10,Cloud`);
      else if (i === 30) lines.push(`Narnia Co,narnia-${i}.example,Software,Narnia,10,Cloud`);
      else if (i === 40) lines.push(`Odd,e-${i}.example,Software,United States,12.5,Cloud`);
      else if (i === 50) lines.push(`Odd,e-${i}.example,Software,United States,10,Sometimes`);
      else lines.push(`Err ${i},${i % 2 ? `err-${i}.example` : `e-${i}.example`},Software,Germany,${i * 40},Cloud`);
    }
    const csv = lines.join("\n");
    const job = await upload(admin, "accounts", "errors-bulk.csv", csv);
    const reference = await referenceImport("accounts", "errors-bulk.csv", csv, job.summary.mapping!);
    const before = await importSnapshot(db);
    const checked = await dryRun(admin, job);
    expect(checked.status).toBe("HAS_ERRORS");
    const errors = (await importErrorsPage(admin, job.id, 1)).rows;
    expect([...new Set(errors.map((e) => e.line))]).toEqual(reference.errorLines);
    expect(reference.errorLines).toEqual([11, 21, 31, 41, 51]);
    expect(checked.summary.dryRun).toMatchObject({ rows: 60, errorCount: 5, created: reference.created, updated: reference.updated, impact: { tierChanges: reference.tierChanges } });
    expect(await importSnapshot(db)).toEqual(before);
  });

  test("a failure in the middle of the bulk write leaves the database as it was", async () => {
    const lines = ["Order ID,Account domain,Order date,Amount,Product line"];
    for (let i = 1; i <= 500; i++) lines.push(`F-${i},e-${1 + (i % EXISTING)}.example,2026-03-01,${100 + i},Platform`);
    const checked = await dryRun(admin, await upload(admin, "orders", "fails.csv", lines.join("\n")));
    expect(checked.status).toBe("CHECKED");
    await db.$executeRawUnsafe("ALTER TABLE orders ADD CONSTRAINT import_test_order_check CHECK (external_id <> 'F-250') NOT VALID");
    const before = await importSnapshot(db);
    const failed = await commit(admin, checked);
    expect(failed.status).toBe("FAILED");
    expect(await importSnapshot(db)).toEqual(before);
    expect(await db.order.count({ where: { externalId: { startsWith: "F-" } } })).toBe(0);
  });
});
