import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { listAccounts, type AccountRow } from "@/lib/data/accounts";
import { EXPORT_BATCH_SIZE, EXPORT_COLUMNS, streamAccountsCsv } from "@/lib/data/export";
import { db } from "@/lib/db/client";
import { loadAccountQuery, type AccountQuery } from "@/lib/validation/account-query";
import { createUser, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

// More accounts than two export batches, so batch boundaries are crossed.
const ACCOUNTS = EXPORT_BATCH_SIZE * 2 + 123;
const NASTY_NAME = '=HYPERLINK("x")';

const admin: Actor = { id: "u-admin", role: "ADMIN", email: "admin@test.local" };
const manager: Actor = { id: "u-manager", role: "MANAGER", email: "manager@test.local" };
const rep1: Actor = { id: "u-rep1", role: "REP", email: "rep1@test.local" };
const rep2: Actor = { id: "u-rep2", role: "REP", email: "rep2@test.local" };
let segmentId = 0;

const REGIONS = ["NORTH_AMERICA", "LATAM", "EMEA", "APAC"] as const;
const STAGES = ["AWARENESS", "CONSIDERATION", "PURCHASE", "RETENTION", "ADVOCACY"] as const;
const LOYALTY = ["NEW", "REPEAT", "ADVOCATE", "AT_RISK", "CHURNED"] as const;
const HOSTING = ["CLOUD", "ON_PREMISE", "HYBRID"] as const;
const pick = <T,>(list: readonly T[], i: number): T => list[i % list.length] as T;

beforeAll(async () => {
  await resetDatabase();
  for (const a of [admin, manager, rep1, rep2]) await createUser(a.role, a.email!, `${a.role} ${a.id.slice(2)}`, { id: a.id });
  for (const position of [1, 2, 3]) {
    await db.tier.create({ data: { key: `t${position}`, name: `Tier ${position}`, color: "#4f46e5", position } });
  }
  const owners = [rep1.id, rep2.id, manager.id, null];
  await db.account.createMany({
    data: Array.from({ length: ACCOUNTS }, (_, i) => {
      // Few distinct scores and names, so ties must be broken the same way by the list and the export.
      const name = i === 17 ? NASTY_NAME : i === 18 ? 'Quote "Co", Ltd\nBranch' : i === 19 ? "-1+2 Holdings" : `Company ${String(i % 500).padStart(3, "0")}`;
      return {
        name,
        domain: `c${i}.example`,
        industry: pick(["Software", "Retail", "Manufacturing"], i),
        country: pick(["US", "DE", "BR", "JP"], i),
        region: pick(REGIONS, i),
        employeeCount: 10 + (i % 900),
        annualRevenue: 1_000_000 + i,
        ownerId: pick(owners, i),
        loyaltyStatus: pick(LOYALTY, i),
        usageRate: "MEDIUM",
        journeyStage: pick(STAGES, i),
        hostingPreference: pick(HOSTING, i),
        devicePreference: "MIXED",
        techAdoption: "EARLY_MAJORITY",
        lifetimeValue: (i * 37) % 10_000 + 0.5,
        orderCount: i % 40,
        avgOrderValue: (i % 97) * 10.25,
        orders12m: i % 12,
        lastOrderAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, i % 12, 1 + (i % 28))),
        engagementScore: i % 100,
      };
    }),
  });
  // Tier and score live in account_segmentation (a trigger gave every account its row):
  // every 7th account is untiered, the others cycle through the tiers; few distinct scores.
  await db.$executeRaw`UPDATE account_segmentation r
    SET tier_id = t.id, tier_rank = COALESCE(t.position, 9999), priority_score = (x.i % 20) * 4.25
    FROM (SELECT id, substring(domain from '^c([0-9]+)[.]')::int AS i FROM accounts) x
    LEFT JOIN tiers t ON x.i % 7 <> 0 AND t.position = x.i % 3 + 1
    WHERE r.account_id = x.id`;
  expect(await db.accountSegmentation.count({ where: { tierId: null } })).toBe(Math.ceil(ACCOUNTS / 7));
  segmentId = await publishSegment("Cloud fans", {});
  await db.$executeRaw`INSERT INTO account_segments (segment_id, account_id)
    SELECT ${segmentId}, id FROM accounts WHERE hosting_preference = 'CLOUD' AND id % 2 = 0`;
});

afterAll(() => db.$disconnect());

/** The stream's text, byte order mark included (Response.text() would drop it). */
async function exportText(actor: Actor, query: AccountQuery): Promise<string> {
  const bytes = await new Response(streamAccountsCsv(actor, query)).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

async function readCsv(actor: Actor, query: AccountQuery): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const text = await exportText(actor, query);
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...body] = parsed.data;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]))) };
}

async function allPages(actor: Actor, query: AccountQuery): Promise<AccountRow[]> {
  const rows: AccountRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listAccounts(actor, { ...query, page, size: 100 });
    rows.push(...result.rows);
    if (page >= result.pageCount) return rows;
  }
}

const q = (search: string) => loadAccountQuery(new URLSearchParams(search));

