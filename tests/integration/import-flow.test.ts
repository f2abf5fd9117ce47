/**
 * The import flow per kind, against the real database: recognised mapping, a dry run that
 * changes nothing and predicts exactly what its commit does (rows, tier moves, segment entries
 * and exits), the commit, and a second import of the same file that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { ImportJobView, RunReport } from "@/lib/import/job";
import { resetDatabase } from "../support/reset-db";
import { createAccount, createUser } from "../support/fixtures";
import { accountsDigest, commit, createCatalogue, dryRun, publishSegmentation, tableCounts, uploadFixture } from "../support/import";

let admin: SessionUser;
let rep: SessionUser;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  rep = await createUser("REP", "rep@test.local", "Rep User");
  await createCatalogue();
  await createAccount({ domain: "acme.com", name: "Acme", employeeCount: 250 });
  await createAccount({ domain: "globex.com", name: "Globex", employeeCount: 5000 });
  await createAccount({ domain: "initech.com", name: "Initech", employeeCount: 100, hostingPreference: "ON_PREMISE" });
  await publishSegmentation();
});
afterAll(() => db.$disconnect());

/** The parts of a report that a dry run and its commit must agree on. */
function prediction(report: RunReport) {
  return {
    rows: report.rows,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    accountsAffected: report.accountsAffected,
    tierChanges: report.impact.tierChanges,
    moves: report.impact.moves,
    newByTier: report.impact.newByTier,
    segments: report.impact.segments,
  };
}

/** Dry run (proving it writes nothing), commit, and check the commit did what the dry run said. */
async function dryRunThenCommit(job: ImportJobView): Promise<{ checked: ImportJobView; committed: ImportJobView }> {
  const [countsBefore, digestBefore] = [await tableCounts(), await accountsDigest()];
  const checked = await dryRun(admin, job);
  expect(checked.status).toBe("CHECKED");
  expect(await tableCounts()).toEqual(countsBefore);
  expect(await accountsDigest()).toBe(digestBefore);

  const committed = await commit(admin, checked);
  expect(committed.status).toBe("COMMITTED");
  expect(prediction(committed.summary.commit!)).toEqual(prediction(checked.summary.dryRun!));
  return { checked, committed };
}

async function tierOf(domain: string): Promise<string | null> {
  const account = await db.account.findUniqueOrThrow({ where: { domain }, include: { segmentation: { include: { tier: true } } } });
  return account.segmentation?.tier?.key ?? null;
}

async function segmentsOf(domain: string): Promise<string[]> {
  const rows = await db.accountSegment.findMany({ where: { account: { domain } }, include: { segment: true } });
  return rows.map((r) => r.segment.name).sort();
}

