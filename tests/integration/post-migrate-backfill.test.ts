import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { createAccount } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

// prisma/post-migrate.sql runs after every migration (every start): besides its triggers it gives
// accounts written without them (before they existed, or while another instance still ran the old
// code) their account_segmentation and account_search rows, and must leave every existing row as it is.

beforeAll(() => resetDatabase());
afterAll(() => db.$disconnect());

async function runPostMigrate(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(await readFile("prisma/post-migrate.sql", "utf8"));
  } finally {
    await client.end();
  }
}

test("accounts without their derived rows get them; existing rows are left alone", async () => {
  const [lost, searchless, kept] = [await createAccount({ name: "Lost Row Ltd" }), await createAccount({ name: "Searchless GmbH" }), await createAccount({ name: "Kept Row SA" })];
  await db.$executeRaw`DELETE FROM account_segmentation WHERE account_id = ${lost}`;
  await db.$executeRaw`DELETE FROM account_search WHERE account_id = ${searchless}`;
  await db.$executeRaw`UPDATE account_segmentation SET priority_score = 42, tier_rank = 3 WHERE account_id = ${kept}`;

  await runPostMigrate();
  await runPostMigrate();

  const segmentation = await db.$queryRaw<{ account_id: number; priority_score: number; tier_rank: number }[]>`
    SELECT account_id, priority_score, tier_rank FROM account_segmentation WHERE account_id IN (${lost}, ${searchless}, ${kept}) ORDER BY account_id`;
  expect(segmentation).toEqual([
    { account_id: lost, priority_score: 0, tier_rank: 9999 },
    { account_id: searchless, priority_score: 0, tier_rank: 9999 },
    { account_id: kept, priority_score: 42, tier_rank: 3 },
  ]);
  const search = await db.$queryRaw<{ account_id: number; name: string }[]>`
    SELECT account_id, name FROM account_search WHERE account_id IN (${lost}, ${searchless}, ${kept}) ORDER BY account_id`;
  expect(search).toEqual([
    { account_id: lost, name: "Lost Row Ltd" },
    { account_id: searchless, name: "Searchless GmbH" },
    { account_id: kept, name: "Kept Row SA" },
  ]);
});
