import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/table";
import type { PlayListRow } from "@/lib/data/plays/editor";
import { formatWinRate, type OutcomeFigures } from "@/lib/plays/effectiveness";
import { PLAY_KIND_LABELS } from "@/lib/plays/kinds";
import { formatMoney, formatNumber, plural } from "@/lib/utils/format";
import { PlayStatus } from "./play-status";

export type PlayWithFigures = PlayListRow & { figures: OutcomeFigures };

const dash = <span className="text-slate-400">—</span>;

function columns(canEdit: boolean, today: string): Column<PlayWithFigures>[] {
  return [
    {
      key: "play",
      header: "Play",
      rowHeader: true,
      className: "md:min-w-56",
      cell: (p) => (
        <span className="block space-y-1">
          {canEdit ? (
            <Link href={`/admin/plays/${p.id}`} className="rounded font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600">
              {p.name}
            </Link>
          ) : (
            <span className="font-medium text-slate-900">{p.name}</span>
          )}
          <span className="block text-xs text-slate-500">{PLAY_KIND_LABELS[p.kind]}</span>
          <PlayStatus play={p} today={today} />
          {/* The audience column is hidden on a phone; its size is here instead. */}
          <span className="block text-xs text-slate-600 md:hidden">Audience: {p.running ? plural(p.members, "account") : "none while not running"}</span>
        </span>
      ),
    },
    {
      key: "audience",
      header: "Audience",
      headerClassName: "hidden md:table-cell",
      className: "hidden min-w-56 max-w-sm md:table-cell",
      cell: (p) => (
        <span className="block">
          <span className="tabular font-medium text-slate-900">{p.running ? formatNumber(p.members) : dash}</span>
          <span className="text-xs text-slate-500">{p.running ? (p.members === 1 ? " account" : " accounts") : <span className="sr-only"> (not running)</span>}</span>
          <span className="mt-0.5 line-clamp-2 text-xs text-slate-600" title={p.audienceText}>
            {p.audienceText}
          </span>
        </span>
      ),
    },
    {
      key: "worked",
      header: (
        <>
          <span className="sm:hidden">Worked</span>
          <span className="hidden sm:inline">Accounts worked</span>
        </>
      ),
      align: "right",
      className: "tabular whitespace-nowrap",
      cell: (p) => formatNumber(p.figures.accountsWorked),
    },
    {
      key: "outcomes",
      header: "Outcomes",
      align: "right",
      headerClassName: "hidden sm:table-cell",
      className: "tabular hidden whitespace-nowrap sm:table-cell",
      cell: (p) => formatNumber(p.figures.totalOutcomes),
    },
    {
      key: "winRate",
      header: "Win rate",
      align: "right",
      className: "tabular whitespace-nowrap",
      cell: (p) => (p.figures.winRate === null ? <span title="Nothing closed (won, lost or not a fit) in the period">{dash}</span> : formatWinRate(p.figures.winRate)),
    },
    { key: "won", header: "Won", align: "right", className: "tabular whitespace-nowrap font-medium text-slate-900", cell: (p) => formatMoney(p.figures.wonAmount) },
  ];
}

/** Every live play: what it is, whom it reaches today, and how it did in the period. */
export function PlaysTable({ plays, canEdit, today }: { plays: PlayWithFigures[]; canEdit: boolean; today: string }) {
  return (
    <DataTable
      columns={columns(canEdit, today)}
      rows={plays}
      rowKey={(p) => p.id}
      caption="Plays with their status, audience and results in the period"
      testId="plays-table"
      frame="inset"
      valign="top"
    />
  );
}
