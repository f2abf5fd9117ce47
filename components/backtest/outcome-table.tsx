import type { GroupOutcome } from "@/lib/backtest/summary";
import { formatLift } from "@/lib/backtest/summary";
import { formatMoney, formatNumber } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;

/** One scheme's (or a segment's) groups and what they bought in the horizon. */
export function OutcomeTable({ caption, groups, testId }: { caption: string; groups: readonly GroupOutcome[]; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="w-full min-w-[640px] text-sm" data-testid={testId}>
        <caption className="bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Group</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Accounts</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Share</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Revenue</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Per account</th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title="Accounts with an order in the horizon">Ordered</th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title="Customers before the as-of day with no order in the horizon">Went silent</th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title="Revenue per account against the average account">Lift</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {groups.map((g) => (
            <tr key={g.key} data-group={g.key}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                <span className="flex items-center gap-2">
                  <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: g.color }} />
                  {g.name}
                </span>
              </th>
              <td className="tabular px-3 py-2 text-right">{formatNumber(g.accounts)}</td>
              <td className="tabular px-3 py-2 text-right text-slate-600">{percent(g.share)}</td>
              <td className="tabular px-3 py-2 text-right" data-testid="revenue">{formatMoney(g.revenue)}</td>
              <td className="tabular px-3 py-2 text-right">{formatMoney(g.revenuePerAccount)}</td>
              <td className="tabular px-3 py-2 text-right text-slate-600">{g.accounts ? percent(g.orderedShare) : "—"}</td>
              <td className="tabular px-3 py-2 text-right text-slate-600">{g.accounts ? percent(g.silentShare) : "—"}</td>
              <td className={cn("tabular px-3 py-2 text-right font-semibold", g.lift !== null && g.lift >= 1 ? "text-emerald-700" : "text-slate-700")}>
                {formatLift(g.lift)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
