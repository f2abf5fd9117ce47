import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { listAccounts } from "@/lib/data/accounts";
import { getMatrix, NONE_COLUMN, UNTIERED, type Matrix, type MatrixDimension } from "@/lib/data/matrix";
import { TechCategory, type HostingPreference } from "@/lib/generated/prisma/enums";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { createAccount, createUser, draftSegment, LIFETIME_VALUE_TIERS, oneConditionRule, publishSegment, publishTierScheme } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

/** The fixture, known in advance: hand counts are computed from this, not from the database. */
interface Fixture {
  owner: "repA" | "repB" | null;
  ltv: number;
  hosting: HostingPreference;
  techs: ("crmA" | "crmB" | "erp" | "analytics")[];
}
const TECHS = { crmA: "CRM", crmB: "CRM", erp: "ERP", analytics: "ANALYTICS" } as const satisfies Record<string, TechCategory>;
const HOSTING: HostingPreference[] = ["CLOUD", "ON_PREMISE", "HYBRID"];
const TECH_SETS: Fixture["techs"][] = [[], ["crmA"], ["crmA", "crmB"], ["erp"], ["crmB", "erp", "analytics"], ["analytics"]];
const OWNERS: Fixture["owner"][] = ["repA", "repB", "repA", null, "repB"];

const FIXTURES: Fixture[] = Array.from({ length: 41 }, (_, i) => ({
  owner: OWNERS[i % OWNERS.length]!,
  // Spread over the three tiers: ≥ 250k, ≥ 100k, below.
  ltv: [320_000, 260_000, 150_000, 100_000, 99_999.5, 12_345.25, 0][(i * 3) % 7]!,
  hosting: HOSTING[(i * 2) % 3]!,
  techs: TECH_SETS[i % TECH_SETS.length]!,
}));

const tierOf = (f: Fixture) => (f.ltv >= 250_000 ? "strategic" : f.ltv >= 100_000 ? "growth" : UNTIERED);
const categoriesOf = (f: Fixture) => [...new Set(f.techs.map((t) => TECHS[t]))];

let actors: Record<"repA" | "repB" | "manager" | "admin", Actor>;
let segmentIds: { crm: number; cloud: number };

/** The hand count: for each row and column, the fixture accounts the actor sees that fall in it. */
function expected(actor: "repA" | "repB" | "all", dimension: MatrixDimension) {
  const visible = FIXTURES.filter((f) => actor === "all" || f.owner === actor);
  const columnsOf = (f: Fixture): string[] => {
    if (dimension === "hosting") return [f.hosting];
    if (dimension === "category") return categoriesOf(f).length > 0 ? categoriesOf(f) : [NONE_COLUMN];
    // Every category of the enum, catalogued or not, that the account runs nothing in.
    if (dimension === "whitespace") return Object.values(TechCategory).filter((c) => !(categoriesOf(f) as string[]).includes(c));
    const segs = [...(categoriesOf(f).includes("CRM") ? [String(segmentIds.crm)] : []), ...(f.hosting === "CLOUD" ? [String(segmentIds.cloud)] : [])];
    return segs.length > 0 ? segs : [NONE_COLUMN];
  };
  const cells = new Map<string, { count: number; ltv: number }>();
  const rows = new Map<string, { count: number; ltv: number }>();
  for (const f of visible) {
    const row = rows.get(tierOf(f)) ?? { count: 0, ltv: 0 };
    rows.set(tierOf(f), { count: row.count + 1, ltv: row.ltv + f.ltv });
    for (const col of columnsOf(f)) {
      const key = `${tierOf(f)}|${col}`;
      const cell = cells.get(key) ?? { count: 0, ltv: 0 };
      cells.set(key, { count: cell.count + 1, ltv: cell.ltv + f.ltv });
    }
  }
  return { cells, rows, total: visible.length, totalLtv: visible.reduce((s, f) => s + f.ltv, 0) };
}

function actual(matrix: Matrix) {
  const cells = new Map<string, { count: number; ltv: number }>();
  for (const row of matrix.rows) {
    for (const column of matrix.columns) {
      const cell = matrix.cells[row.key]?.[column.key];
      if (cell && cell.count > 0) cells.set(`${row.key}|${column.key}`, { count: cell.count, ltv: cell.lifetimeValue });
    }
  }
  const rows = new Map(matrix.rows.filter((r) => r.total.count > 0).map((r) => [r.key, { count: r.total.count, ltv: r.total.lifetimeValue }]));
  return { cells, rows, total: matrix.total.count, totalLtv: matrix.total.lifetimeValue };
}

