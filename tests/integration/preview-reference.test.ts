/**
 * The live previews' set-based passes (lib/data/rules/preview.ts, tier-preview.ts: one counting
 * pass, bit masks, FILTER aggregates, samples chosen by the counts) against a straightforward
 * reference on the same data: every account's rule matches read one row per account and folded
 * here. Rule compilation itself is the property test's concern (segmentation-property).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadPublishedScheme, loadPublishedSegments } from "@/lib/db/membership/published-rules";
import { previewSegmentRule } from "@/lib/data/rules/preview";
import { previewTierScheme } from "@/lib/data/rules/tier-preview";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";
import { compileRule } from "@/lib/segmentation/sql";
import type { RuleGroup } from "@/lib/segmentation/schema";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import { resetDatabase } from "../support/reset-db";

let pool: pg.Pool;
/** The highest lifetime value: a rule for at least it matches one account (or a few ties), a set sparse enough for the scan path of the samples. */
let maxLtv: number;

interface AccountRow {
  id: number;
  ltv: number;
  owner_id: string | null;
  tier_key: string | null;
  member: boolean;
  hits: boolean[];
}

/** One row per account: its value, owner, current tier, membership of `segmentId`, and which of `rules` it matches. */
async function accountRows(rules: readonly RuleGroup[], segmentId = 0): Promise<AccountRow[]> {
  const asOf = new Date();
  const hits = rules.length ? Prisma.sql`ARRAY[${Prisma.join(rules.map((r) => compileRule(r, asOf)))}]::boolean[]` : Prisma.sql`ARRAY[]::boolean[]`;
  return db.$queryRaw<AccountRow[]>`
    SELECT a.id, a.lifetime_value::float8 AS ltv, a.owner_id, t.key AS tier_key,
      EXISTS (SELECT 1 FROM account_segments s WHERE s.segment_id = ${segmentId}::int AND s.account_id = a.id) AS member, ${hits} AS hits
    FROM accounts a JOIN account_segmentation r ON r.account_id = a.id LEFT JOIN tiers t ON t.id = r.tier_id`;
}

const top = (rows: readonly AccountRow[], n: number) =>
  [...rows].sort((x, y) => y.ltv - x.ltv || x.id - y.id).slice(0, n).map((r) => r.id);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await resetDatabase();
  await seedDatabase(pool, { accounts: 2500, seed: "preview-reference", asOf: new Date("2026-01-15T00:00:00Z") });
  const admin = await db.user.findFirst({ where: { role: "ADMIN" } });
  await publishDemoRules(db, { publishedById: admin?.id ?? null });
  maxLtv = (await db.$queryRaw<{ m: number }[]>`SELECT max(lifetime_value)::float8 AS m FROM accounts`)[0]!.m;
}, 120_000);
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

