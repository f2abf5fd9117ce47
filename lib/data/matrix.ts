import "server-only";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ENUM_LABELS, enumValues } from "@/lib/domain/enums";
import { techCategoryBit } from "@/lib/domain/tech-category-bits";
import { UNTIERED as UNTIERED_TIER } from "@/lib/domain/tiers";
import type { AccountQuery } from "@/lib/validation/account-query";
import { ACCOUNTS_FROM, visibleAccountsSql } from "./account-filters";

/**
 * What the matrix's columns are: published segments, technology categories (the accounts that
 * run one), hosting preference, or whitespace (the accounts that lack a technology category).
 */
export const MATRIX_DIMENSIONS = ["segment", "category", "hosting", "whitespace"] as const;
export type MatrixDimension = (typeof MATRIX_DIMENSIONS)[number];

export const MATRIX_DIMENSION_LABELS: Record<MatrixDimension, string> = {
  segment: "Segments",
  category: "Technology categories",
  hosting: "Hosting preference",
  whitespace: "Whitespace",
};

/** The columns in a sentence: "accounts by tier and …". */
export const MATRIX_DIMENSION_NOUNS: Record<MatrixDimension, string> = {
  segment: "segment",
  category: "technology category",
  hosting: "hosting preference",
  whitespace: "the technology categories they lack",
};

/** `?by=` from the URL; anything unknown falls back to segments. */
export function parseMatrixDimension(raw: string | string[] | undefined): MatrixDimension {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (MATRIX_DIMENSIONS as readonly string[]).includes(value ?? "") ? (value as MatrixDimension) : "segment";
}

/** The row key of accounts without a tier: Untiered's key, as the accounts list's `tier` filter spells it. */
export const UNTIERED = UNTIERED_TIER.key;
/** The column key of accounts in no column (no published segment, no catalogued technology). */
export const NONE_COLUMN = "none";

/** The accounts list filter that reproduces a row, column or cell (null: the list cannot express it). */
export type MatrixFilter = Pick<Partial<AccountQuery>, "tier" | "segment" | "category" | "hosting" | "lacks">;

export interface MatrixFigure {
  count: number;
  /** Sum of the accounts' lifetime value, USD. */
  lifetimeValue: number;
}

export interface MatrixRow {
  key: string;
  label: string;
  color: string | null;
  /** Distinct accounts in the row. */
  total: MatrixFigure;
  filter: MatrixFilter;
}

export interface MatrixColumn {
  key: string;
  label: string;
  color: string | null;
  total: MatrixFigure;
  filter: MatrixFilter | null;
}

export interface MatrixCell extends MatrixFigure {
  filter: MatrixFilter | null;
}

export interface Matrix {
  dimension: MatrixDimension;
  rows: MatrixRow[];
  columns: MatrixColumn[];
  /** cells[rowKey][columnKey]; every row x column pair is present (zeros included). */
  cells: Record<string, Record<string, MatrixCell>>;
  /** Every account the actor may see. */
  total: MatrixFigure;
  /** The largest cell count, for shading. */
  maxCount: number;
  /** The largest cell lifetime value, for shading. */
  maxLifetimeValue: number;
  /**
   * What the shading shows: account counts, or (whitespace) lifetime value, since the
   * question there is where the money is that a category has not reached.
   */
  shadeBy: "count" | "lifetimeValue";
  /** True when an account can sit in several columns (segments, categories): column totals then add up to more than the total. */
  overlapping: boolean;
  /** False when no tier scheme has been published (every account is untiered). */
  hasTiers: boolean;
}

interface CellRow {
  tier_id: number | null;
  col: string | null;
  n: number;
  ltv: number;
}

interface ColumnDef {
  key: string;
  label: string;
  color: string | null;
  filter: MatrixFilter | null;
}

const ZERO: MatrixFigure = { count: 0, lifetimeValue: 0 };

/**
 * Tiers (in order, then Untiered) x the chosen dimension over the accounts the actor may see:
 * account count and lifetime value per cell, with row and column totals. Set-based: a GROUP BY
 * or two in SQL whatever the number of accounts, all run at once; only small results reach here.
 */
