import type { TierPreview } from "@/lib/data/rules/preview";
import { formatMoney } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { shortMoney } from "./format";
import { ColorDot } from "./ui";

export interface CurrentTier {
  key: string;
  name: string;
}

const UNTIERED = "__untiered";
const UNTIERED_COLOR = "#94a3b8";

/**
 * From-tier × to-tier: rows are the tier accounts are in today (published), columns the tier
 * the draft puts them in; each cell is the accounts moving and their lifetime value.
 */
export function TransitionMatrix({ preview, currentTiers }: { preview: TierPreview; currentTiers: CurrentTier[] }) {
  const colorOf = new Map(preview.tiers.map((t) => [t.key, t.color]));
  const rowKeys = [...currentTiers.map((t) => t.key)];
  const rowNames = new Map(currentTiers.map((t) => [t.key, t.name]));
  for (const t of preview.transitions) {
    if (t.fromKey && !rowNames.has(t.fromKey)) {
      rowKeys.push(t.fromKey);
      rowNames.set(t.fromKey, t.fromName);
    }
  }
  const rows = [...rowKeys.map((key) => ({ key, name: rowNames.get(key) ?? key })), { key: UNTIERED, name: "Untiered" }];
  const cols = [...preview.tiers.map((t) => ({ key: t.key, name: t.name })), { key: UNTIERED, name: "Untiered" }];
  const cell = new Map(preview.transitions.map((t) => [`${t.fromKey ?? UNTIERED}→${t.toKey ?? UNTIERED}`, t]));
  const outOf = (row: string) => preview.transitions.filter((t) => (t.fromKey ?? UNTIERED) === row).reduce((s, t) => s + t.accounts, 0);
  const into = (col: string) => preview.transitions.filter((t) => (t.toKey ?? UNTIERED) === col).reduce((s, t) => s + t.accounts, 0);

  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full text-sm" data-testid="transition-matrix">
        <caption className="sr-only">Tier transitions: rows are each account&apos;s tier today, columns its tier after publishing; cells count the accounts that move and their lifetime value.</caption>
        <thead>
          <tr className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2">
              <span className="text-slate-500">Today ↓</span> <span className="text-slate-400">/</span> After →
            </th>
            {cols.map((c) => (
              <th key={c.key} scope="col" className="whitespace-nowrap px-3 py-2 text-right">
                <span className="inline-flex items-center gap-1.5">
                  <ColorDot color={c.key === UNTIERED ? UNTIERED_COLOR : (colorOf.get(c.key) ?? UNTIERED_COLOR)} />
                  {c.name}
                </span>
              </th>
            ))}
            <th scope="col" className="whitespace-nowrap px-3 py-2 text-right">Moving out</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-3 py-2 text-left font-medium text-slate-800">
                <span className="inline-flex items-center gap-1.5">
                  <ColorDot color={r.key === UNTIERED ? UNTIERED_COLOR : (colorOf.get(r.key) ?? UNTIERED_COLOR)} />
                  {r.name}
                </span>
              </th>
              {cols.map((c) => {
                const same = r.key === c.key;
                const t = cell.get(`${r.key}→${c.key}`);
                return (
                  <td
                    key={c.key}
                    className={cn("tabular whitespace-nowrap px-3 py-2 text-right", same ? "bg-slate-50 text-slate-400" : t ? "bg-brand-50/60" : "text-slate-300")}
                    aria-label={same ? `${r.name} stays ${c.name}` : t ? `${t.accounts} accounts from ${r.name} to ${c.name}, ${formatMoney(t.lifetimeValue)}` : `None from ${r.name} to ${c.name}`}
                    data-testid={t && !same ? "transition-cell" : undefined}
                  >
                    {same ? (
                      <span className="text-xs">stays</span>
                    ) : t ? (
                      <span className="block leading-tight">
                        <span className="block font-semibold text-slate-900">{t.accounts.toLocaleString("en-US")}</span>
                        <span className="block text-xs text-slate-600">{shortMoney(t.lifetimeValue)}</span>
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                );
              })}
              <td className="tabular px-3 py-2 text-right font-medium text-slate-700">{outOf(r.key).toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 bg-slate-50">
          <tr>
            <th scope="row" className="sticky left-0 bg-slate-50 px-3 py-2 text-left text-xs font-semibold text-slate-600">
              Moving in
            </th>
            {cols.map((c) => (
              <td key={c.key} className="tabular px-3 py-2 text-right font-medium text-slate-700">
                {into(c.key).toLocaleString("en-US")}
              </td>
            ))}
            <td className="tabular px-3 py-2 text-right font-semibold text-slate-900">{preview.moving.toLocaleString("en-US")}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
