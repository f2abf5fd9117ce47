/**
 * A recompute right after a materialisation finds nothing to change: no tier, segment, play or
 * score is rewritten, by the full recompute (recomputeEverything, two connections) or the one on
 * the caller's transaction (recomputeAll), as long as both use the same evaluation date. The
 * score's recency (and every "days since" rule) depends on that date: a materialisation as of
 * the seed's --as-of day followed by a recompute as of today rewrites most scores (issue 14's
 * 183,208), so every path of one benchmark or refresh must pass the same date.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { recomputeAll, recomputeEverything } from "@/lib/db/membership/recompute-all";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { resetDatabase } from "../support/reset-db";

const SEEDED_AS_OF = new Date("2026-01-15T00:00:00Z");
const NOTHING = { tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 };
let pool: pg.Pool;

/** Accounts whose stored tier rank is not their tier's position (9999 when untiered). */
const ranksOutOfStep = async () =>
  (
    await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM account_segmentation r LEFT JOIN tiers t ON t.id = r.tier_id
      WHERE r.tier_rank <> COALESCE(t.position, 9999)`
  )[0]?.n;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

async function seedAndPublish(asOf: Date | undefined) {
  await resetDatabase();
  await seedDatabase(pool, { accounts: 1500, seed: "nothing-to-change", asOf: SEEDED_AS_OF });
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  const first = await publishDemoRules(db, { publishedById: admin?.id ?? null, asOf });
  expect(first.scoreChanges).toBe(1500);
  expect(first.tierChanges).toBeGreaterThan(0);
}

describe("the first recompute after a materialisation", () => {
  test("as of the seed's day (what prisma/seed.ts does): nothing to change on the same day, scores move on another", async () => {
    await seedAndPublish(SEEDED_AS_OF);
    expect(await ranksOutOfStep()).toBe(0);
    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: SEEDED_AS_OF })).toEqual(NOTHING);
    expect(await db.$transaction((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }, { asOf: SEEDED_AS_OF }), LONG_TRANSACTION)).toEqual(NOTHING);
    // A later day: recency (and "days since" rules) move, so the evaluation date must be one for all paths.
    const later = await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: new Date("2026-02-15T00:00:00Z") });
    expect(later.scoreChanges).toBeGreaterThan(0);
    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" }, { asOf: new Date("2026-02-15T00:00:00Z") })).toEqual(NOTHING);
  }, 120_000);

  test("as of today (the benchmark's and the app's default): nothing to change", async () => {
    await seedAndPublish(undefined);
    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" })).toEqual(NOTHING);
    expect(await db.$transaction((tx) => recomputeAll(tx, { reason: "DATA_CHANGE" }), LONG_TRANSACTION)).toEqual(NOTHING);
    expect(await ranksOutOfStep()).toBe(0);
  }, 120_000);

  test("a scheme whose tiers moved puts stored ranks in step", async () => {
    const tiers = await db.tier.findMany({ where: { archived: false }, orderBy: { position: "asc" } });
    expect(tiers.length).toBeGreaterThan(1);
    // Positions out of step with the published scheme (as after an interrupted sync): the next
    // full recompute syncs them back and rewrites the ranks in the same transaction.
    await db.$executeRaw`UPDATE tiers SET position = position + 100 WHERE NOT archived`;
    await db.$executeRaw`UPDATE account_segmentation r SET tier_rank = t.position FROM tiers t WHERE t.id = r.tier_id`;
    expect(await ranksOutOfStep()).toBe(0);
    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" })).toEqual(NOTHING);
    expect(await db.tier.findMany({ where: { archived: false }, orderBy: { position: "asc" }, select: { id: true, position: true } })).toEqual(
      tiers.map((t, i) => ({ id: t.id, position: i + 1 })),
    );
    expect(await ranksOutOfStep()).toBe(0);
  }, 120_000);
});
