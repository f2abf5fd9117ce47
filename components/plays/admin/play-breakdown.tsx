import { ColorDot } from "@/components/rules/ui";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/table";
import { formatWinRate, type BreakdownRow, type PlayEffectiveness } from "@/lib/plays/effectiveness";
import { formatMoney, formatNumber, plural } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

/** A number with a thin bar under it: the table reads as a chart at a glance, and stays a table. */
function BarFigure({ text, share, color }: { text: React.ReactNode; share: number | null; color: string }) {
  return (
    <span className="block">
      <span className="block">{text}</span>
      <span aria-hidden="true" className="mt-1 ml-auto block h-1.5 w-full min-w-12 overflow-hidden rounded-full bg-slate-100">
        {share !== null && share > 0 && <span className="block h-full rounded-full" style={{ width: `${Math.max(2, share * 100)}%`, backgroundColor: color }} />}
      </span>
    </span>
  );
}

/** Less space between the figures on a phone, so label and three figures fit the card. */
const NARROW_PADDING = "px-2 sm:px-3";

function breakdownColumns(what: string, maxWon: number): Column<BreakdownRow>[] {
  return [
    {
      key: "group",
      header: what,
      rowHeader: true,
      cell: (r) => (
        <span className="flex items-start gap-2">
          {r.color ? <ColorDot color={r.color} className="mt-1" /> : <span aria-hidden="true" className="mt-1 h-2.5 w-2.5 shrink-0 rounded-full ring-1 ring-inset ring-slate-300" />}
          <span className={cn("text-slate-800", r.key === "none" && "italic text-slate-600")}>{r.label}</span>
        </span>
      ),
    },
    { key: "worked", header: "Worked", align: "right", headerClassName: NARROW_PADDING, className: cn("tabular w-12 sm:w-16", NARROW_PADDING), cell: (r) => formatNumber(r.accountsWorked) },
    {
      key: "winRate",
      header: "Win rate",
      align: "right",
      headerClassName: cn("sm:whitespace-nowrap", NARROW_PADDING),
      className: cn("tabular w-16 sm:w-24", NARROW_PADDING),
      cell: (r) => <BarFigure text={r.winRate === null ? <span className="text-slate-400">—</span> : formatWinRate(r.winRate)} share={r.winRate} color="#059669" />,
    },
    {
      key: "won",
      header: "Won",
      align: "right",
      headerClassName: NARROW_PADDING,
      className: cn("tabular w-20 whitespace-nowrap sm:w-28", NARROW_PADDING),
      cell: (r) => <BarFigure text={formatMoney(r.wonAmount)} share={maxWon > 0 ? r.wonAmount / maxWon : null} color="#4f46e5" />,
    },
  ];
}

function BreakdownTable({ what, rows, caption }: { what: string; rows: BreakdownRow[]; caption: string }) {
  const maxWon = Math.max(0, ...rows.map((r) => r.wonAmount));
  return <DataTable columns={breakdownColumns(what, maxWon)} rows={rows} rowKey={(r) => r.key} caption={caption} frame="bare" density="tight" className="overflow-x-auto" />;
}

/**
 * One play's results by the tier and by the segments its accounts had when each outcome was
 * recorded: where the play wins, and where the money comes from.
 */
export function PlayBreakdown({ name, effectiveness }: { name: string; effectiveness: PlayEffectiveness }) {
  const { figures, byTier, bySegment } = effectiveness;
  const headingId = `play-breakdown-${effectiveness.playId}`;
  return (
    <Card
      id={headingId}
      title={name}
      headingLevel={3}
      testId="play-breakdown"
      description={`${plural(figures.accountsWorked, "account")} worked · win rate ${formatWinRate(figures.winRate)} · ${formatMoney(figures.wonAmount)} won`}
      bodyClassName="grid gap-x-8 gap-y-5 lg:grid-cols-2"
    >
      {/* min-w-0: a grid item may shrink below its table's width, so the table scrolls instead of overflowing the card. */}
      <div className="min-w-0">
        <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">By tier</h4>
        <BreakdownTable what="Tier" rows={byTier} caption={`${name}: results by tier`} />
      </div>
      <div className="min-w-0">
        <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">By segment</h4>
        <BreakdownTable what="Segment" rows={bySegment} caption={`${name}: results by segment (an account in several segments counts in each)`} />
      </div>
    </Card>
  );
}
