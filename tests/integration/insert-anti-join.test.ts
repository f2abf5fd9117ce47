/**
 * A statement that inserts rows into a table must not look for them in that same table row by
 * row. When the table was analysed while empty (a new install, the first materialisation after a
 * reset, an import after every account was deleted), the planner prices a sequential scan of it
 * at nothing and runs one per candidate row; each of those scans walks every row the statement
 * has inserted so far. At 1,000,000 accounts the first materialisation's insert of 1.4M segment
 * rows ran at 100% CPU for nearly ten minutes (then cancelled) instead of seconds.
 *
 * Each write below runs in a transaction of the test's own, on a table analysed empty, and the
 * test counts the sequential scans that transaction started on it
 * (`pg_stat_get_xact_numscans`): a handful, not one per row written. A segment row that is
 * already there when an account enters the segment is kept (through the key), not an error.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, transactionWriter } from "@/lib/db/client";
import { materialiseEverything } from "@/lib/db/membership/materialise";
import { loadPublishedPlays } from "@/lib/db/membership/plays";
import { loadPublishedRules, loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { recomputeSegment } from "@/lib/db/membership/recompute-rule";
import { syncTiers } from "@/lib/db/membership/tier-rows";
import { allowLargeSorts } from "@/lib/db/transaction";
import { STAGES } from "@/lib/import/stage";
import { createTouched } from "@/lib/import/stage/types";
import type { AccountRow } from "@/lib/import/rows";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { resetDatabase } from "../support/reset-db";
import { rolledBack } from "../support/rolled-back";

const ACCOUNTS = 1500;
const AS_OF = new Date("2026-03-02T12:00:00Z");
const BECAUSE = { reason: "RULE_PUBLISHED" } as const;

/** One membership the demo rules give, entered again by every materialisation below. */
let member: { segmentId: number; accountId: number };

/** Sequential scans of `table` started by the current transaction. */
async function seqScans(tx: Pick<typeof db, "$queryRawUnsafe">, table: string): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT pg_stat_get_xact_numscans($1::regclass)::int AS n`, table);
  return row!.n;
}

/** Every membership back to the row's defaults, account_segments emptied and analysed as empty. */
async function blankMemberships() {
  await db.$executeRaw`TRUNCATE account_segments, membership_events`;
  await db.$executeRaw`UPDATE account_segmentation SET tier_id = NULL, tier_rank = 9999, segment_ids = '{}', play_ids = '{}', whitespace = '{}',
    priority_score = 0, score_value = 0, score_fit = 0, score_engagement = 0`;
  await db.$executeRaw`ANALYZE account_segments, account_segmentation`;
}

beforeAll(async () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  await seedDatabase(pool, { accounts: ACCOUNTS, seed: "insert-anti-join", asOf: AS_OF });
  await pool.end();
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null, asOf: AS_OF });
  member = (await db.accountSegment.findFirstOrThrow({ orderBy: [{ segmentId: "asc" }, { accountId: "asc" }] })) as typeof member;
  await blankMemberships();
});
afterAll(() => db.$disconnect());

describe("inserting segment memberships into an account_segments analysed empty", () => {
  test("the first materialisation (set-based) scans it a few times, not once per row", async () => {
    const { scans, inserted } = await rolledBack(async (tx) => {
      const rules = await loadPublishedRules(tx);
      const what = { tiers: { scheme: rules.scheme, ids: await syncTiers(tx, rules.scheme?.tiers ?? []) }, segments: rules.segments };
      await allowLargeSorts(tx);
      // A row the materialisation enters is already there (segment_ids does not list it): kept.
      await tx.$executeRawUnsafe("INSERT INTO account_segments (segment_id, account_id) VALUES ($1, $2)", member.segmentId, member.accountId);
      const before = await seqScans(tx, "account_segments");
      const done = await materialiseEverything(tx, {
        what,
        scoring: rules.scoring,
        plays: await loadPublishedPlays(tx),
        because: BECAUSE,
        asOf: AS_OF,
        step: (_name, work) => work(),
        stillCurrent: async () => true,
      });
      const [count] = await tx.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM account_segments");
      return { scans: (await seqScans(tx, "account_segments")) - before, inserted: { done: done?.segmentChanges, rows: count!.n } };
    });
    expect(inserted.rows).toBeGreaterThan(500);
    expect(inserted.done).toBe(inserted.rows);
    // A handful: the write without the table's key, the key's build that refuses the row already
    // there, the key built again on the table as it was, and the write keeping that row.
    expect(scans).toBeLessThan(10);
  });

  test.each([
    { path: "staged, over every account", given: false },
    { path: "row by row, for given accounts", given: true },
  ])("a segment's first materialisation ($path) scans it a few times, not once per row", async ({ given }) => {
    const segment = (await loadPublishedSegments(db)).find((s) => s.id === member.segmentId);
    const { scans, entered } = await rolledBack(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO account_segments (segment_id, account_id) VALUES ($1, $2)", member.segmentId, member.accountId);
      const accountIds = given ? (await tx.account.findMany({ select: { id: true } })).map((a) => a.id) : undefined;
      const before = await seqScans(tx, "account_segments");
      const { entered } = await recomputeSegment(tx, { id: segment!.id, rule: segment!.rule }, BECAUSE, { asOf: AS_OF, accountIds });
      return { scans: (await seqScans(tx, "account_segments")) - before, entered };
    });
    expect(entered).toBeGreaterThan(100);
    expect(scans).toBeLessThan(5);
  });
});

describe("an accounts import into an accounts table analysed empty", () => {
  test("the upsert (after fill) scans accounts a few times, not once per new account", async () => {
    await resetDatabase();
    await db.$executeRaw`ANALYZE accounts`;
    const rows: AccountRow[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
      line: i + 2,
      domain: `new-${i}.example`,
      name: `New ${i}`,
      industry: "Software",
      country: "Germany",
      region: "EMEA",
      employeeCount: 10 + i,
      annualRevenue: null,
      ownerId: null,
      potential: null,
      loyaltyStatus: null,
      usageRate: null,
      journeyStage: null,
      hostingPreference: null,
      devicePreference: null,
      techAdoption: null,
      benefitsSought: null,
    }));
    const stage = STAGES.accounts;
    const ctx = { mapping: { fields: {}, dateFormat: "MDY" as const }, today: "2026-03-02" };
    const { scans, counts } = await rolledBack(async (tx) => {
      await stage.create(tx);
      await createTouched(tx);
      await stage.insert(await transactionWriter(tx), rows);
      await tx.$executeRawUnsafe("ANALYZE import_stage");
      await stage.fill(tx, ctx);
      const before = await seqScans(tx, "accounts");
      const counts = await stage.apply(tx, ctx);
      return { scans: (await seqScans(tx, "accounts")) - before, counts };
    });
    expect(counts).toEqual({ created: ACCOUNTS, updated: 0 });
    expect(scans).toBeLessThan(5);
  });
});