beforeAll(async () => {
  await resetDatabase();
  actors = {
    repA: await createUser("REP", "rep-a@test.local"),
    repB: await createUser("REP", "rep-b@test.local"),
    manager: await createUser("MANAGER", "manager@test.local"),
    admin: await createUser("ADMIN", "admin@test.local"),
  };
  const techIds: Record<string, number> = {};
  for (const [key, category] of Object.entries(TECHS)) {
    techIds[key] = (await db.technology.create({ data: { name: key, vendor: key, category } })).id;
  }
  for (const f of FIXTURES) {
    // The matrix reads the owner, the hosting and the lifetime value (the tier); techs come next.
    const accountId = await createAccount({ ownerId: f.owner ? actors[f.owner].id : null, hostingPreference: f.hosting, lifetimeValue: f.ltv.toFixed(2) });
    await db.accountTechnology.createMany({
      data: f.techs.map((t) => ({ accountId, technologyId: techIds[t]!, firstDetectedAt: new Date("2025-05-01"), lastDetectedAt: new Date("2026-01-01"), confidence: 0.7 })),
    });
  }

  await publishTierScheme(LIFETIME_VALUE_TIERS);
  segmentIds = {
    crm: await publishSegment("CRM users", oneConditionRule("c", "technologies", "in_category", ["CRM"]), { note: "v1" }),
    cloud: await publishSegment("Cloud hosted", oneConditionRule("d", "hostingPreference", "any_of", ["CLOUD"]), { note: "v1" }),
  };
  // A draft-only segment is not a column, and its stray members do not count.
  const draftId = await draftSegment("Draft only", oneConditionRule("e", "hostingPreference", "any_of", ["HYBRID"]));
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
  const anyAccount = await db.account.findFirstOrThrow({ select: { id: true } });
  await db.accountSegment.create({ data: { segmentId: draftId, accountId: anyAccount.id } });
});

afterAll(() => db.$disconnect());

const DIMENSIONS: MatrixDimension[] = ["segment", "category", "hosting", "whitespace"];

describe.each(DIMENSIONS)("matrix by %s", (dimension) => {
  test.each([
    ["admin", "all"],
    ["manager", "all"],
    ["repA", "repA"],
    ["repB", "repB"],
  ] as const)("%s: every cell, row total and the total equal the hand count", async (who, sees) => {
    const matrix = await getMatrix(actors[who], dimension);
    const want = expected(sees, dimension);
    const got = actual(matrix);
    expect(got.total).toBe(want.total);
    expect(got.totalLtv).toBeCloseTo(want.totalLtv, 2);
    expect([...got.rows.keys()].sort()).toEqual([...want.rows.keys()].sort());
    for (const [key, row] of want.rows) {
      expect(got.rows.get(key)?.count, `row ${key}`).toBe(row.count);
      expect(got.rows.get(key)?.ltv).toBeCloseTo(row.ltv, 2);
    }
    expect([...got.cells.keys()].sort()).toEqual([...want.cells.keys()].sort());
    for (const [key, cell] of want.cells) {
      expect(got.cells.get(key)?.count, `cell ${key}`).toBe(cell.count);
      expect(got.cells.get(key)?.ltv, `cell ${key}`).toBeCloseTo(cell.ltv, 2);
    }
    // Column totals add the cells of the column.
    for (const column of matrix.columns) {
      const sum = matrix.rows.reduce((s, r) => s + (matrix.cells[r.key]?.[column.key]?.count ?? 0), 0);
      expect(column.total.count).toBe(sum);
    }
  });
});

describe("matrix shape", () => {
  test("rows are the tiers in order, then Untiered; columns as published or catalogued", async () => {
    const bySegment = await getMatrix(actors.admin, "segment");
    expect(bySegment.rows.map((r) => r.key)).toEqual(["strategic", "growth", UNTIERED]);
    expect(bySegment.columns.map((c) => c.label)).toEqual(["Cloud hosted", "CRM users", "In no segment"]);
    expect(bySegment.columns.at(-1)?.filter).toBeNull();
    expect((await getMatrix(actors.admin, "hosting")).columns.map((c) => c.key)).toEqual(["CLOUD", "ON_PREMISE", "HYBRID"]);
    const byCategory = await getMatrix(actors.admin, "category");
    expect(byCategory.columns).toHaveLength(13);
    expect(byCategory.columns.at(-1)?.key).toBe(NONE_COLUMN);
    // Whitespace: one column per category, no "none" column (every account lacks or runs each).
    const byWhitespace = await getMatrix(actors.admin, "whitespace");
    expect(byWhitespace.columns.map((c) => c.key).sort()).toEqual(Object.values(TechCategory).sort());
    expect(byWhitespace.columns.every((c) => c.filter?.lacks?.length === 1)).toBe(true);
  });

  test("a rep's matrix covers only their accounts: its total is their accounts list total", async () => {
    for (const rep of [actors.repA, actors.repB]) {
      const matrix = await getMatrix(rep, "segment");
      const list = await listAccounts(rep, loadAccountQuery({}));
      expect(matrix.total.count).toBe(list.total);
      expect(matrix.total.count).toBe(FIXTURES.filter((f) => f.owner && actors[f.owner].id === rep.id).length);
    }
  });

  test.each(DIMENSIONS)("by %s: every linked cell opens an accounts list with exactly the cell's count", async (dimension) => {
    for (const who of ["repA", "admin"] as const) {
      const matrix = await getMatrix(actors[who], dimension);
      for (const row of matrix.rows) {
        for (const column of matrix.columns) {
          const cell = matrix.cells[row.key]?.[column.key];
          if (!cell?.filter) continue;
          const list = await listAccounts(actors[who], { ...loadAccountQuery({}), ...cell.filter });
          expect(list.total, `${who} ${row.key} x ${column.key}`).toBe(cell.count);
        }
        const rowList = await listAccounts(actors[who], { ...loadAccountQuery({}), ...row.filter });
        expect(rowList.total).toBe(row.total.count);
      }
    }
  });
});
