import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { clearSharedAggregates } from "@/lib/data/aggregate-cache";
import { listAccounts } from "@/lib/data/accounts";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let repA: Actor;
let repB: Actor;
let manager: Actor;
let first: number;

const query = (search: string) => loadAccountQuery(new URLSearchParams(search));
const URLS = ["", "sort=name", "sort=name&dir=desc&size=25", "page=2&size=25", "region=EMEA", "sort=ltv&page=1", "q=account"];

beforeAll(async () => {
  await resetDatabase();
  repA = await createUser("REP", "rep-a@test.local");
  repB = await createUser("REP", "rep-b@test.local");
  manager = await createUser("MANAGER", "manager@test.local");
  first = await createAccount({ ownerId: repA.id, name: "Alpha One" });
  for (let i = 0; i < 30; i++) await createAccount({ ownerId: i % 3 === 0 ? repB.id : repA.id });
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
});

beforeEach(() => clearSharedAggregates());

afterAll(async () => {
  await db.$disconnect();
});

describe("the accounts list page shared across requests", () => {
  test("gives what the unshared list gives, for every URL and visibility, also when asked again", async () => {
    for (const actor of [repA, repB, manager]) {
      for (const url of URLS) {
        const unshared = await listAccounts(actor, query(url));
        expect(await listAccounts(actor, query(url), { shared: true })).toEqual(unshared);
        expect(await listAccounts(actor, query(url), { shared: true })).toEqual(unshared);
      }
    }
    // Reps never see each other's rows: each has entries of their own.
    const [a, b] = [await listAccounts(repA, query(""), { shared: true }), await listAccounts(repB, query(""), { shared: true })];
    expect(a.total + b.total).toBe(31);
    expect(a.rows.every((row) => row.owner?.id === repA.id)).toBe(true);
  });

  test("shows a write at the next request: a renamed account, a reassigned one", async () => {
    const before = await listAccounts(repA, query("sort=name"), { shared: true });
    expect(before.rows[0]?.id).not.toBe(first);
    await db.account.update({ where: { id: first }, data: { name: "Aardvark" } });
    expect((await listAccounts(repA, query("sort=name"), { shared: true })).rows[0]).toMatchObject({ id: first, name: "Aardvark" });

    const total = (await listAccounts(repB, query(""), { shared: true })).total;
    await db.account.update({ where: { id: first }, data: { ownerId: repB.id } });
    expect((await listAccounts(repB, query(""), { shared: true })).total).toBe(total + 1);
    expect((await listAccounts(repA, query("sort=name"), { shared: true })).rows.map((r) => r.id)).not.toContain(first);
  });
});
