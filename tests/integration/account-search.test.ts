import { beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { listAccounts } from "@/lib/data/accounts";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

// The search box reads account_search (name and domain with their trigram indexes), which
// triggers on accounts keep in step (prisma/post-migrate.sql). Every way an account's name or
// domain is written must show in the list's search at once.

let manager: Actor;
const found = async (q: string) => (await listAccounts(manager, loadAccountQuery(new URLSearchParams({ q })))).rows.map((r) => r.id);
const searchRow = async (id: number) =>
  db.$queryRaw<{ name: string; domain: string }[]>`SELECT name, domain FROM account_search WHERE account_id = ${id}`;

beforeAll(async () => {
  await resetDatabase();
  manager = await createUser("MANAGER", "manager@test.local", "manager");
});

describe("the search box follows every write of an account's name and domain", () => {
  test("a new account is found by part of its name and of its domain", async () => {
    const id = await createAccount({ name: "Quillfeather Analytics" });
    expect(await found("quillfeather")).toEqual([id]);
    expect(await found("eather-analy")).toEqual([id]);
  });

  test("a renamed account is found by its new name, not its old one", async () => {
    const id = await createAccount({ name: "Brightwater Labs", domain: "bwl.example" });
    await db.account.update({ where: { id }, data: { name: "Stonebridge Labs" } });
    expect(await found("brightwater")).toEqual([]);
    expect(await found("stonebridge")).toEqual([id]);
  });

  test("a changed domain is found; a write of other columns leaves the search row as it was", async () => {
    const id = await createAccount({ name: "Harbor Freight Systems" });
    await db.account.update({ where: { id }, data: { domain: "harborlogistics.io" } });
    expect(await found("harborlogistics")).toEqual([id]);
    await db.account.update({ where: { id }, data: { employeeCount: 900, name: "Harbor Freight Systems" } });
    await recomputeAccountMetrics(db, { accountIds: [id] });
    expect(await searchRow(id)).toEqual([{ name: "Harbor Freight Systems", domain: "harborlogistics.io" }]);
  });

  test("accounts inserted in bulk are found, and a deleted account's search row goes with it", async () => {
    // One INSERT of several rows (as an import or the seed writes): the statement-level trigger.
    const columns = await db.account.findUniqueOrThrow({
      where: { id: await createAccount({ name: "Template" }) },
      omit: { id: true, createdAt: true, updatedAt: true },
    });
    const ids = (
      await db.account.createManyAndReturn({
        data: [1, 2, 3].map((n) => ({ ...columns, name: `Bulkmark ${n}`, domain: `bulkmark-${n}.example` })),
        select: { id: true },
      })
    ).map((r) => r.id);
    expect((await found("bulkmark")).sort((x, y) => x - y)).toEqual(ids.sort((x, y) => x - y));
    await db.account.delete({ where: { id: ids[0]! } });
    expect(await searchRow(ids[0]!)).toEqual([]);
    expect(await found("bulkmark")).toHaveLength(2);
  });
});
