/**
 * Accounts looked up by a list of ids (`a.id = ANY(ids)`: the plays and memberships of given
 * accounts, a republish's moved accounts and changed peer groups, written accounts' scores) must
 * go through the primary key. PostgreSQL 18 can also answer that condition by skip-scanning the
 * (last_order_at DESC NULLS LAST, id DESC) index, and with the few hundred distinct last-order
 * days an accounts table has, it estimated that cheaper than the primary key once the key had
 * grown with rewritten rows while the other index was freshly built (after the seed or a large
 * import): it then read the whole index, comparing every entry with the list. At 1,000,000
 * accounts, 3,000 ids took 140-230 ms instead of 15 ms, 32,000 ids 300 ms instead of 60 ms
 * (docs/benchmarks.md, session 21). prisma/post-migrate.sql declares the column's distinct count
 * as a tenth of the rows, which prices that skip scan as what it is. Reproducing the plan needs
 * ~200,000 accounts with a rewritten key (longer to build than the rest of this suite's files
 * take), so this checks that the declaration survives the migrations and ANALYZE.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { createAccount } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

beforeAll(async () => {
  await resetDatabase();
  for (let i = 0; i < 30; i++) await createAccount({ lastOrderAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))) });
  await db.$executeRawUnsafe("ANALYZE accounts");
});

afterAll(() => db.$disconnect());

test("the planner counts last-order days as a tenth of the accounts, whatever the sample holds", async () => {
  const [row] = await db.$queryRaw<{ n_distinct: number; sampled: number }[]>`
    SELECT round(s.n_distinct::numeric, 3)::float8 AS n_distinct, (SELECT count(DISTINCT last_order_at) FROM accounts)::int AS sampled
    FROM pg_stats s WHERE s.schemaname = 'public' AND s.tablename = 'accounts' AND s.attname = 'last_order_at'`;
  // Three distinct days among 30 accounts: ANALYZE alone would have said 3.
  expect(row).toEqual({ n_distinct: -0.1, sampled: 3 });
});
