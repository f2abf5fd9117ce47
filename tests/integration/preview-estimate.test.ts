/**
 * The previews' quick estimate (lib/data/rules/preview-estimate.ts): the exact counting pass over
 * a fixed page sample of `accounts`, scaled up. Against the exact previews on the same data:
 * - a "sample" of every page (forced at this size) gives exactly the exact counts, so the sampled
 *   query counts what the full one does (same joins, same rule SQL), only over other rows;
 * - a real sample (a third of the pages) lands near the exact counts, scaled to the whole, and
 *   answers the same twice (a fixed sample: two drafts are compared on the same accounts);
 * - below the size where estimates start, phase "estimate" answers exactly, as phase "exact".
 * And lint's field coverage of technologies (read beside the exact pass) from the accounts' technology
 * ids equals the share of accounts with account_technologies rows.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { loadPublishedScheme, loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { fieldCoverage } from "@/lib/data/rules/lint";
import type { Sampling } from "@/lib/data/rules/preview-estimate";
import { previewSegmentRule, type SegmentPreview } from "@/lib/data/rules/preview";
import { previewTierScheme, type TierPreview } from "@/lib/data/rules/tier-preview";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import type { RuleGroup } from "@/lib/segmentation/schema";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import { resetDatabase } from "../support/reset-db";

const ACCOUNTS = 2500;
/** Every page: the sample is the whole table. */
const WHOLE: Sampling = { from: 0, accounts: 1_000_000_000 };
/** About a third of the pages. */
const THIRD: Sampling = { from: 0, accounts: 800 };

let pool: pg.Pool;
let segments: { id: number; rule: RuleGroup }[];
let drafts: TierDefinition[][];

const ltvAtLeast = (amount: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "lifetimeValue", operator: "gte", value: amount }] });

/** A segment preview's figures, without the account samples an estimate does not carry. */
const segmentCounts = (p: SegmentPreview) => ({ total: p.total, matching: p.matching, entering: p.diff?.entering, leaving: p.diff?.leaving });

/** A tier preview's figures, without the account samples an estimate does not carry. */
const tierFigures = (p: TierPreview) => ({
  total: p.total,
  untiered: p.untiered,
  tiers: p.tiers.map((t) => ({ key: t.key, count: t.count, lifetimeValue: Math.round(t.lifetimeValue), ownMatches: t.ownMatches, caughtEarlier: t.caughtEarlier })),
  transitions: p.transitions.map((t) => ({ from: t.fromKey, to: t.toKey, accounts: t.accounts, lifetimeValue: Math.round(t.lifetimeValue), reps: t.reps.map((r) => r.id) })),
  moving: p.moving,
  revenueMoving: Math.round(p.revenueMoving),
  repsAffected: p.repsAffected,
});

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  await seedDatabase(pool, { accounts: ACCOUNTS, seed: "preview-estimate", asOf: new Date("2026-01-15T00:00:00Z") });
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null });
  // The estimate scales by the planner's account count (pg_class), which ANALYZE sets.
  await db.$executeRawUnsafe("ANALYZE accounts");
  segments = await loadPublishedSegments(db);
  const published = (await loadPublishedScheme(db))!;
  drafts = [published.tiers, published.tiers.map((t, i) => (i === 0 ? { ...t, rule: ltvAtLeast(600_000) } : t))];
}, 120_000);
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

