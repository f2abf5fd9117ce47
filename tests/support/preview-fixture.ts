import pg from "pg";
import { db } from "@/lib/db/client";
import { createAccount, publishSegment } from "./fixtures";

/** A rule "lifetime value is at least `amount`" as the editors send it. */
export const ltvAtLeast = (amount: number) => ({
  kind: "group",
  op: "and",
  children: [{ kind: "condition", id: "c1", field: "lifetimeValue", operator: "gte", value: amount }],
});

/**
 * The preview tests' data: five accounts worth 5k, 20k, 60k, 150k and 400k, and a published
 * segment "Big" (at least 50k) with its two members stored. Returns the segment's id.
 */
export async function seedPreviewAccounts(): Promise<number> {
  for (const [i, ltv] of [5_000, 20_000, 60_000, 150_000, 400_000].entries()) await createAccount({ name: `Account ${i}`, lifetimeValue: ltv });
  const segmentId = await publishSegment("Big", ltvAtLeast(50_000));
  await db.$executeRaw`INSERT INTO account_segments (segment_id, account_id) SELECT ${segmentId}, id FROM accounts WHERE lifetime_value >= 50000`;
  return segmentId;
}

/**
 * A connection of its own that holds a lock a preview's counting query needs, so a test can make
 * that query wait: `hold(table)` locks it until `release()`; `abandon()` (for a finally) rolls
 * back whatever is still held; `end()` closes the connection.
 */
export async function tableLocker() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return {
    async hold(table: "account_segments" | "account_segmentation"): Promise<void> {
      await client.query("BEGIN");
      await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    },
    release: async (): Promise<void> => void (await client.query("COMMIT")),
    abandon: async (): Promise<void> => void (await client.query("ROLLBACK").catch(() => {})),
    end: () => client.end(),
  };
}
