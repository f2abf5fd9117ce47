/**
 * The accounts list has two plans (lib/data/accounts.ts): with a narrowing filter and few matches
 * it collects the matches, sorts them for the page's ids and builds only those rows; otherwise it
 * walks the sort order. Both must give the same page for every sort, direction and page: a search
 * that every account matches (each domain has a ".") takes the first plan, no filter the second.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { ACCOUNT_COLUMNS } from "@/lib/accounts/list-columns";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { listAccounts } from "@/lib/data/accounts";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser, LIFETIME_VALUE_TIERS, publishTierScheme } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const ACCOUNTS = 61;
let manager: Actor;
let rep: Actor;

beforeAll(async () => {
  await resetDatabase();
  manager = await createUser("MANAGER", "manager@test.local", "Morgan");
  rep = await createUser("REP", "rep@test.local", "Avery");
  const other = await createUser("REP", "other@test.local", "Blake");
  const owners = [rep.id, other.id, null];
  // Few distinct values per column: every sort has ties (broken by id) and nulls (no last order).
  for (let i = 0; i < ACCOUNTS; i++) {
    await createAccount({
      name: `Account ${String.fromCharCode(65 + (i % 7))} ${i}`,
      ownerId: owners[i % 3],
      industry: ["Software", "Retail", "Healthcare"][i % 3]!,
      region: (["EMEA", "NORTH_AMERICA", "APAC"] as const)[i % 4 === 0 ? 0 : (i % 3) % 3]!,
      employeeCount: [50, 250, 1_000][i % 3]!,
      annualRevenue: [1_000_000, 5_000_000][i % 2]!,
      lifetimeValue: [0, 12_000, 120_000, 300_000][i % 4]!.toFixed(2),
      orderCount: i % 5,
      orders12m: i % 3,
      avgOrderValue: (i % 4) * 1_000,
      lastOrderAt: i % 6 === 0 ? null : new Date(Date.UTC(2026, i % 12, 1 + (i % 5))),
      engagementScore: (i * 7) % 50,
      journeyStage: (["AWARENESS", "RETENTION", "ADVOCACY"] as const)[i % 3]!,
      loyaltyStatus: (["NEW", "REPEAT", "ADVOCATE"] as const)[i % 3]!,
    });
  }
  await publishTierScheme(LIFETIME_VALUE_TIERS);
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
});

afterAll(() => db.$disconnect());

const SORTS = ACCOUNT_COLUMNS.filter((c) => c.sortSql).map((c) => c.key);

describe("the narrow plan and the sort-order walk give the same pages", () => {
  test.each([
    ["the manager", () => manager],
    ["a rep", () => rep],
  ])("as %s, for every sort, both directions and each page", async (_, actor) => {
    expect(SORTS.length).toBeGreaterThan(10);
    const visible = (await listAccounts(actor(), loadAccountQuery({}))).total;
    for (const sort of SORTS) {
      for (const dir of ["asc", "desc"]) {
        for (const page of ["1", "2", "3"]) {
          const params = { sort, dir, page, size: "25" };
          const walked = await listAccounts(actor(), loadAccountQuery(params));
          const narrowed = await listAccounts(actor(), loadAccountQuery({ ...params, q: "." }));
          expect(narrowed.total, `${sort} ${dir}`).toBe(visible);
          expect(narrowed.rows, `${sort} ${dir} page ${page}`).toEqual(walked.rows);
        }
      }
    }
  });

  test("the default order (tier, then score) too, and the pages cover every visible account once", async () => {
    const seen: number[] = [];
    for (const page of ["1", "2", "3"]) {
      const walked = await listAccounts(manager, loadAccountQuery({ page, size: "25" }));
      const narrowed = await listAccounts(manager, loadAccountQuery({ page, size: "25", q: "." }));
      expect(narrowed.rows).toEqual(walked.rows);
      seen.push(...narrowed.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(ACCOUNTS);
    expect(new Set(seen).size).toBe(ACCOUNTS);
    expect((await listAccounts(manager, loadAccountQuery({ page: "1", size: "25", q: "." }))).rows[0]!.tier?.key).toBe("strategic");
  });
});
