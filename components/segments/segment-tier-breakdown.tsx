import { TierBadge } from "@/components/accounts/tier-badge";
import { accountsHref } from "@/components/matrix/accounts-href";
import type { Matrix } from "@/lib/data/matrix";
import { UNTIERED } from "@/lib/domain/tiers";
import { formatMoneyCompact, formatNumber } from "@/lib/utils/format";

/** A segment's members by tier: its column of the tier x segment matrix. */
export function SegmentTierBreakdown({ matrix, segmentId }: { matrix: Matrix; segmentId: number }) {
  const column = String(segmentId);
  const parts = matrix.rows.map((row) => ({ row, cell: matrix.cells[row.key]?.[column] ?? { count: 0, lifetimeValue: 0, filter: null } }));
  const total = parts.reduce((sum, p) => sum + p.cell.count, 0);
  const ltv = parts.reduce((sum, p) => sum + p.cell.lifetimeValue, 0);

  return (
    <section aria-labelledby="by-tier" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="by-tier" className="text-base font-semibold text-slate-900">
          Members by tier
        </h2>
        <p className="text-sm text-slate-600">
          {formatMoneyCompact(ltv)} lifetime value in total
        </p>
      </div>
      {total === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No members yet.</p>
      ) : (
        <>
          <div className="mt-4 flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
            {parts
              .filter((p) => p.cell.count > 0)
              .map((p) => (
                <span
                  key={p.row.key}
                  className="h-full border-r border-white last:border-r-0"
                  style={{ width: `${(100 * p.cell.count) / total}%`, backgroundColor: p.row.color ?? UNTIERED.color }}
                />
              ))}
          </div>
          <ul className="mt-4 divide-y divide-slate-100">
            {parts.map(({ row, cell }) => (
              <li key={row.key} className="flex items-center justify-between gap-3 py-2 text-sm">
                <TierBadge tier={row.key === UNTIERED.key ? null : { name: row.label, color: row.color ?? "#64748b" }} />
                <span className="flex items-baseline gap-3 tabular">
                  <span className="text-xs text-slate-500">{formatMoneyCompact(cell.lifetimeValue)}</span>
                  {cell.count > 0 && cell.filter ? (
                    <a href={accountsHref(cell.filter)} className="font-semibold text-brand-700 hover:underline" aria-label={`${row.label}: ${formatNumber(cell.count)} members`}>
                      {formatNumber(cell.count)}
                    </a>
                  ) : (
                    <span className="font-semibold text-slate-400">0</span>
                  )}
                  <span className="w-10 text-right text-xs text-slate-500">{Math.round((100 * cell.count) / total)}%</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
