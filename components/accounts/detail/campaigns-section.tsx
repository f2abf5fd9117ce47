import { Megaphone } from "lucide-react";
import { DataTable, type Column } from "@/components/ui/table";
import type { AccountCampaignResponse } from "@/lib/data/account-detail";
import type { CampaignOutcome } from "@/lib/generated/prisma/enums";
import { enumLabel } from "@/lib/domain/enums";
import { formatDate } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { EmptyState, SectionCard } from "./section-card";

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

const COLUMNS: Column<AccountCampaignResponse>[] = [
  {
    key: "campaign",
    header: "Campaign",
    cell: (c) => (
      <>
        <span className="font-medium text-slate-900">{c.campaign}</span>
        {/* On phones the channel column folds into this one. */}
        <span className="block text-xs text-slate-600 sm:hidden">{enumLabel("campaignChannel", c.channel)}</span>
      </>
    ),
  },
  {
    key: "channel",
    header: "Channel",
    headerClassName: "hidden sm:table-cell",
    className: "hidden whitespace-nowrap sm:table-cell",
    cell: (c) => enumLabel("campaignChannel", c.channel),
  },
  { key: "date", header: "Date", className: "whitespace-nowrap", cell: (c) => formatDate(c.respondedAt) },
  {
    key: "outcome",
    header: "Outcome",
    className: "whitespace-nowrap",
    cell: (c) => (
      <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", OUTCOME_TONE[c.outcome])}>{enumLabel("campaignOutcome", c.outcome)}</span>
    ),
  },
];

export function CampaignsSection({ campaigns }: { campaigns: AccountCampaignResponse[] }) {
  return (
    <SectionCard title="Campaign responses" description={campaigns.length > 0 ? "Newest first" : undefined} testId="campaigns">
      {campaigns.length === 0 ? (
        <EmptyState icon={Megaphone} title="No campaign responses">
          Responses to emails, webinars, events and other campaigns will appear here.
        </EmptyState>
      ) : (
        <DataTable
          columns={COLUMNS}
          rows={campaigns}
          rowKey={(c) => c.id}
          frame="inset"
          density="compact"
          region="Campaign responses table"
          className="-mx-5 -my-4 max-h-96 overflow-auto"
        />
      )}
    </SectionCard>
  );
}
