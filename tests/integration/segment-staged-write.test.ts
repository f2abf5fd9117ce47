/**
 * A segment recomputed over every account (its publish: lib/db/membership/recompute-rule.ts) stages
 * its changes in PostgreSQL and writes them in one statement; for given accounts they are read into
 * Node and written in batches. On the same data both must store the same thing: every account's
 * segment ids, plays and whitespace, the segment's account_segments rows and the ledger rows (all
 * but their id and time), for a rule that moves accounts both in and out of a segment that a
 * published play's audience names.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { recomputeSegment } from "@/lib/db/membership/recompute-rule";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { resetDatabase } from "../support/reset-db";
import { rolledBack, type Tx } from "../support/rolled-back";

const AS_OF = new Date("2026-03-02T12:00:00Z");
const BECAUSE = { reason: "RULE_PUBLISHED", ruleVersion: 7, detail: "staged write test" } as const;
/** Cloud-hosted accounts with at least 100 employees: many of the cloud CRM users stay, some leave, others enter. */
const NEW_RULE = {
  kind: "group",
  op: "and",
  children: [
    { kind: "condition", id: "h", field: "hostingPreference", operator: "any_of", value: ["CLOUD"] },
    { kind: "condition", id: "e", field: "employeeCount", operator: "gte", value: 100 },
  ],
} as unknown as RuleGroup;

let segmentId: number;

beforeAll(async () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  await seedDatabase(pool, { accounts: 1500, seed: "segment-staged", asOf: AS_OF });
  await pool.end();
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null, asOf: AS_OF });
  segmentId = (await loadPublishedSegments(db)).find((s) => s.name === "Cloud CRM users")!.id;
});
afterAll(() => db.$disconnect());

/** What the recompute stored, read in its transaction. */
async function stored(tx: Tx, ledgerAfter: bigint) {
  const [segmentation, members, ledger] = await Promise.all([
    tx.$queryRaw`SELECT account_id, tier_id, segment_ids, play_ids, whitespace FROM account_segmentation ORDER BY account_id`,
    tx.$queryRaw`SELECT account_id FROM account_segments WHERE segment_id = ${segmentId} ORDER BY account_id`,
    tx.$queryRaw`SELECT account_id, scope, tier_id, segment_id, play_id, change, reason, rule_version, detail
      FROM membership_events WHERE id > ${ledgerAfter} ORDER BY account_id, scope, segment_id, play_id, change`,
  ]);
  return { segmentation, members, ledger };
}

/** Recompute the segment under NEW_RULE over every account (staged) or for every account by id (row by row), rolled back. */
function recompute(given: boolean, prepare: (tx: Tx) => Promise<unknown> = async () => {}) {
  return rolledBack(async (tx) => {
    await prepare(tx);
    const ledgerAfter = (await tx.membershipEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const accountIds = given ? (await tx.account.findMany({ select: { id: true } })).map((a) => a.id) : undefined;
    const moved = await recomputeSegment(tx, { id: segmentId, rule: NEW_RULE }, BECAUSE, { asOf: AS_OF, accountIds });
    return { moved, stored: await stored(tx, ledgerAfter) };
  });
}

describe("a segment's recompute over every account, staged in PostgreSQL", () => {
  test("stores what the row-by-row write stores: members, arrays, plays, whitespace and ledger", async () => {
    const byRows = await recompute(true);
    const staged = await recompute(false);
    expect(byRows.moved.entered).toBeGreaterThan(0);
    expect(byRows.moved.left).toBeGreaterThan(0);
    // The segment is in a play's audience: some accounts' plays follow it.
    expect((byRows.stored.ledger as { scope: string }[]).some((e) => e.scope === "PLAY")).toBe(true);
    expect(staged.moved).toEqual(byRows.moved);
    expect(staged.stored).toEqual(byRows.stored);
  });

  test("a segment row already there for an entering account is kept, not a duplicate key", async () => {
    const plain = await recompute(false);
    const entering = (plain.stored.ledger as { account_id: number; scope: string; change: string }[]).find((e) => e.scope === "SEGMENT" && e.change === "ENTERED")!;
    const withRow = await recompute(false, (tx) =>
      tx.$executeRaw`INSERT INTO account_segments (segment_id, account_id) VALUES (${segmentId}, ${entering.account_id})`,
    );
    expect(withRow.stored.members).toEqual(plain.stored.members);
    expect(withRow.moved).toEqual(plain.moved);
  });

  test("an id in a stored array that names no segment is dropped, with its ledger row, on both paths", async () => {
    // The read tests each account without building its new array (lib/db/membership/changes.ts):
    // an id outside every segment it can hold must still count as a change.
    const GONE = 999_999;
    // An account the new rule leaves where it is, so nothing else makes it a change.
    const plant = (tx: Tx) => tx.$executeRaw`UPDATE account_segmentation SET segment_ids = segment_ids || ${GONE}::int
      WHERE account_id = (SELECT min(r.account_id) FROM account_segmentation r JOIN accounts a ON a.id = r.account_id
        WHERE (a.hosting_preference = 'CLOUD' AND a.employee_count >= 100) = (${segmentId}::int = ANY(r.segment_ids)))`;
    const staged = await recompute(false, plant);
    const byRows = await recompute(true, plant);
    expect(staged.stored).toEqual(byRows.stored);
    const arrays = staged.stored.segmentation as { segment_ids: number[] }[];
    expect(arrays.filter((r) => r.segment_ids.includes(GONE))).toEqual([]);
    const ledger = staged.stored.ledger as { segment_id: number | null; change: string }[];
    expect(ledger.filter((e) => e.segment_id === GONE)).toEqual([expect.objectContaining({ change: "LEFT" })]);
  });

  test("run twice in one transaction, the second finds nothing to change", async () => {
    const again = await rolledBack(async (tx) => {
      await recomputeSegment(tx, { id: segmentId, rule: NEW_RULE }, BECAUSE, { asOf: AS_OF });
      return recomputeSegment(tx, { id: segmentId, rule: NEW_RULE }, BECAUSE, { asOf: AS_OF });
    });
    expect(again).toEqual({ entered: 0, left: 0 });
  });
});
