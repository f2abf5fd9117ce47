import type { TierPreview } from "@/lib/data/rules/preview";
import { UNTIERED } from "@/lib/domain/tiers";
import { formatMoney } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { shortMoney } from "./format";
import { ColorDot } from "./ui";

export interface CurrentTier {
  key: string;
  name: string;
}

/** A row or column: a tier by its key, or Untiered (key null, as in the transitions). */
interface Line {
  key: string | null;
  name: string;
}

// Map and React keys: Untiered is "", which no tier key can be (tier keys are 1-40 characters).
const id = (key: string | null) => key ?? "";

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
  const untiered: Line = { key: null, name: UNTIERED.label };
  const rows: Line[] = [...rowKeys.map((key) => ({ key, name: rowNames.get(key) ?? key })), untiered];
  const cols: Line[] = [...preview.tiers.map((t) => ({ key: t.key, name: t.name })), untiered];
  const cell = new Map(preview.transitions.map((t) => [`${id(t.fromKey)}→${id(t.toKey)}`, t]));
  const outOf = (row: Line) => preview.transitions.filter((t) => t.fromKey === row.key).reduce((s, t) => s + t.accounts, 0);
  const into = (col: Line) => preview.transitions.filter((t) => t.toKey === col.key).reduce((s, t) => s + t.accounts, 0);
  const colorOfLine = (line: Line) => (line.key === null ? undefined : colorOf.get(line.key)) ?? UNTIERED.color;

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
              <th key={id(c.key)} scope="col" className="whitespace-nowrap px-3 py-2 text-right">
                <span className="inline-flex items-center gap-1.5">
                  <ColorDot color={colorOfLine(c)} />
                  {c.name}
                </span>
              </th>
            ))}
            <th scope="col" className="whitespace-nowrap px-3 py-2 text-right">Moving out</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={id(r.key)}>
              <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-3 py-2 text-left font-medium text-slate-800">
                <span className="inline-flex items-center gap-1.5">
                  <ColorDot color={colorOfLine(r)} />
                  {r.name}
                </span>
              </th>
              {cols.map((c) => {
                const same = r.key === c.key;
                const t = cell.get(`${id(r.key)}→${id(c.key)}`);
                return (
                  <td
                    key={id(c.key)}
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
              <td className="tabular px-3 py-2 text-right font-medium text-slate-700">{outOf(r).toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 bg-slate-50">
          <tr>
            <th scope="row" className="sticky left-0 bg-slate-50 px-3 py-2 text-left text-xs font-semibold text-slate-600">
              Moving in
            </th>
            {cols.map((c) => (
              <td key={id(c.key)} className="tabular px-3 py-2 text-right font-medium text-slate-700">
                {into(c).toLocaleString("en-US")}
              </td>
            ))}
            <td className="tabular px-3 py-2 text-right font-semibold text-slate-900">{preview.moving.toLocaleString("en-US")}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