describe("previews equal a per-account reference", () => {
  test("tier scheme preview: counts, value, overlap, untiered, transitions with their reps, samples", async () => {
    const published = (await loadPublishedScheme(db))!;
    const ltvAtLeast = (amount: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "lifetimeValue", operator: "gte", value: amount }] });
    const drafts: TierDefinition[][] = [
      published.tiers,
      // Stricter first tier: accounts move down.
      published.tiers.map((t, i) => (i === 0 ? { ...t, rule: ltvAtLeast(600_000) } : t)),
      // Overlapping rules in a new order with a rare last tier: caught-earlier counts, a sparse sample.
      [
        { ...published.tiers[1]!, rule: ltvAtLeast(50_000) },
        { ...published.tiers[0]!, rule: ltvAtLeast(200_000) },
        { key: "rare", name: "Rare", color: "#000000", rule: ltvAtLeast(maxLtv) },
      ],
      [],
    ];
    const userNames = new Map((await db.user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    const tierNames = new Map((await db.tier.findMany()).map((t) => [t.key, t.name]));
    for (const tiers of drafts) {
      const preview = await previewTierScheme(tiers);
      const rows = await accountRows(tiers.map((t) => t.rule));
      if (tiers.some((t) => t.key === "rare")) expect(rows.filter((r) => r.hits[2]).length).toBeGreaterThan(0);
      const position = (r: AccountRow) => r.hits.findIndex(Boolean);
      expect(preview.total).toBe(rows.length);
      expect(preview.untiered).toBe(rows.filter((r) => position(r) === -1).length);
      expect(preview.tiers.map((t) => ({ key: t.key, count: t.count, ownMatches: t.ownMatches, caughtEarlier: t.caughtEarlier, sample: t.sample.map((s) => s.id) }))).toEqual(
        tiers.map((t, i) => ({
          key: t.key,
          count: rows.filter((r) => position(r) === i).length,
          ownMatches: rows.filter((r) => r.hits[i]).length,
          caughtEarlier: rows.filter((r) => r.hits[i] && r.hits.slice(0, i).some(Boolean)).length,
          sample: top(rows.filter((r) => position(r) === i), 5),
        })),
      );
      preview.tiers.forEach((t, i) => expect(t.lifetimeValue).toBeCloseTo(rows.filter((r) => position(r) === i).reduce((s, r) => s + r.ltv, 0), 2));
      // Transitions: current tier key -> draft tier key where they differ.
      const expected = new Map<string, { accounts: number; ltv: number; reps: Set<string> }>();
      for (const r of rows) {
        const to = tiers[position(r)]?.key ?? null;
        if (r.tier_key === to) continue;
        const id = `${r.tier_key}->${to}`;
        const cell = expected.get(id) ?? { accounts: 0, ltv: 0, reps: new Set<string>() };
        cell.accounts++;
        cell.ltv += r.ltv;
        if (r.owner_id) cell.reps.add(r.owner_id);
        expected.set(id, cell);
      }
      const actual = new Map(preview.transitions.map((t) => [`${t.fromKey}->${t.toKey}`, t]));
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, cell] of expected) {
        const t = actual.get(id)!;
        expect(t.accounts).toBe(cell.accounts);
        expect(t.lifetimeValue).toBeCloseTo(cell.ltv, 2);
        expect(t.reps.map((r) => r.id).sort()).toEqual([...cell.reps].sort());
        expect(t.reps.map((r) => r.name)).toEqual([...cell.reps].map((id) => userNames.get(id)).sort((a, b) => a!.localeCompare(b!)));
        expect(t.fromName).toBe(t.fromKey ? tierNames.get(t.fromKey) : "Untiered");
      }
      expect(preview.moving).toBe([...expected.values()].reduce((s, c) => s + c.accounts, 0));
      expect(preview.repsAffected).toBe(new Set([...expected.values()].flatMap((c) => [...c.reps])).size);
    }
  }, 120_000);

  test("segment preview: matching, entering, leaving and their samples", async () => {
    const segments = await loadPublishedSegments(db);
    expect(segments.length).toBeGreaterThan(2);
    const rareRule: RuleGroup = { kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "lifetimeValue", operator: "gte", value: maxLtv }] };
    const cases = [
      ...segments.map((s) => ({ id: s.id, rule: s.rule, published: true })),
      // Another segment's rule against this one's members: many enter and leave.
      { id: segments[0]!.id, rule: segments[1]!.rule, published: true },
      { id: segments[2]!.id, rule: rareRule, published: true },
      { id: null, rule: segments[0]!.rule, published: false },
    ];
    for (const c of cases) {
      const preview = await previewSegmentRule(c.rule, c.id, c.published);
      const rows = await accountRows([c.rule], c.id ?? 0);
      const hit = rows.filter((r) => r.hits[0]);
      const entering = rows.filter((r) => r.hits[0] && !r.member);
      const leaving = rows.filter((r) => r.member && !r.hits[0]);
      expect({
        total: preview.total,
        matching: preview.matching,
        sample: preview.sample.map((s) => s.id),
        diff: preview.diff && { ...preview.diff, enteringSample: preview.diff.enteringSample.map((s) => s.id), leavingSample: preview.diff.leavingSample.map((s) => s.id) },
      }).toEqual({
        total: rows.length,
        matching: hit.length,
        sample: top(hit, 8),
        diff: c.published ? { entering: entering.length, leaving: leaving.length, enteringSample: top(entering, 5), leavingSample: top(leaving, 5) } : null,
      });
    }
  }, 120_000);
});
