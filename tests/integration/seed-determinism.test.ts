import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { TechCategory } from "@/lib/generated/prisma/enums";
import { SeedRefusedError, seedDatabase, type SeedOptions } from "@/lib/seed/seed-database";
import { resetDatabase } from "../support/reset-db";

const AS_OF = new Date("2026-01-15T00:00:00Z");
const BASE: SeedOptions = { accounts: 1200, seed: "determinism", asOf: AS_OF };

/** md5 over every row of a table in key order, leaving out columns set from the clock or a random salt. */
const FINGERPRINTS: Record<string, string> = {
  accounts: "SELECT md5(string_agg((to_jsonb(t) - 'updated_at')::text, E'\\n' ORDER BY id)) FROM accounts t",
  orders: "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM orders t",
  engagement_events: "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM engagement_events t",
  campaign_responses: "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM campaign_responses t",
  account_technologies:
    "SELECT md5(string_agg(t::text, E'\\n' ORDER BY account_id, technology_id)) FROM account_technologies t",
  technologies: "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM technologies t",
  users: "SELECT md5(string_agg(concat_ws('|', id, email, name, role, active), E'\\n' ORDER BY id)) FROM users",
};

let pool: pg.Pool;

async function fingerprint(): Promise<Record<string, string | null>> {
  const result: Record<string, string | null> = {};
  for (const [table, sql] of Object.entries(FINGERPRINTS)) {
    result[table] = (await pool.query<{ md5: string | null }>(sql)).rows[0]?.md5 ?? null;
  }
  return result;
}

async function scalar(sql: string): Promise<number> {
  const row = (await pool.query<{ n: number }>(sql)).rows[0];
  return Number(row?.n);
}

beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});

afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

describe("seedDatabase determinism", () => {
  let first: Record<string, string | null>;

  test("the same seed, size and asOf give identical rows, ids included", async () => {
    await resetDatabase();
    const summary = await seedDatabase(pool, BASE);
    expect(summary.rows.accounts).toBe(1200);
    first = await fingerprint();
    for (const value of Object.values(first)) expect(value).toMatch(/^[0-9a-f]{32}$/);

    await resetDatabase();
    await seedDatabase(pool, BASE);
    expect(await fingerprint()).toEqual(first);
  });

  test("a database with accounts is refused; --reset replaces it with the same data", async () => {
    await expect(seedDatabase(pool, BASE)).rejects.toBeInstanceOf(SeedRefusedError);
    await seedDatabase(pool, { ...BASE, reset: true });
    expect(await fingerprint()).toEqual(first);
  });

  test("a different seed gives different data", async () => {
    await seedDatabase(pool, { ...BASE, seed: "another", reset: true });
    const other = await fingerprint();
    expect(other.accounts).not.toBe(first.accounts);
    expect(other.orders).not.toBe(first.orders);
    expect(other.account_technologies).not.toBe(first.account_technologies);
    expect(other.technologies).toBe(first.technologies); // the catalogue is fixed
  });
});