describe("account CSV export", () => {
  test("has the documented columns", async () => {
    const { header } = await readCsv(admin, q("q=nothing-matches-this"));
    expect(header).toEqual([
      "Account ID", "Name", "Domain", "Tier", "Priority score", "Owner", "Industry", "Country", "Region", "Employees",
      "Lifetime value", "Orders", "Orders (12 months)", "Average order value", "Last order date", "Engagement score",
      "Journey stage", "Loyalty", "Usage", "Hosting", "Adoption",
    ]);
    expect(EXPORT_COLUMNS.map((c) => c.header)).toEqual(header);
  });

  const cases: [string, Actor, string][] = [
    ["admin, default priority order", admin, ""],
    ["admin, name ascending", admin, "sort=name&dir=asc"],
    ["manager, owner descending (nulls last)", manager, "sort=owner&dir=desc"],
    ["manager, last order ascending (nulls first)", manager, "sort=lastOrder&dir=asc"],
    ["admin, tier + hosting filter (a matrix cell)", admin, "tier=t1,untiered&hosting=CLOUD&sort=ltv"],
    ["admin, segment filter", admin, `segment=SEGMENT`],
    ["rep, default order", rep1, ""],
    ["rep, search and sort by score", rep2, "q=company%200&sort=score&dir=asc"],
  ];

  test.each(cases)("rows equal the list over all pages, in order: %s", async (_label, actor, search) => {
    const query = q(search.replace("SEGMENT", String(segmentId)));
    const [{ rows }, expected] = await Promise.all([readCsv(actor, query), allPages(actor, query)]);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => Number(r["Account ID"]))).toEqual(expected.map((r) => r.id));
    rows.forEach((csv, i) => {
      const row = expected[i]!;
      expect(csv["Name"]).toBe(/^[=+\-@]/.test(row.name) ? `'${row.name}` : row.name);
      expect(csv["Owner"]).toBe(row.owner?.name ?? "");
      expect(csv["Tier"]).toBe(row.tier?.name ?? "Untiered");
      expect(Number(csv["Lifetime value"])).toBe(row.lifetimeValue);
      expect(csv["Last order date"]).toBe(row.lastOrderAt ? row.lastOrderAt.toISOString().slice(0, 10) : "");
    });
  });

  test("the whole list is exported, not one page", async () => {
    const { rows } = await readCsv(admin, q("page=3&size=25"));
    expect(rows).toHaveLength(ACCOUNTS);
  });

  test("a rep's export holds only the accounts they own", async () => {
    const { rows } = await readCsv(rep1, q(""));
    const owned = await db.account.count({ where: { ownerId: rep1.id } });
    expect(rows).toHaveLength(owned);
    expect(new Set(rows.map((r) => r["Owner"]))).toEqual(new Set(["REP rep1"]));
    // Even when the URL asks for someone else's accounts.
    const other = await readCsv(rep1, q(`owner=${rep2.id}`));
    expect(other.rows).toHaveLength(0);
  });

  test("formula-like names are neutralised; quotes, commas and line breaks survive", async () => {
    const text = await exportText(admin, q("sort=name&dir=asc"));
    expect(text).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const { rows } = await readCsv(admin, q("sort=name&dir=asc"));
    const names = rows.map((r) => r["Name"]);
    expect(names).toContain(`'${NASTY_NAME}`);
    expect(names).toContain("'-1+2 Holdings");
    expect(names).toContain('Quote "Co", Ltd\nBranch');
  });

  test("numbers are written as numbers and dates as YYYY-MM-DD", async () => {
    const { rows } = await readCsv(admin, q("sort=ltv"));
    for (const r of rows.slice(0, 50)) {
      expect(r["Lifetime value"]).toMatch(/^\d+(\.\d+)?$/);
      expect(r["Employees"]).toMatch(/^\d+$/);
      expect(r["Last order date"]).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    }
  });

  test("records an EXPORT audit entry with the filter and the row count", async () => {
    const before = await db.auditLog.count({ where: { action: "EXPORT" } });
    const { rows } = await readCsv(manager, q("hosting=CLOUD&sort=name"));
    const entries = await db.auditLog.findMany({ where: { action: "EXPORT" }, orderBy: { id: "desc" } });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      actorId: manager.id,
      actorEmail: manager.email,
      details: { format: "csv", rows: rows.length, status: "complete", filter: "?hosting=CLOUD&sort=name" },
    });
  });

  test("a download aborted while a batch is being read logs no error and is audited as cancelled", async () => {
    const errors = vi.spyOn(console, "error");
    try {
      const reader = streamAccountsCsv(admin, q("")).getReader();
      await reader.read(); // header
      const inFlight = reader.read(); // the first batch, still being read from the database
      await new Promise((resolve) => setImmediate(resolve)); // the pull starts a tick after the read
      await reader.cancel();
      expect(await inFlight).toEqual({ done: true, value: undefined });
      // Let the pull that was in flight finish.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const entry = await db.auditLog.findFirstOrThrow({ where: { action: "EXPORT" }, orderBy: { id: "desc" } });
      expect(entry.details).toMatchObject({ rows: 0, status: "cancelled" });
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  test("an aborted download is still audited, with the rows already sent", async () => {
    const reader = streamAccountsCsv(admin, q("")).getReader();
    await reader.read(); // header
    await reader.read(); // first batch
    await reader.cancel();
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "EXPORT" }, orderBy: { id: "desc" } });
    expect(entry.details).toMatchObject({ rows: EXPORT_BATCH_SIZE, status: "cancelled", filter: "(all accounts)" });
  });
});