describe("accounts", () => {
  test("a HubSpot-style export: recognised, dry-run, committed, tiers and segments predicted", async () => {
    const job = await uploadFixture(admin, "accounts", "accounts-valid.csv");
    expect(job.status).toBe("UPLOADED");
    expect(job.totalRows).toBe(6);
    expect(job.summary.mappingSource).toBe("recognised");
    expect(job.summary.mapping!.fields).toMatchObject({
      name: "Company name",
      domain: "Company Domain Name",
      country: "Country/Region",
      owner: "Company owner",
      hostingPreference: "Hosting",
    });

    const ledgerStart = (await db.membershipEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
    const { checked, committed } = await dryRunThenCommit(job);
    const report = checked.summary.dryRun!;
    expect(report).toMatchObject({ rows: 6, validRows: 6, errorCount: 0, created: 3, updated: 3, unchanged: 0, accountsAffected: 6 });
    // Acme grows to 1,500 employees: Untiered -> Enterprise. Globex stays Enterprise.
    expect(report.impact.tierChanges).toBe(1);
    expect(report.impact.moves).toEqual([{ from: null, to: { key: "enterprise", name: "Enterprise", color: "#4f46e5" }, accounts: 1 }]);
    expect(report.impact.newByTier).toEqual([
      { tier: { key: "enterprise", name: "Enterprise", color: "#4f46e5" }, accounts: 2 },
      { tier: null, accounts: 1 },
    ]);
    // Initech moves to the cloud (leaves On-prem); Umbrella and Hooli arrive on-premise.
    expect(report.impact.segments).toEqual([expect.objectContaining({ name: "On-prem", entered: 2, enteredNew: 2, left: 1 })]);

    // The commit did it, and the ledger agrees with the prediction.
    expect(await tierOf("acme.com")).toBe("enterprise");
    expect(await tierOf("umbrella-health.com")).toBe("enterprise");
    expect(await tierOf("hooli.io")).toBeNull();
    expect(await segmentsOf("initech.com")).toEqual([]);
    expect(await segmentsOf("hooli.io")).toEqual(["On-prem"]);
    const ledger = await db.membershipEvent.findMany({ where: { reason: "IMPORT", id: { gt: ledgerStart } } });
    expect(ledger.filter((e) => e.scope === "TIER")).toHaveLength(3); // Acme + two new Enterprise accounts
    expect(ledger.every((e) => e.detail === "Import of accounts-valid.csv")).toBe(true);
    expect(committed.summary.commit!.impact.newAccounts.map((a) => a.domain)).toEqual(["umbrella-health.com", "hooli.io", "stark-logistics.com"]);

    // Values as normalised: domain from a URL, labels to enum values, owners by e-mail or name, blanks kept.
    const acme = await db.account.findUniqueOrThrow({ where: { domain: "acme.com" } });
    expect(acme).toMatchObject({ name: "Acme Corporation", industry: "Software", employeeCount: 1500, ownerId: rep.id, benefitsSought: ["security", "scalability"] });
    expect(acme.annualRevenue.toFixed(2)).toBe("12500000.00");
    const initech = await db.account.findUniqueOrThrow({ where: { domain: "initech.com" } });
    expect(initech).toMatchObject({ name: "Initech", employeeCount: 100, hostingPreference: "CLOUD", industry: "Software" });
    const umbrella = await db.account.findUniqueOrThrow({ where: { domain: "umbrella-health.com" } });
    expect(umbrella).toMatchObject({ country: "United Kingdom", region: "EMEA", ownerId: rep.id, hostingPreference: "ON_PREMISE", loyaltyStatus: "NEW", usageRate: "NONE", journeyStage: "AWARENESS", devicePreference: "MIXED", techAdoption: "EARLY_MAJORITY" });
    const stark = await db.account.findUniqueOrThrow({ where: { domain: "stark-logistics.com" } });
    expect(stark).toMatchObject({ industry: "Logistics", region: "LATAM", hostingPreference: "HYBRID", ownerId: null });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "IMPORT_COMMITTED" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, target: "accounts-valid.csv" });
    expect(audit.details).toMatchObject({ kind: "accounts", file: "accounts-valid.csv", rows: 6, created: 3, updated: 3, unchanged: 0, tierChanges: 1 });
  });

  test("importing the same file again changes nothing", async () => {
    const [counts, digest] = [await tableCounts(), await accountsDigest()];
    const job = await uploadFixture(admin, "accounts", "accounts-valid.csv");
    const checked = await dryRun(admin, job);
    expect(checked.summary.dryRun).toMatchObject({ created: 0, updated: 0, unchanged: 6, accountsAffected: 0 });
    const committed = await commit(admin, checked);
    expect(committed.summary.commit).toMatchObject({ created: 0, updated: 0, unchanged: 6, accountsAffected: 0 });
    expect(committed.summary.commit!.impact.tierChanges).toBe(0);
    expect(await accountsDigest()).toBe(digest);
    expect(await tableCounts()).toEqual({ ...counts, audit: counts.audit! + 1 });
  });
});