describe("seeded data looks like a real customer base", () => {
  beforeAll(async () => {
    await seedDatabase(pool, { ...BASE, reset: true });
  });

  test("every technology category, loyalty status and hosting preference occurs", async () => {
    const categories = await pool.query<{ category: string }>(
      "SELECT DISTINCT t.category FROM account_technologies at JOIN technologies t ON t.id = at.technology_id",
    );
    expect(categories.rows.map((r) => r.category).sort()).toEqual(Object.values(TechCategory).sort());
    const statuses = await pool.query<{ s: string }>("SELECT DISTINCT loyalty_status AS s FROM accounts ORDER BY 1");
    expect(statuses.rows.map((r) => r.s)).toEqual(["NEW", "REPEAT", "ADVOCATE", "AT_RISK", "CHURNED"]);
    const hosting = await pool.query<{ h: string }>("SELECT DISTINCT hosting_preference AS h FROM accounts ORDER BY 1");
    expect(hosting.rows.map((r) => r.h)).toEqual(["CLOUD", "ON_PREMISE", "HYBRID"]);
  });

  test("the seed writes technology_ids and technology_categories exactly as the trigger would", async () => {
    const drifted = await scalar(`SELECT count(*) AS n FROM accounts a
      LEFT JOIN (SELECT at.account_id, array_agg(DISTINCT at.technology_id ORDER BY at.technology_id) AS ids,
                        bit_or(tech_category_bit(t.category)) AS mask
                 FROM account_technologies at JOIN technologies t ON t.id = at.technology_id GROUP BY at.account_id) x
        ON x.account_id = a.id
      WHERE (a.technology_ids, a.technology_categories) IS DISTINCT FROM (COALESCE(x.ids, '{}'), COALESCE(x.mask, 0))`);
    expect(drifted).toBe(0);
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE technology_categories <> 0")).toBeGreaterThan(1000);
  });

  test("prospects without orders, a heavy tail of order value, and derived metrics in place", async () => {
    const prospects = await scalar("SELECT count(*) AS n FROM accounts WHERE order_count = 0");
    expect(prospects / 1200).toBeGreaterThan(0.1);
    expect(prospects / 1200).toBeLessThan(0.35);
    // The top 5% of accounts bring far more than 5% of revenue.
    const topShare = await scalar(`SELECT sum(lifetime_value) FILTER (WHERE rank <= 60) / sum(lifetime_value) AS n
      FROM (SELECT lifetime_value, row_number() OVER (ORDER BY lifetime_value DESC) AS rank FROM accounts) t`);
    expect(topShare).toBeGreaterThan(0.3);
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE GREATEST(metrics_as_of, (SELECT day FROM metrics_refresh)) IS DISTINCT FROM DATE '2026-01-15'")).toBe(0);
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE engagement_score > 0")).toBeGreaterThan(600);
  });

  test("loyalty, hosting and devices agree with the history and the stack", async () => {
    // CHURNED: nothing in the last year; AT_RISK: nothing in the last six months.
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE loyalty_status = 'CHURNED' AND orders_12m > 0")).toBe(0);
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE loyalty_status = 'AT_RISK' AND DATE '2026-01-15' - last_order_at <= 180")).toBe(0);
    const uses = (category: string) =>
      `EXISTS (SELECT 1 FROM account_technologies at JOIN technologies t ON t.id = at.technology_id
               WHERE at.account_id = a.id AND ${category})`;
    expect(await scalar(`SELECT count(*) AS n FROM accounts a WHERE hosting_preference = 'ON_PREMISE' AND ${uses("t.category = 'CLOUD_PLATFORM'")}`)).toBe(0);
    expect(await scalar(`SELECT count(*) AS n FROM accounts a WHERE hosting_preference = 'CLOUD' AND ${uses("t.name = 'SAP S/4HANA'")}`)).toBe(0);
    expect(await scalar(`SELECT count(*) AS n FROM accounts a WHERE device_preference = 'MAC' AND NOT ${uses("t.name = 'macOS'")}`)).toBe(0);
    expect(await scalar(`SELECT count(*) AS n FROM accounts a WHERE device_preference = 'PC' AND ${uses("t.name = 'macOS'")}`)).toBe(0);
  });

  test("about 95% of accounts belong to one of the five demo reps", async () => {
    const owners = await pool.query<{ email: string | null; n: number }>(
      "SELECT u.email, count(*)::int AS n FROM accounts a LEFT JOIN users u ON u.id = a.owner_id GROUP BY 1",
    );
    const unowned = owners.rows.find((r) => r.email === null)?.n ?? 0;
    expect(unowned / 1200).toBeGreaterThan(0.02);
    expect(unowned / 1200).toBeLessThan(0.08);
    expect(owners.rows.filter((r) => r.email !== null).map((r) => r.email).sort()).toEqual([
      "rep1@tierwise.local",
      "rep2@tierwise.local",
      "rep3@tierwise.local",
      "rep4@tierwise.local",
      "rep5@tierwise.local",
    ]);
    expect(await scalar("SELECT count(*) AS n FROM users WHERE role = 'ADMIN' AND email = 'admin@tierwise.local'")).toBe(1);
  });

  test("without demo users no account has an owner", async () => {
    await resetDatabase();
    await seedDatabase(pool, { ...BASE, accounts: 200, demoUsers: false });
    expect(await scalar("SELECT count(*) AS n FROM users")).toBe(0);
    expect(await scalar("SELECT count(*) AS n FROM accounts WHERE owner_id IS NOT NULL")).toBe(0);
    expect(await scalar("SELECT count(*) AS n FROM accounts")).toBe(200);
  });
});