describe("a preview's estimate", () => {
  test("over every page equals the exact preview (segments and tier schemes), labelled and without samples", async () => {
    expect(segments.length).toBeGreaterThan(2);
    const cases = [...segments.map((s) => ({ id: s.id as number | null, rule: s.rule, published: true })), { id: null, rule: segments[0]!.rule, published: false }];
    for (const c of cases) {
      const exact = await previewSegmentRule(c.rule, c.id, c.published);
      const estimate = await previewSegmentRule(c.rule, c.id, c.published, null, "estimate", WHOLE);
      expect(exact.estimate).toBeNull();
      expect(estimate.estimate).toEqual({ sampled: ACCOUNTS, accounts: ACCOUNTS });
      expect(segmentCounts(estimate)).toEqual(segmentCounts(exact));
      expect(estimate.sample).toEqual([]);
      expect(exact.matching === 0 || exact.sample.length > 0).toBe(true);
    }
    for (const tiers of drafts) {
      const exact = await previewTierScheme(tiers);
      const estimate = await previewTierScheme(tiers, null, "estimate", WHOLE);
      expect(estimate.estimate).toEqual({ sampled: ACCOUNTS, accounts: ACCOUNTS });
      expect(exact.moving + exact.tiers.reduce((s, t) => s + t.count, 0)).toBeGreaterThan(0);
      expect(tierFigures(estimate)).toEqual(tierFigures(exact));
      expect(estimate.tiers.every((t) => t.sample.length === 0)).toBe(true);
    }
  }, 120_000);

  test("over a third of the pages is near the exact figures, scaled to all accounts, and the same every time", async () => {
    for (const s of segments) {
      const exact = await previewSegmentRule(s.rule, s.id, true);
      const estimate = await previewSegmentRule(s.rule, s.id, true, null, "estimate", THIRD);
      expect(estimate.estimate!.sampled).toBeGreaterThan(ACCOUNTS / 6);
      expect(estimate.estimate!.sampled).toBeLessThan(ACCOUNTS / 1.5);
      // Scaled: the whole table's size, not the sample's (the planner's count, within a few percent).
      expect(Math.abs(estimate.total - ACCOUNTS)).toBeLessThan(ACCOUNTS * 0.05);
      for (const key of ["matching", "entering", "leaving"] as const) {
        expect(Math.abs(segmentCounts(estimate)[key]! - segmentCounts(exact)[key]!)).toBeLessThan(ACCOUNTS * 0.08);
      }
      expect(segmentCounts(await previewSegmentRule(s.rule, s.id, true, null, "estimate", THIRD))).toEqual(segmentCounts(estimate));
    }
    const exact = await previewTierScheme(drafts[1]!);
    const estimate = await previewTierScheme(drafts[1]!, null, "estimate", THIRD);
    expect(estimate.estimate).not.toBeNull();
    estimate.tiers.forEach((t, i) => expect(Math.abs(t.count - exact.tiers[i]!.count)).toBeLessThan(ACCOUNTS * 0.08));
    expect(Math.abs(estimate.untiered - exact.untiered)).toBeLessThan(ACCOUNTS * 0.08);
    expect(Math.abs(estimate.moving - exact.moving)).toBeLessThan(ACCOUNTS * 0.08);
    expect(tierFigures(await previewTierScheme(drafts[1]!, null, "estimate", THIRD))).toEqual(tierFigures(estimate));
  }, 120_000);

  test("is not made below the size where estimates start: phase 'estimate' answers exactly", async () => {
    const s = segments[0]!;
    const exact = await previewSegmentRule(s.rule, s.id, true);
    const first = await previewSegmentRule(s.rule, s.id, true, null, "estimate");
    expect(first).toEqual(exact);
    const tierExact = await previewTierScheme(drafts[0]!);
    expect(await previewTierScheme(drafts[0]!, null, "estimate")).toEqual(tierExact);
  }, 60_000);

  // Last: it removes technologies from a third of the accounts.
  test("lint's technology coverage (technology ids) equals the share of accounts with account_technologies rows", async () => {
    await db.$executeRaw`DELETE FROM account_technologies WHERE account_id % 3 = 0`;
    const rule: RuleGroup = { kind: "group", op: "and", children: [{ kind: "condition", id: "t", field: "technologies", operator: "has_any", value: [1] }] };
    const [reference] = await db.$queryRaw<{ share: number }[]>`
      SELECT (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM account_technologies x WHERE x.account_id = a.id)))::float8 / count(*) AS share FROM accounts a`;
    expect(reference!.share).toBeGreaterThan(0.3);
    expect(reference!.share).toBeLessThan(0.9);
    expect((await fieldCoverage([rule])).technologies).toBeCloseTo(reference!.share, 10);
  });
});
