import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ACCOUNT_COLUMNS } from "@/lib/accounts/list-columns";
import type { SessionUser } from "@/lib/auth/session";
import { listAccounts } from "@/lib/data/accounts";
import { streamAccountsCsv } from "@/lib/data/export";
import { db } from "@/lib/db/client";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

/**
 * The accounts list's "lacks category" and "whitespace" filters (lib/accounts/list-columns.ts):
 * what they keep, with one or several categories, within what the user may see, and the same
 * accounts in the CSV export (which builds its clause without resolving technology ids first).
 */
let repA: SessionUser;
let repB: SessionUser;
let manager: SessionUser;
const ids: Record<string, number> = {};

const query = (params: Record<string, string> = {}) => loadAccountQuery(new URLSearchParams(params));

async function names(actor: SessionUser, params: Record<string, string>): Promise<string[]> {
  const page = await listAccounts(actor, query(params));
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.name).sort();
}

async function exportedNames(actor: SessionUser, params: Record<string, string>): Promise<string[]> {
  const text = await new Response(streamAccountsCsv(actor, query(params))).text();
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const nameHeader = ACCOUNT_COLUMNS.find((c) => c.key === "name")!.label;
  return parsed.data.map((r) => r[nameHeader] ?? "").sort();
}

beforeAll(async () => {
  await resetDatabase();
  [repA, repB, manager] = await Promise.all([
    createUser("REP", "rep-a@test.local"),
    createUser("REP", "rep-b@test.local"),
    createUser("MANAGER", "manager@test.local"),
  ]);
  const [crm, erp, analytics] = await Promise.all([
    db.technology.create({ data: { name: "Acme CRM", vendor: "Acme", category: "CRM" } }),
    db.technology.create({ data: { name: "Big ERP", vendor: "BigCo", category: "ERP" } }),
    db.technology.create({ data: { name: "Lens", vendor: "Lens", category: "ANALYTICS" } }),
  ]);
  // name -> owner, technologies
  const fixtures: [string, SessionUser, number[]][] = [
    ["A crm", repA, [crm.id]],
    ["A erp", repA, [erp.id]],
    ["A crm erp", repA, [crm.id, erp.id]],
    ["A nothing", repA, []],
    ["B analytics", repB, [analytics.id]],
    ["B crm", repB, [crm.id]],
  ];
  for (const [name, owner, techs] of fixtures) {
    ids[name] = await createAccount({ name, ownerId: owner.id });
    await db.accountTechnology.createMany({
      data: techs.map((technologyId) => ({ accountId: ids[name]!, technologyId, firstDetectedAt: new Date("2026-01-01"), lastDetectedAt: new Date("2026-06-01"), confidence: 0.8 })),
    });
  }
  // Whitespace is recomputed with the plays; set here as the recompute would.
  await db.accountSegmentation.update({ where: { accountId: ids["A erp"]! }, data: { whitespace: ["CRM", "MARKETING_AUTOMATION"] } });
  await db.accountSegmentation.update({ where: { accountId: ids["A nothing"]! }, data: { whitespace: ["CRM"] } });
  await db.accountSegmentation.update({ where: { accountId: ids["B analytics"]! }, data: { whitespace: ["CRM", "MARKETING_AUTOMATION"] } });
});

afterAll(() => db.$disconnect());

describe("lacks category", () => {
  test("one category: the accounts that run no technology in it, an account with no technology included", async () => {
    expect(await names(manager, { lacks: "CRM" })).toEqual(["A erp", "A nothing", "B analytics"]);
    expect(await names(manager, { lacks: "ERP" })).toEqual(["A crm", "A nothing", "B analytics", "B crm"]);
  });

  test("several categories: accounts that run none of them (AND of lacks, not OR)", async () => {
    expect(await names(manager, { lacks: "CRM,ERP" })).toEqual(["A nothing", "B analytics"]);
    expect(await names(manager, { lacks: "CRM,ERP,ANALYTICS" })).toEqual(["A nothing"]);
  });

  test("a category with no technology in the catalogue: every account lacks it", async () => {
    expect(await names(manager, { lacks: "HARDWARE" })).toHaveLength(6);
  });

  test("a rep's list stays their own accounts", async () => {
    expect(await names(repA, { lacks: "CRM" })).toEqual(["A erp", "A nothing"]);
    expect(await names(repB, { lacks: "CRM" })).toEqual(["B analytics"]);
  });

  test("combines with the other filters (runs ERP, lacks CRM)", async () => {
    expect(await names(manager, { category: "ERP", lacks: "CRM" })).toEqual(["A erp"]);
    expect(await names(manager, { category: "CRM", lacks: "CRM" })).toEqual([]);
  });

  test("an unknown category in the URL is ignored like any unknown filter value", async () => {
    expect(query({ lacks: "NOT_A_CATEGORY" }).lacks).toEqual([]);
  });

  test("the CSV export holds the same accounts", async () => {
    expect(await exportedNames(manager, { lacks: "CRM,ERP" })).toEqual(["A nothing", "B analytics"]);
    expect(await exportedNames(repA, { lacks: "CRM" })).toEqual(["A erp", "A nothing"]);
  });
});

describe("whitespace", () => {
  test("accounts whose whitespace holds the category; several: each of them", async () => {
    expect(await names(manager, { whitespace: "CRM" })).toEqual(["A erp", "A nothing", "B analytics"]);
    expect(await names(manager, { whitespace: "CRM,MARKETING_AUTOMATION" })).toEqual(["A erp", "B analytics"]);
    expect(await names(manager, { whitespace: "ERP" })).toEqual([]);
  });

  test("a rep's list stays their own accounts, and the export agrees", async () => {
    expect(await names(repA, { whitespace: "MARKETING_AUTOMATION" })).toEqual(["A erp"]);
    expect(await exportedNames(repB, { whitespace: "CRM" })).toEqual(["B analytics"]);
  });
});
