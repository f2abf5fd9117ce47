/**
 * The set-based score write (writeScoreChanges, lib/db/membership/scores.ts: the ranking feeds the
 * update in one statement) stores exactly what the existing path stores: the read into Node
 * (readScoreChanges) and the batched write (applyScoreChanges), on the same data. Each case runs
 * both in rolled-back transactions from the same state and compares every stored score, its
 * breakdown and the values it was ranked at, and how many scores each reports changed. A write of
 * most rows (at least BULK_SCORE_ROWS) goes without account_segmentation's secondary indexes and
 * builds them again; a smaller one keeps them.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import type { ScoringSettings } from "@/lib/db/membership/published-rules";
import { applyScoreChanges, BULK_SCORE_ROWS, readScoreChanges, writeScoreChanges } from "@/lib/db/membership/scores";
import { allowLargeSorts } from "@/lib/db/transaction";
import type { Executor } from "@/lib/db/membership/types";
import { resetDatabase } from "../support/reset-db";

const AS_OF = new Date("2026-03-02T12:00:00Z");
const ACCOUNTS = 12_000;
const SCORING: ScoringSettings = {
  weights: { value: 50, fit: 30, engagement: 20 },
  idealProfile: {
    kind: "group",
    op: "and",
    children: [
      { kind: "condition", id: "a", field: "industry", operator: "any_of", value: ["Software", "Retail"] },
      { kind: "condition", id: "b", field: "employeeCount", operator: "gte", value: 200 },
    ],
  },
};

type Stored = { account_id: number; score_value: number; score_fit: number; score_engagement: number; priority_score: number; ranked_lifetime_value: number | null; ranked_potential: number | null };

const storedScores = (tx: Executor) =>
  tx.$queryRaw<Stored[]>`
    SELECT account_id, score_value, score_fit, score_engagement, priority_score, ranked_lifetime_value, ranked_potential
    FROM account_segmentation ORDER BY account_id`;

/** account_segmentation's secondary indexes: their object ids (new when built again) and definitions. */
const secondaryIndexes = (tx: Executor) =>
  tx.$queryRaw<{ oid: number; definition: string }[]>`
    SELECT x.indexrelid::int AS oid, pg_get_indexdef(x.indexrelid) AS definition FROM pg_index x
    WHERE x.indrelid = 'account_segmentation'::regclass AND NOT x.indisunique ORDER BY 2`;

interface Result {
  changed: number;
  stored: Stored[];
  /** Whether the write built the secondary indexes again (same definitions, new objects). */
  rebuilt: boolean;
}

class Rollback extends Error {
  constructor(readonly result: Result) {
    super("rolled back");
  }
}

/** Runs `prepare` then one of the two writes in a transaction that is rolled back; what it stored. */
async function rolledBack(prepare: (tx: Executor) => Promise<unknown>, write: (tx: Executor) => Promise<number>): Promise<Result> {
  try {
    await db.$transaction(async (tx) => {
      await allowLargeSorts(tx);
      await prepare(tx);
      const before = await secondaryIndexes(tx);
      const changed = await write(tx);
      const after = await secondaryIndexes(tx);
      expect(after.map((i) => i.definition)).toEqual(before.map((i) => i.definition));
      const rebuilt = after.every((index, i) => index.oid !== before[i]!.oid);
      throw new Rollback({ changed, stored: await storedScores(tx), rebuilt });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error("not rolled back");
}

const existingPath = async (tx: Executor) => applyScoreChanges(tx, await readScoreChanges(tx, SCORING, AS_OF));
const setBased = (tx: Executor) => writeScoreChanges(tx, SCORING, AS_OF);

async function expectSameResult(prepare: (tx: Executor) => Promise<unknown>, expectChanges: (changed: number) => void) {
  const existing = await rolledBack(prepare, existingPath);
  const bulk = await rolledBack(prepare, setBased);
  expectChanges(existing.changed);
  expect(bulk.changed).toBe(existing.changed);
  expect(bulk.stored).toEqual(existing.stored);
  return bulk;
}

beforeAll(async () => {
  await resetDatabase();
  // Values repeat (ties rank alike), some accounts never ordered, engagement above 100 for a few.
  await db.$executeRawUnsafe(`
    INSERT INTO accounts (name, domain, industry, country, region, employee_count, annual_revenue, loyalty_status, usage_rate,
                          journey_stage, hosting_preference, device_preference, tech_adoption, lifetime_value, potential,
                          engagement_score, last_order_at)
    SELECT 'Account ' || i, 'a-' || i || '.example', (ARRAY['Software', 'Retail', 'Manufacturing'])[1 + i % 3], 'United States',
           'NORTH_AMERICA', (i * 37) % 500, 1000000 + i, 'REPEAT', 'MEDIUM', 'RETENTION', 'CLOUD', 'PC', 'EARLY_MAJORITY',
           ((i * 7919) % 101) * 1000, ((i * 104729) % 53) * 2500, (i * 13) % 120,
           CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2026-03-02' - (i * 3) % 400 END
    FROM generate_series(1, ${ACCOUNTS}) i`);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("the set-based score write stores what the read-then-write path stores", () => {
  test("from accounts never scored: every account gets its score and the values it was ranked at, written without the indexes", async () => {
    expect(ACCOUNTS).toBeGreaterThanOrEqual(BULK_SCORE_ROWS);
    const result = await expectSameResult(async () => undefined, (changed) => expect(changed).toBe(ACCOUNTS));
    expect(result.stored.every((row) => row.ranked_lifetime_value !== null && row.priority_score > 0)).toBe(true);
    expect(result.rebuilt).toBe(true);
  });

  test("after some values change: the changed scores, and ranked values where only those moved", async () => {
    const scored = (tx: Executor) => existingPath(tx);
    await expectSameResult(
      async (tx) => {
        await scored(tx);
        await tx.$executeRaw`UPDATE accounts SET lifetime_value = lifetime_value + 123456 WHERE id % 7 = 0`;
        await tx.$executeRaw`UPDATE accounts SET engagement_score = 3 WHERE id % 11 = 0`;
      },
      (changed) => expect(changed).toBeGreaterThan(0),
    );
  });

  test("nothing changed: neither writes, and the indexes stay", async () => {
    const result = await expectSameResult(existingPath, (changed) => expect(changed).toBe(0));
    expect(result.rebuilt).toBe(false);
  });

  test("a few changed scores are written through the indexes", async () => {
    const result = await expectSameResult(
      async (tx) => {
        await existingPath(tx);
        await tx.$executeRaw`UPDATE accounts SET engagement_score = 0 WHERE id % 100 = 0 AND engagement_score > 20`;
      },
      (changed) => expect(changed).toBeGreaterThan(0),
    );
    expect(result.rebuilt).toBe(false);
  });

  test("a value that moves no score still stores the value it was ranked at", async () => {
    // Every account's lifetime value up by the same amount: the ranks, so the scores, stay.
    const result = await expectSameResult(
      async (tx) => {
        await existingPath(tx);
        await tx.$executeRaw`UPDATE accounts SET lifetime_value = lifetime_value + 1`;
      },
      (changed) => expect(changed).toBe(0),
    );
    const [account] = await db.$queryRaw<{ ltv: number }[]>`SELECT lifetime_value::float8 AS ltv FROM accounts ORDER BY id LIMIT 1`;
    expect(result.stored[0]!.ranked_lifetime_value).toBe(account!.ltv + 1);
  });
});
