"use client";

import { DataTable, type Column } from "@/components/ui/table";
import type { CampaignOutcome } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils/cn";

/** One response as the table shows it: labels and the date formatted by the server. */
export interface CampaignResponseRow {
  id: number;
  campaign: string;
  channel: string;
  date: string;
  outcome: CampaignOutcome;
  outcomeLabel: string;
}

/** Outcomes coloured by how far the account moved: grey nothing, blue interest, green intent, red opted out. */
const OUTCOME_TONE: Record<CampaignOutcome, string> = {
  NO_RESPONSE: "bg-slate-100 text-slate-700 ring-slate-200",
  OPENED: "bg-sky-50 text-sky-800 ring-sky-200",
  CLICKED: "bg-sky-50 text-sky-800 ring-sky-200",
  REGISTERED: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  ATTENDED: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  REPLIED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  MEETING_BOOKED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  CONVERTED: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  UNSUBSCRIBED: "bg-red-50 text-red-800 ring-red-200",
};

const COLUMNS: Column<CampaignResponseRow>[] = [
  {
    key: "campaign",
    header: "Campaign",
    cell: (c) => (
      <>
        <span className="font-medium text-slate-900">{c.campaign}</span>
        {/* On phones the channel column folds into this one. */}
        <span className="block text-xs text-slate-600 sm:hidden">{c.channel}</span>
      </>
    ),
  },
  {
    key: "channel",
    header: "Channel",
    headerClassName: "hidden sm:table-cell",
    className: "hidden whitespace-nowrap sm:table-cell",
    cell: (c) => c.channel,
  },
  { key: "date", header: "Date", className: "whitespace-nowrap", cell: (c) => c.date },
  {
    key: "outcome",
    header: "Outcome",
    className: "whitespace-nowrap",
    cell: (c) => <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", OUTCOME_TONE[c.outcome])}>{c.outcomeLabel}</span>,
  },
];

/**
 * An account's campaign responses (up to 100), rendered in the browser from their data: as server
 * markup each row was ~12 elements of the page's payload.
 */
export function CampaignResponsesTable({ rows }: { rows: CampaignResponseRow[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(c) => c.id}
      frame="inset"
      density="compact"
      region="Campaign responses table"
      className="-mx-5 -my-4 max-h-96 overflow-auto"
    />
  );
}