export async function getMatrix(actor: Actor, dimension: MatrixDimension): Promise<Matrix> {
  const columns = columnsFor(dimension);
  const [tiers, columnDefs, counts] = await Promise.all([
    db.tier.findMany({ orderBy: [{ archived: "asc" }, { position: "asc" }], select: { id: true, key: true, name: true, color: true, archived: true } }),
    columns,
    countsFor(dimension, visibleAccountsSql(actor), columns),
  ]);
  const { cells: cellRows, rows: rowTotals } = counts;

  const rowTotalById = new Map(rowTotals.map((r) => [r.tier_id, { count: r.n, lifetimeValue: r.ltv }]));
  // Archived tiers only appear while accounts still carry them (until the next recompute).
  const rows: (MatrixRow & { tierId: number | null })[] = tiers
    .filter((t) => !t.archived || rowTotalById.has(t.id))
    .map((t) => ({
      tierId: t.id,
      key: t.key,
      label: t.name,
      color: t.color,
      total: rowTotalById.get(t.id) ?? ZERO,
      filter: { tier: [t.key] },
    }));
  rows.push({ tierId: null, key: UNTIERED, label: UNTIERED_TIER.label, color: null, total: rowTotalById.get(null) ?? ZERO, filter: { tier: [UNTIERED] } });

  // "None" columns only earn their place when some account falls in them.
  const usedNone = cellRows.some((r) => r.col === null && r.n > 0);
  const defs = columnDefs.filter((c) => c.key !== NONE_COLUMN || usedNone);
  const rowKeyById = new Map(rows.map((r) => [r.tierId, r.key]));

  const cells: Matrix["cells"] = {};
  for (const row of rows) {
    cells[row.key] = Object.fromEntries(
      defs.map((c) => [c.key, { ...ZERO, filter: c.filter ? { ...row.filter, ...c.filter } : null }]),
    );
  }
  const columnTotals = new Map(defs.map((c) => [c.key, { ...ZERO }]));
  let maxCount = 0;
  let maxLifetimeValue = 0;
  for (const r of cellRows) {
    const rowKey = rowKeyById.get(r.tier_id);
    const colKey = r.col ?? NONE_COLUMN;
    const cell = rowKey === undefined ? undefined : cells[rowKey]?.[colKey];
    const total = columnTotals.get(colKey);
    if (!cell || !total) continue;
    cell.count += r.n;
    cell.lifetimeValue += r.ltv;
    total.count += r.n;
    total.lifetimeValue += r.ltv;
    maxCount = Math.max(maxCount, cell.count);
    maxLifetimeValue = Math.max(maxLifetimeValue, cell.lifetimeValue);
  }

  const total = rows.reduce((sum, r) => ({ count: sum.count + r.total.count, lifetimeValue: sum.lifetimeValue + r.total.lifetimeValue }), { ...ZERO });
  return {
    dimension,
    rows: rows.map((r) => ({ key: r.key, label: r.label, color: r.color, total: r.total, filter: r.filter })),
    columns: defs.map((c) => ({ ...c, total: columnTotals.get(c.key) ?? ZERO })),
    cells,
    total,
    maxCount,
    maxLifetimeValue,
    shadeBy: dimension === "whitespace" ? "lifetimeValue" : "count",
    overlapping: dimension !== "hosting",
    hasTiers: tiers.some((t) => !t.archived),
  };
}

async function columnsFor(dimension: MatrixDimension): Promise<ColumnDef[]> {
  switch (dimension) {
    case "segment": {
      const segments = await db.segment.findMany({
        where: { archived: false, publishedVersion: { not: null } },
        select: { id: true, name: true, color: true },
      });
      // Human order ("Cloud" before "CRM"), as on the segments page; the database collation may be bytewise.
      segments.sort((a, b) => a.name.localeCompare(b.name));
      return [
        ...segments.map((s) => ({ key: String(s.id), label: s.name, color: s.color, filter: { segment: [s.id] } })),
        // The accounts list has no "in no segment" filter.
        { key: NONE_COLUMN, label: "In no segment", color: null, filter: null },
      ];
    }
    case "category":
      return [
        ...enumValues("techCategory").map((c) => ({ key: c, label: ENUM_LABELS.techCategory[c], color: null, filter: { category: [c] } })),
        { key: NONE_COLUMN, label: "No technology", color: null, filter: null },
      ];
    case "hosting":
      return enumValues("hostingPreference").map((h) => ({ key: h, label: ENUM_LABELS.hostingPreference[h], color: null, filter: { hosting: [h] } }));
    // Every account either runs a category or lacks it, so there is no "none" column.
    case "whitespace":
      return enumValues("techCategory").map((c) => ({ key: c, label: ENUM_LABELS.techCategory[c], color: null, filter: { lacks: [c] } }));
  }
}

interface Counts {
  /** Accounts per (tier, column); col is null for accounts in no column. */
  cells: CellRow[];
  /** Distinct accounts per tier. */
  rows: Omit<CellRow, "col">[];
}

