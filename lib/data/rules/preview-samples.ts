import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** An account shown in a preview's samples. */
export interface SampleAccount {
  id: number;
  name: string;
  domain: string;
  lifetimeValue: number;
  tierName: string | null;
}

/** The given accounts with their name, value and current tier, in the given order. */
export async function accountsById(ids: readonly number[]): Promise<SampleAccount[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number; name: string; domain: string; ltv: number; tier_name: string | null }[]>`
    SELECT a.id, a.name, a.domain, a.lifetime_value::float8 AS ltv, t.name AS tier_name
    FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id
    WHERE a.id = ANY(${[...ids]}::int[])`;
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, domain: r.domain, lifetimeValue: Number(r.ltv), tierName: r.tier_name }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * A set is dense when at least this share of all accounts is in it: walking the lifetime value
 * index from the top then meets `limit` members within about limit / share rows (8 samples of a
 * 0.05% set: ~16,000 rows, tens of milliseconds). A sparser set is found faster by one scan and a
 * top-N sort (about a second at 1,000,000 accounts).
 */
const DENSE_SHARE = 0.0005;

/**
 * The ids of the `limit` accounts with the highest lifetime value (then lowest id) among the rows
 * of `from` (a FROM ... WHERE over `accounts a`), which holds `count` of `total` accounts (a
 * preview's counting pass found them): none when empty; the index walk for a dense set; for a
 * sparse one a scan (OFFSET 0 keeps PostgreSQL from walking the whole index for a few rows it
 * underestimates as many, which took seconds at 1,000,000 accounts).
 */
export async function topIdsByValue(from: Prisma.Sql, count: number, total: number, limit: number): Promise<number[]> {
  if (count === 0 || limit <= 0) return [];
  const rows =
    count >= DENSE_SHARE * total
      ? await db.$queryRaw<{ id: number }[]>`SELECT a.id ${from} ORDER BY a.lifetime_value DESC, a.id LIMIT ${limit}`
      : await db.$queryRaw<{ id: number }[]>`
          SELECT id FROM (SELECT a.id, a.lifetime_value ${from} OFFSET 0) found ORDER BY lifetime_value DESC, id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/**
 * Inside a preview's slot transaction: let PostgreSQL split the counting pass across parallel
 * workers. Its per-row rule evaluation is CPU work the planner underestimates, so with the default
 * setup and tuple costs it would plan one core. The tier preview's GROUP BY has a few dozen groups
 * that PostgreSQL estimates at hundreds of thousands (it multiplies the distinct values of every
 * column the draft rules name): with the default work_mem it sorts 1,000,000 rows on disk to group
 * them instead of hashing. The settings end with the transaction.
 */
export async function allowParallelScan(tx: Pick<typeof db, "$queryRaw">): Promise<void> {
  await tx.$queryRaw`SELECT set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),
    set_config('work_mem', '128MB', true)`;
}
