"use client";

import { TierBadge } from "@/components/accounts/tier-badge";
import type { Matrix, MatrixFigure, MatrixFilter } from "@/lib/data/matrix";
import { UNTIERED } from "@/lib/domain/tiers";
import { formatMoneyCompact, formatNumber, plural } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { accountsHref } from "./accounts-href";

/**
 * Heat by count (or lifetime value, as the matrix says), in the brand colour. The square root
 * keeps small cells visible next to one very large one; the cap keeps dark text readable
 * (WCAG AA) on the deepest shade.
 */
function heat(value: number, max: number): string | undefined {
  if (value <= 0 || max <= 0) return undefined;
  const alpha = 0.06 + 0.44 * Math.sqrt(value / max);
  return `rgba(79, 70, 229, ${alpha.toFixed(3)})`;
}

function Figure({ figure, shaded = false, strong = false }: { figure: MatrixFigure; shaded?: boolean; strong?: boolean }) {
  if (figure.count === 0) {
    return (
      <>
        <span className="block text-sm tabular text-slate-500">0</span>
        <span className="block text-xs text-slate-400" aria-hidden="true">
          —
        </span>
      </>
    );
  }
  return (
    <>
      <span className={cn("block text-sm tabular text-slate-900", strong ? "font-semibold" : "font-medium")}>{formatNumber(figure.count)}</span>
      <span className={cn("block text-xs tabular", shaded ? "text-slate-800" : "text-slate-600")}>{formatMoneyCompact(figure.lifetimeValue)}</span>
    </>
  );
}

/** A figure that opens the matching accounts, or plain text when the list cannot express the filter or it is empty. */
function FigureLink({
  figure,
  filter,
  label,
  shaded,
  strong,
  testId,
}: {
  figure: MatrixFigure;
  filter: MatrixFilter | null;
  label: string;
  shaded?: boolean;
  strong?: boolean;
  testId: string;
}) {
  const body = <Figure figure={figure} shaded={shaded} strong={strong} />;
  const data = { "data-testid": testId, "data-count": figure.count };
  // The visible figures come first and the rest is visually hidden, so the link's name starts
  // with what a sighted user reads (WCAG 2.5.3, label in name): "1,234 $5.6M, Tier 1 × ERP: …".
  const suffix = (
    <span className="sr-only">
      , {label}: {plural(figure.count, "account")}, {formatMoneyCompact(figure.lifetimeValue)} lifetime value{filter && figure.count > 0 ? ". Open these accounts" : ""}
    </span>
  );
  if (!filter || figure.count === 0) {
    return (
      <span className="block px-3 py-2" {...data}>
        {body}
        {suffix}
      </span>
    );
  }
  // A plain anchor (up to ~60 cells): the app shell's SoftNavigation navigates client-side.
  return (
    <a
      href={accountsHref(filter)}
      className={cn(
        "block px-3 py-2 outline-offset-[-2px] transition focus-visible:outline-2 focus-visible:outline-brand-600",
        shaded ? "hover:bg-white/30" : "hover:bg-brand-50/80",
      )}
      {...data}
    >
      {body}
      {suffix}
    </a>
  );
}

/**
 * Tiers x the chosen dimension: count and lifetime value per cell, shaded by count, with totals.
 * A client component: the matrix goes to the browser as data and renders there, instead of a
 * few hundred server-rendered elements whose class strings repeat in every cell. `noun` names the
 * columns ("segment", MATRIX_DIMENSION_NOUNS: lib/data/matrix.ts is server-only).
 */
export function MatrixTable({ matrix, noun }: { matrix: Matrix; noun: string }) {
  const { rows, columns, cells } = matrix;
  // Twelve technology categories must fit a laptop screen; a few columns can breathe.
  const columnWidth = columns.length > 8 ? "min-w-[5.25rem]" : "min-w-[7.5rem]";
  return (
    // relative: the cells' visually hidden labels (absolutely positioned) scroll with the table
    // instead of widening the page on a phone.
    <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full border-separate border-spacing-0 text-sm" data-testid="matrix">
        <caption className="sr-only">
          Accounts by tier (rows) and {noun} (columns): account count and total lifetime value per cell
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 z-10 border-b border-slate-200 bg-slate-50 px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              Tier
            </th>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn(columnWidth, "border-b border-slate-200 bg-slate-50 px-3 py-3 text-left align-bottom text-xs font-semibold text-slate-700")}
              >
                <span className="flex items-start gap-1.5">
                  {column.color && <span aria-hidden="true" className="mt-1 h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: column.color }} />}
                  <span className={cn(column.filter === null && "italic text-slate-500")}>{column.label}</span>
                </span>
              </th>
            ))}
            <th scope="col" className="min-w-[6rem] border-b border-l border-slate-200 bg-slate-100 px-3 py-3 text-left align-bottom text-xs font-semibold uppercase tracking-wide text-slate-700">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="sticky left-0 z-10 border-b border-slate-100 bg-white px-4 py-2 text-left font-normal">
                <TierBadge tier={row.key === UNTIERED.key ? null : { name: row.label, color: row.color ?? "#64748b" }} />
              </th>
              {columns.map((column) => {
                const cell = cells[row.key]?.[column.key] ?? { count: 0, lifetimeValue: 0, filter: null };
                const shade = matrix.shadeBy === "count" ? heat(cell.count, matrix.maxCount) : heat(cell.lifetimeValue, matrix.maxLifetimeValue);
                return (
                  <td
                    key={column.key}
                    className="border-b border-l border-white p-0 align-top"
                    style={shade ? { backgroundColor: shade } : undefined}
                    data-row={row.key}
                    data-col={column.key}
                  >
                    <FigureLink
                      figure={cell}
                      filter={cell.filter}
                      label={matrix.dimension === "whitespace" ? `${row.label} without ${column.label}` : `${row.label} × ${column.label}`}
                      shaded={shade !== undefined}
                      testId="matrix-cell"
                    />
                  </td>
                );
              })}
              <td className="border-b border-l border-slate-200 bg-slate-50 p-0 align-top">
                <FigureLink figure={row.total} filter={row.filter} label={`${row.label}, all`} strong testId="matrix-row-total" />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="sticky left-0 z-10 bg-slate-100 px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              Total
            </th>
            {columns.map((column) => (
              <td key={column.key} className="border-l border-slate-200 bg-slate-100 p-0 align-top">
                <FigureLink figure={column.total} filter={column.filter} label={`${matrix.dimension === "whitespace" ? `Without ${column.label}` : column.label}, all tiers`} strong testId="matrix-column-total" />
              </td>
            ))}
            <td className="border-l border-slate-200 bg-slate-200/70 p-0 align-top">
              <FigureLink figure={matrix.total} filter={{}} label="All accounts" strong testId="matrix-total" />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
