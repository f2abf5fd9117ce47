import { ArrowRight } from "lucide-react";
import { TierBadge } from "@/components/accounts/tier-badge";
import type { ImportImpact } from "@/lib/import/impact";
import { formatNumber } from "@/lib/utils/format";
import { plural } from "@/lib/utils/format";

/** Tier moves (from → to), where new accounts land, and segment entries and exits. */
export function ImpactView({ impact, tense, created }: { impact: ImportImpact; tense: "future" | "past"; created: number }) {
  const will = (future: string, past: string) => (tense === "future" ? future : past);
  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <div className="min-w-0 space-y-3">
        <h4 className="text-sm font-semibold text-slate-900" data-testid="tier-change-headline">
          {impact.tierChanges === 0
            ? will("No existing account will change tier", "No existing account changed tier")
            : `${plural(impact.tierChanges, "account")} ${will("will change tier", "changed tier")}`}
        </h4>
        {impact.moves.length > 0 && (
          // From and to share a cell that wraps, so a move fits a phone's width beside its count.
          <table className="w-full text-sm" data-testid="tier-moves">
            <caption className="sr-only">Tier changes of existing accounts: from, to, and how many accounts</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <th scope="col" className="py-1.5 pr-3">From → to</th>
                <th scope="col" className="py-1.5 text-right">Accounts</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {impact.moves.map((move, i) => (
                <tr key={i}>
                  <td className="py-2 pr-3">
                    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <TierBadge tier={move.from} />
                      <span className="inline-flex items-center gap-2">
                        <ArrowRight className="h-3.5 w-3.5 text-slate-400" aria-hidden />
                        <span className="sr-only">{" to "}</span>
                        <TierBadge tier={move.to} />
                      </span>
                    </span>
                  </td>
                  <td className="tabular py-2 text-right align-top font-medium text-slate-900">{formatNumber(move.accounts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {created > 0 && impact.newByTier.length > 0 && (
          <div>
            <p className="text-sm text-slate-700">{will(`The ${plural(created, "new account")} will land in:`, `The ${plural(created, "new account")} landed in:`)}</p>
            <ul className="mt-1.5 flex flex-wrap gap-2" data-testid="new-by-tier">
              {impact.newByTier.map((entry, i) => (
                <li key={i} className="inline-flex items-center gap-1.5 text-sm">
                  <TierBadge tier={entry.tier} />
                  <span className="tabular font-medium text-slate-800">{formatNumber(entry.accounts)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="min-w-0 space-y-3">
        <h4 className="text-sm font-semibold text-slate-900">
          {impact.segments.length === 0 ? will("No segment will gain or lose accounts", "No segment gained or lost accounts") : "Segments"}
        </h4>
        {impact.segments.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="segment-changes">
              <caption className="sr-only">Accounts entering and leaving each segment</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <th scope="col" className="py-1.5 pr-3">Segment</th>
                  <th scope="col" className="py-1.5 pr-3 text-right">{will("Entering", "Entered")}</th>
                  <th scope="col" className="py-1.5 text-right">{will("Leaving", "Left")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {impact.segments.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                      <span className="inline-flex items-center gap-2">
                        <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: s.color }} aria-hidden="true" />
                        {s.name}
                      </span>
                    </th>
                    <td className="tabular py-2 pr-3 text-right text-emerald-700">
                      {s.entered > 0 ? `+${formatNumber(s.entered)}` : "0"}
                      {s.enteredNew > 0 && <span className="ml-1 text-xs text-slate-500">({formatNumber(s.enteredNew)} new)</span>}
                    </td>
                    <td className="tabular py-2 text-right text-red-700">{s.left > 0 ? `−${formatNumber(s.left)}` : <span className="text-slate-500">0</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
