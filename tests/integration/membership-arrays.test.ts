/**
 * The two mirrored arrays the recompute relies on: accounts.technology_ids (kept by a trigger on
 * account_technologies) and account_segmentation.segment_ids (kept by lib/db/membership/ next to
 * account_segments). If either drifts from the rows it mirrors, rules and recomputes go wrong.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { dropStamp } from "@/lib/db/membership/input-stamp";
import { recomputeAll, recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeSegment } from "@/lib/db/membership/recompute-rule";
import { createAccount, publishSegment } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { TECH_CATEGORIES, techCategoryBit, techCategoryMask } from "@/lib/domain/tech-category-bits";
import type { TechCategory } from "@/lib/generated/prisma/enums";

const detected = { firstDetectedAt: new Date("2025-01-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.9 };
let tech: { crm: number; erp: number; cloud: number };

const categoryMask = async (id: number) =>
  (await db.$queryRaw<{ mask: number }[]>`SELECT technology_categories AS mask FROM accounts WHERE id = ${id}`)[0]?.mask;

const technologyIds = async (id: number) =>
  (await db.$queryRaw<{ ids: number[] }[]>`SELECT technology_ids AS ids FROM accounts WHERE id = ${id}`)[0]?.ids;

/** Accounts whose segment_ids differ from their account_segments rows (should be none). */
const drifted = () => db.$queryRaw<{ account_id: number }[]>`
  SELECT r.account_id FROM account_segmentation r
  LEFT JOIN (SELECT account_id, array_agg(segment_id ORDER BY segment_id) AS ids FROM account_segments GROUP BY account_id) s
    ON s.account_id = r.account_id
  WHERE COALESCE(r.segment_ids, '{}') <> COALESCE(s.ids, '{}')`;

const usesAny = (...ids: number[]) => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "technologies", operator: "has_any", value: ids }] });
const ltvAtLeast = (value: number) => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "lifetimeValue", operator: "gte", value }] });

beforeAll(async () => {
  await resetDatabase();
  const [crm, erp, cloud] = await Promise.all([
    db.technology.create({ data: { name: "Salesforce", vendor: "Salesforce", category: "CRM" } }),
    db.technology.create({ data: { name: "SAP S/4HANA", vendor: "SAP", category: "ERP" } }),
    db.technology.create({ data: { name: "AWS", vendor: "Amazon", category: "CLOUD_PLATFORM" } }),
  ]);
  tech = { crm: crm.id, erp: erp.id, cloud: cloud.id };
});

describe("accounts.technology_ids follows account_technologies", () => {
  test("inserts, updates and deletes of technology rows update the array, ascending and without duplicates", async () => {
    const id = await createAccount({ name: "Account stack" });
    expect(await technologyIds(id)).toEqual([]);

    await db.accountTechnology.createMany({
      data: [
        { accountId: id, technologyId: tech.cloud, ...detected },
        { accountId: id, technologyId: tech.crm, ...detected },
      ],
    });
    expect(await technologyIds(id)).toEqual([tech.crm, tech.cloud].sort((a, b) => a - b));

    await db.accountTechnology.update({ where: { accountId_technologyId: { accountId: id, technologyId: tech.crm } }, data: { technologyId: tech.erp } });
    expect(await technologyIds(id)).toEqual([tech.erp, tech.cloud].sort((a, b) => a - b));

    await db.accountTechnology.deleteMany({ where: { accountId: id, technologyId: tech.cloud } });
    expect(await technologyIds(id)).toEqual([tech.erp]);

    await db.accountTechnology.deleteMany({ where: { accountId: id } });
    expect(await technologyIds(id)).toEqual([]);
  });

  test("technology_categories holds the stack's categories as the same bits in SQL and TypeScript, also when a technology changes category", async () => {
    const sqlBits = await db.$queryRaw<{ category: TechCategory; bit: number }[]>`
      SELECT c AS category, tech_category_bit(c) AS bit FROM unnest(enum_range(NULL::"TechCategory")) AS c`;
    expect(sqlBits.map((r) => [r.category, r.bit])).toEqual(TECH_CATEGORIES.map((c) => [c, techCategoryBit(c)]));

    const id = await createAccount({ name: "Account categories" });
    expect(await categoryMask(id)).toBe(0);
    await db.accountTechnology.createMany({
      data: [
        { accountId: id, technologyId: tech.crm, ...detected },
        { accountId: id, technologyId: tech.cloud, ...detected },
      ],
    });
    expect(await categoryMask(id)).toBe(techCategoryMask(["CRM", "CLOUD_PLATFORM"]));
    await db.accountTechnology.deleteMany({ where: { accountId: id, technologyId: tech.crm } });
    expect(await categoryMask(id)).toBe(techCategoryMask(["CLOUD_PLATFORM"]));

    const moved = await db.technology.create({ data: { name: "Odd tool", vendor: "Odd", category: "SECURITY" } });
    await db.accountTechnology.create({ data: { accountId: id, technologyId: moved.id, ...detected } });
    expect(await categoryMask(id)).toBe(techCategoryMask(["CLOUD_PLATFORM", "SECURITY"]));
    await db.technology.update({ where: { id: moved.id }, data: { category: "DEVOPS" } });
    expect(await categoryMask(id)).toBe(techCategoryMask(["CLOUD_PLATFORM", "DEVOPS"]));
  });

  test("a technology segment picks up a newly detected technology on the next recompute", async () => {
    const id = await createAccount({ name: "Account adopter" });
    const segmentId = await publishSegment("ERP users", usesAny(tech.erp));
    await recomputeAll(db, { reason: "DATA_CHANGE" });
    expect(await db.accountSegment.count({ where: { segmentId, accountId: id } })).toBe(0);

    await db.accountTechnology.create({ data: { accountId: id, technologyId: tech.erp, ...detected } });
    await recomputeAll(db, { reason: "IMPORT", detail: "test import" }, { accountIds: [id] });
    expect(await db.accountSegment.count({ where: { segmentId, accountId: id } })).toBe(1);
    const entry = await db.membershipEvent.findFirst({ where: { accountId: id, segmentId }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ change: "ENTERED", reason: "IMPORT", ruleVersion: 1, detail: "test import" });
  });
});