/** `columns`: the dimension's columns (columnsFor), read beside the counts. */
async function countsFor(dimension: MatrixDimension, visible: Prisma.Sql, columns: Promise<ColumnDef[]>): Promise<Counts> {
  switch (dimension) {
    case "segment":
      return segmentCounts(visible, columns);
    case "category":
      return categoryCounts(visible, "runs");
    case "whitespace":
      return categoryCounts(visible, "lacks");
    case "hosting": {
      // One hosting preference per account: the cells partition each row.
      const cells = await db.$queryRaw<CellRow[]>`
        SELECT r.tier_id, a.hosting_preference::text AS col, count(*)::int AS n, COALESCE(sum(a.lifetime_value), 0)::float8 AS ltv
        FROM ${ACCOUNTS_FROM} WHERE ${visible}
        GROUP BY r.tier_id, a.hosting_preference`;
      return { cells, rows: sumByTier(cells) };
    }
  }
}

/**
 * Segments, from one pass over the accounts: accounts per (tier, set of segments), the set being
 * account_segmentation.segment_ids (the same set as the account's account_segments rows), a few
 * hundred rows unfolded here into cells (one per segment of the set that is a column: the
 * published ones, or "In no segment") and row totals (each account is in one group, so these are distinct accounts).
 * Joining account_segments and counting the rows apart read every account twice: 2.9-3.2 s at
 * 1,000,000 accounts against ~1.2 s (docs/benchmarks.md, session 20).
 */
async function segmentCounts(visible: Prisma.Sql, columns: Promise<ColumnDef[]>): Promise<Counts> {
  const [defs, groups] = await Promise.all([
    columns,
    db.$queryRaw<{ tier_id: number | null; segs: number[]; n: number; ltv: number }[]>`
      SELECT r.tier_id, r.segment_ids AS segs, count(*)::int AS n, COALESCE(sum(a.lifetime_value), 0)::float8 AS ltv
      FROM ${ACCOUNTS_FROM} WHERE ${visible}
      GROUP BY r.tier_id, r.segment_ids`,
  ]);
  const shown = new Set(defs.map((c) => c.key).filter((key) => key !== NONE_COLUMN));
  const cells: CellRow[] = [];
  for (const g of groups) {
    const keys = (g.segs ?? []).map(String).filter((key) => shown.has(key));
    if (keys.length === 0) cells.push({ tier_id: g.tier_id, col: null, n: g.n, ltv: g.ltv });
    for (const key of keys) cells.push({ tier_id: g.tier_id, col: key, n: g.n, ltv: g.ltv });
  }
  return { cells, rows: sumByTier(groups) };
}

/**
 * Technology categories, from one pass over the accounts: accounts per (tier, categories), the
 * categories being accounts.technology_categories (bit i = the i-th category: the bits the
 * account_technologies trigger keeps, lib/domain/tech-category-bits.ts), a few hundred rows that
 * are unfolded here into cells and row totals. `runs`: an account counts in each category it has
 * a bit for (none: the "No technology" column); `lacks`: in each it has no bit for (whitespace),
 * which is what the accounts list's `lacks` filter selects. Reading every detection instead
 * took 3.9-4.5 s at 1,000,000 accounts (docs/benchmarks.md, session 20).
 */
async function categoryCounts(visible: Prisma.Sql, counted: "runs" | "lacks"): Promise<Counts> {
  const masks = await db.$queryRaw<{ tier_id: number | null; mask: number; n: number; ltv: number }[]>`
    SELECT r.tier_id, a.technology_categories AS mask, count(*)::int AS n, COALESCE(sum(a.lifetime_value), 0)::float8 AS ltv
    FROM ${ACCOUNTS_FROM} WHERE ${visible}
    GROUP BY r.tier_id, a.technology_categories`;

  const cells: CellRow[] = [];
  for (const m of masks) {
    if (counted === "runs" && m.mask === 0) cells.push({ tier_id: m.tier_id, col: null, n: m.n, ltv: m.ltv });
    for (const category of enumValues("techCategory")) {
      const runs = (m.mask & techCategoryBit(category)) !== 0;
      if (runs === (counted === "runs")) cells.push({ tier_id: m.tier_id, col: category, n: m.n, ltv: m.ltv });
    }
  }
  // Each account is in exactly one (tier, mask) group, so these add up to distinct accounts.
  return { cells, rows: sumByTier(masks) };
}

function sumByTier(rows: readonly { tier_id: number | null; n: number; ltv: number }[]): Omit<CellRow, "col">[] {
  const byTier = new Map<number | null, { tier_id: number | null; n: number; ltv: number }>();
  for (const r of rows) {
    const sum = byTier.get(r.tier_id) ?? { tier_id: r.tier_id, n: 0, ltv: 0 };
    sum.n += r.n;
    sum.ltv += r.ltv;
    byTier.set(r.tier_id, sum);
  }
  return [...byTier.values()];
}
