import { Megaphone } from "lucide-react";
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

export function CampaignsSection({ campaigns }: { campaigns: AccountCampaignResponse[] }) {
  return (
    <SectionCard title="Campaign responses" description={campaigns.length > 0 ? "Newest first" : undefined} testId="campaigns">
      {campaigns.length === 0 ? (
        <EmptyState icon={Megaphone} title="No campaign responses">
          Responses to emails, webinars, events and other campaigns will appear here.
        </EmptyState>
      ) : (
        <div className="-mx-5 -my-4 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="Campaign responses table">
          <table className="min-w-full text-sm">
            <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2 text-left font-semibold">Campaign</th>
                <th scope="col" className="hidden px-3 py-2 text-left font-semibold sm:table-cell">Channel</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold">Date</th>
                <th scope="col" className="py-2 pl-3 pr-5 text-left font-semibold">Outcome</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {campaigns.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <td className="px-5 py-2">
                    <span className="font-medium text-slate-900">{c.campaign}</span>
                    {/* On phones the channel column folds into this one. */}
                    <span className="block text-xs text-slate-600 sm:hidden">{enumLabel("campaignChannel", c.channel)}</span>
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-700 sm:table-cell">{enumLabel("campaignChannel", c.channel)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-700">{formatDate(c.respondedAt)}</td>
                  <td className="whitespace-nowrap py-2 pl-3 pr-5">
                    <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", OUTCOME_TONE[c.outcome])}>
                      {enumLabel("campaignOutcome", c.outcome)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SectionCard>
  );
}