describe("account_segmentation.segment_ids follows account_segments", () => {
  test("stays equal through full, scoped and single-segment recomputes, and a repeat finds nothing to do", async () => {
    const big = await createAccount({ name: "Account big", lifetimeValue: "500000.00" });
    const small = await createAccount({ name: "Account small", lifetimeValue: "1000.00" });
    const bigSegment = await publishSegment("Big spenders", ltvAtLeast(100_000));
    await publishSegment("Everyone over 10", ltvAtLeast(10));

    const first = await recomputeEverything(db, { reason: "RULE_PUBLISHED", ruleVersion: 1 });
    expect(first.segmentChanges).toBeGreaterThan(0);
    expect(await drifted()).toEqual([]);
    expect(await db.accountSegment.count({ where: { segmentId: bigSegment, accountId: { in: [big, small] } } })).toBe(1);

    await db.account.update({ where: { id: small }, data: { lifetimeValue: "200000.00" } });
    await db.account.update({ where: { id: big }, data: { lifetimeValue: "50000.00" } });
    const scoped = await recomputeAll(db, { reason: "DATA_CHANGE" }, { accountIds: [big, small] });
    expect(scoped.segmentChanges).toBe(2);
    expect(await drifted()).toEqual([]);
    const members = await db.accountSegment.findMany({ where: { segmentId: bigSegment, accountId: { in: [big, small] } } });
    expect(members.map((m) => m.accountId)).toEqual([small]);
    const left = await db.membershipEvent.findFirst({ where: { accountId: big, segmentId: bigSegment }, orderBy: { id: "desc" } });
    expect(left).toMatchObject({ change: "LEFT", reason: "DATA_CHANGE", ruleVersion: 1 });

    // Archiving goes through recomputeSegment with no rule: every member leaves, arrays included.
    await db.$transaction((tx) => recomputeSegment(tx, { id: bigSegment, rule: null }, { reason: "RULE_PUBLISHED", detail: "archived" }));
    await db.segment.update({ where: { id: bigSegment }, data: { archived: true } });
    expect(await db.accountSegment.count({ where: { segmentId: bigSegment } })).toBe(0);
    expect(await drifted()).toEqual([]);

    expect(await recomputeEverything(db, { reason: "DATA_CHANGE" })).toEqual({ tierChanges: 0, segmentChanges: 0, playChanges: 0, scoreChanges: 0 });
  });

  test("members of a segment that is not recomputed (its rule no longer parses) are kept", async () => {
    const id = await createAccount({ name: "Account kept", lifetimeValue: "900000.00" });
    const segmentId = await publishSegment("Legacy", ltvAtLeast(1));
    await recomputeEverything(db, { reason: "RULE_PUBLISHED" });
    expect(await db.accountSegment.count({ where: { segmentId, accountId: id } })).toBe(1);

    await db.segmentVersion.updateMany({ where: { segmentId }, data: { rule: { kind: "group", op: "and", children: [{ kind: "condition", id: "x", field: "noSuchField", operator: "eq", value: 1 }] } } });
    await recomputeEverything(db, { reason: "DATA_CHANGE" });
    expect(await db.accountSegment.count({ where: { segmentId, accountId: id } })).toBe(1);
    expect(await drifted()).toEqual([]);
  });
});

describe("the full recompute reads on two connections, then writes", () => {
  test("a rule published while it reads is not overwritten by what the old rule computed", async () => {
    const mid = await createAccount({ name: "Account mid", lifetimeValue: "50000.00" });
    const segmentId = await publishSegment("Over 100k", ltvAtLeast(100_000));
    await recomputeEverything(db, { reason: "RULE_PUBLISHED" });
    expect(await db.accountSegment.count({ where: { segmentId, accountId: mid } })).toBe(0);

    // The account's data changes; before the next recompute writes, an admin raises the bar. (The
    // stamp dropped: every part runs, rather than only the written account, recompute-written.test.ts.)
    await db.account.update({ where: { id: mid }, data: { lifetimeValue: "200000.00" } });
    await dropStamp(db, "full");
    let published = false;
    const stricter = ltvAtLeast(1_000_000);
    await recomputeEverything(db, { reason: "DATA_CHANGE" }, {
      onStep: async (step) => {
        if (published || !step.startsWith("read tiers and segments")) return;
        published = true;
        await db.segmentVersion.create({ data: { segmentId, version: 2, rule: stricter, note: "raise the bar" } });
        await db.segment.update({ where: { id: segmentId }, data: { publishedVersion: 2 } });
        await db.$transaction((tx) => recomputeSegment(tx, { id: segmentId, rule: stricter as never }, { reason: "RULE_PUBLISHED", ruleVersion: 2 }));
      },
    });
    expect(published).toBe(true);
    // The first pass computed "mid enters" from v1; the write saw v2 and recomputed.
    expect(await db.accountSegment.count({ where: { segmentId, accountId: mid } })).toBe(0);
    expect(await db.membershipEvent.count({ where: { segmentId, accountId: mid } })).toBe(0);
    expect(await drifted()).toEqual([]);
  });
});

