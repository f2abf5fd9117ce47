import { formatWinRate, type OutcomeFigures } from "@/lib/plays/effectiveness";
import { formatMoney, formatNumber, plural } from "@/lib/utils/format";

/** Every play together over the period: four figures, each with what it is taken over. */
export function EffectivenessSummary({ totals }: { totals: OutcomeFigures }) {
  const tiles = [
    { label: "Accounts worked", value: formatNumber(totals.accountsWorked), note: "with at least one outcome" },
    { label: "Outcomes", value: formatNumber(totals.totalOutcomes), note: `${formatNumber(totals.outcomes.MEETING_BOOKED)} meetings booked` },
    {
      label: "Win rate",
      value: formatWinRate(totals.winRate),
      note: totals.closed === 0 ? "nothing closed yet" : `${formatNumber(totals.outcomes.WON)} won of ${plural(totals.closed, "closed outcome")}`,
    },
    { label: "Won", value: formatMoney(totals.wonAmount), note: plural(totals.outcomes.WON, "deal") },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="effectiveness-summary">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-600">{tile.label}</dt>
          <dd className="tabular mt-0.5 text-xl font-semibold text-slate-900 sm:text-2xl">{tile.value}</dd>
          <dd className="text-xs text-slate-500">{tile.note}</dd>
        </div>
      ))}
    </dl>
  );
}