describe("orders, events and technologies", () => {
  test("orders: metrics recomputed, tier change predicted, idempotent without order ids", async () => {
    const { checked, committed } = await dryRunThenCommit(await uploadFixture(admin, "orders", "orders-valid.csv"));
    expect(checked.summary.dryRun).toMatchObject({ rows: 5, created: 5, updated: 0, accountsAffected: 3 });
    // Hooli's $11,000 of orders make it Growth.
    expect(committed.summary.commit!.impact.moves).toEqual([{ from: null, to: { key: "growth", name: "Growth", color: "#0284c7" }, accounts: 1 }]);
    const hooli = await db.account.findUniqueOrThrow({ where: { domain: "hooli.io" } });
    expect(hooli).toMatchObject({ orderCount: 2 });
    expect(hooli.lifetimeValue.toFixed(2)).toBe("11000.00");
    expect(await tierOf("hooli.io")).toBe("growth");
    const initechOrder = await db.order.findFirstOrThrow({ where: { account: { domain: "initech.com" } } });
    expect(initechOrder).toMatchObject({ externalId: "SO-3", productLine: "Unspecified" });
    expect(initechOrder.orderedAt.toISOString().slice(0, 10)).toBe("2026-03-12");

    const again = await dryRun(admin, await uploadFixture(admin, "orders", "orders-valid.csv"));
    expect(again.summary.dryRun).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  test("events", async () => {
    const { checked } = await dryRunThenCommit(await uploadFixture(admin, "events", "events-valid.csv"));
    expect(checked.summary.dryRun).toMatchObject({ rows: 3, created: 3, updated: 0, accountsAffected: 2 });
    const events = await db.engagementEvent.findMany({ where: { account: { domain: "acme.com" } }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.type, e.occurredAt.toISOString(), e.externalId])).toEqual([
      ["MEETING", "2026-03-01T10:00:00.000Z", "E-1"],
      ["EMAIL_OPEN", "2026-03-02T08:00:00.000Z", "E-2"],
    ]);
    const again = await dryRun(admin, await uploadFixture(admin, "events", "events-valid.csv"));
    expect(again.summary.dryRun).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  test("technologies: names matched in any case, defaults, CRM segment entries predicted", async () => {
    const { checked } = await dryRunThenCommit(await uploadFixture(admin, "technologies", "technologies-valid.csv"));
    expect(checked.summary.dryRun).toMatchObject({ rows: 3, created: 3, accountsAffected: 3 });
    expect(checked.summary.dryRun!.impact.segments).toEqual([expect.objectContaining({ name: "CRM users", entered: 2, enteredNew: 0, left: 0 })]);
    expect(await segmentsOf("acme.com")).toEqual(["CRM users"]);
    const hubspot = await db.accountTechnology.findFirstOrThrow({ where: { account: { domain: "hooli.io" } } });
    const today = new Date().toISOString().slice(0, 10);
    expect(hubspot.lastDetectedAt.toISOString().slice(0, 10)).toBe(today);
    expect(hubspot.firstDetectedAt.toISOString().slice(0, 10)).toBe(today);
    expect(hubspot.confidence).toBe(1);
    const acme = await db.accountTechnology.findFirstOrThrow({ where: { account: { domain: "acme.com" } } });
    expect(acme.confidence).toBe(0.9);

    const again = await dryRun(admin, await uploadFixture(admin, "technologies", "technologies-valid.csv"));
    expect(again.summary.dryRun).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });
});

describe("commit rules", () => {
  test("a commit needs a dry run with the same mapping", async () => {
    const job = await uploadFixture(admin, "accounts", "accounts-valid.csv");
    await expect(commit(admin, job)).rejects.toThrow(/Run a dry run first/);
    const checked = await dryRun(admin, job);
    expect(checked.status).toBe("CHECKED");
    await commit(admin, checked);
    await expect(commit(admin, checked)).rejects.toThrow(/already been imported/);
  });
});
