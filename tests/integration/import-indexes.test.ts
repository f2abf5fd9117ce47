/**
 * A file that writes at least REBUILD_SHARE of the accounts writes them without the secondary
 * indexes of `accounts` and `account_segmentation` (lib/import/run.ts, lib/db/bulk-indexes.ts): its
 * commit builds them again,
 * exactly as they were; its dry run's rollback restores them (and those of account_search, which
 * only a dry run drops). A smaller file keeps them, and so does a large one while another
 * transaction reads `accounts`: it writes through them instead of waiting. What each import
 * stores is the same either way (import-bulk-equivalence.test.ts compares it with a row-by-row
 * reference).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { REBUILD_SHARE } from "@/lib/db/bulk-indexes";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";
import { createUser } from "../support/fixtures";
import { commit, dryRun, publishSegmentation, upload } from "../support/import";

const EXISTING = 400;
let admin: SessionUser;
let pool: pg.Pool;
let file = 0;

beforeAll(async () => {
  await resetDatabase();
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  await db.$executeRawUnsafe(`
    INSERT INTO accounts (name, domain, industry, country, region, employee_count, annual_revenue, loyalty_status, usage_rate,
                          journey_stage, hosting_preference, device_preference, tech_adoption)
    SELECT 'Existing ' || i, 'e-' || i || '.example', 'Software', 'United States', 'NORTH_AMERICA', i * 5, 1000000 + i,
           'REPEAT', 'MEDIUM', 'RETENTION', 'CLOUD', 'PC', 'EARLY_MAJORITY'
    FROM generate_series(1, ${EXISTING}) i`);
  await db.$executeRawUnsafe("ANALYZE accounts");
  await publishSegmentation();
});
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

/** The indexes of accounts, account_search and account_segmentation: object id (new when built again) and definition. */
async function indexes() {
  return db.$queryRaw<{ name: string; oid: number; definition: string }[]>`
    SELECT i.relname::text AS name, i.oid::int AS oid, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid IN ('accounts'::regclass, 'account_search'::regclass, 'account_segmentation'::regclass) ORDER BY 1`;
}
const rebuilt = (before: Awaited<ReturnType<typeof indexes>>, after: Awaited<ReturnType<typeof indexes>>) =>
  after.filter((index) => before.find((b) => b.name === index.name)?.oid !== index.oid).map((index) => index.name);

/** An accounts file updating `updates` existing accounts (employee counts) and creating `creates` new ones. */
async function accountsFile(updates: number, creates: number) {
  file += 1;
  const lines = ["Company name,Company Domain Name,Industry,Country/Region,Number of Employees,Hosting"];
  for (let i = 1; i <= updates; i++) lines.push(`Existing ${i},e-${i}.example,Software,United States,${2000 + i + file},Cloud`);
  for (let i = 1; i <= creates; i++) lines.push(`New ${file}-${i},n-${file}-${i}.example,Manufacturing,Germany,${i * 3},On-premise`);
  return upload(admin, "accounts", `accounts-${file}.csv`, lines.join("\n"));
}

describe("an import that writes most accounts writes them without their secondary indexes", () => {
  test("the dry run leaves every index as it was; the commit builds the secondary ones again, exactly as they were", async () => {
    const before = await indexes();
    const secondary = [
      "accounts_lifetime_value_idx",
      "accounts_industry_idx",
      "accounts_technology_ids_idx",
      "account_segmentation_tier_rank_priority_score_account_id_idx",
      "account_segmentation_play_ids_idx",
    ];
    expect(before.map((i) => i.name)).toEqual(expect.arrayContaining([...secondary, "account_search_name_trgm_idx"]));
    const job = await accountsFile(300, 200);
    expect(500 / (EXISTING + 200)).toBeGreaterThanOrEqual(REBUILD_SHARE);

    const checked = await dryRun(admin, job);
    expect(checked.status).toBe("CHECKED");
    expect(await indexes()).toEqual(before);

    const committed = await commit(admin, checked);
    expect(committed.status).toBe("COMMITTED");
    expect(committed.summary.commit).toMatchObject({ created: 200, updated: 300 });
    const after = await indexes();
    expect(after.map((i) => i.definition)).toEqual(before.map((i) => i.definition));
    const again = rebuilt(before, after);
    expect(again).toEqual(expect.arrayContaining(secondary));
    // Only secondary indexes: not the keys, not account_search's (a commit keeps those).
    expect(again.filter((name) => name.startsWith("account_search") || name.endsWith("_pkey") || name === "accounts_domain_key")).toEqual([]);
    // Built from the rows written: a lookup through one finds a new account.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const plan = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT id FROM accounts WHERE industry = 'Manufacturing'`;
      expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain("accounts_industry_idx");
      const [found] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts WHERE industry = 'Manufacturing'`;
      expect(found!.n).toBe(200);
      // The accounts list's index (tier, then score) holds every account's row, the new ones' too:
      // read in its order with sorting off, only that index can answer.
      await tx.$executeRaw`SET LOCAL enable_sort = off`;
      const inListOrder = `SELECT account_id FROM account_segmentation ORDER BY tier_rank, priority_score DESC, account_id`;
      const list = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${inListOrder}`);
      expect(list.map((line) => line["QUERY PLAN"]).join("\n")).toContain("account_segmentation_tier_rank_priority_score_account_id_idx");
      const [listed] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${inListOrder}) AS listed`);
      expect(listed!.n).toBe(EXISTING + 200);
    });
  });

  test("a file that writes few accounts keeps every index", async () => {
    const before = await indexes();
    const committed = await commit(admin, await dryRun(admin, await accountsFile(20, 5)));
    expect(committed.summary.commit).toMatchObject({ created: 5, updated: 20 });
    expect(rebuilt(before, await indexes())).toEqual([]);
  });

  test("while another transaction reads accounts, a large file writes through the indexes instead of waiting for it", async () => {
    const before = await indexes();
    const reader = await pool.connect();
    try {
      // A page's read: its lock lasts until it ends, past the import's wait for it.
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM accounts");
      const committed = await commit(admin, await dryRun(admin, await accountsFile(400, 300)));
      expect(committed.summary.commit).toMatchObject({ created: 300, updated: 400 });
      await reader.query("COMMIT");
    } finally {
      reader.release();
    }
    expect(rebuilt(before, await indexes())).toEqual([]);
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM accounts WHERE domain LIKE 'n-3-%'`;
    expect(row!.n).toBe(300);
  });
});
