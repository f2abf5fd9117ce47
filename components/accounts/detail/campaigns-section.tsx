import { Megaphone } from "lucide-react";
import type { AccountCampaignResponse } from "@/lib/data/account-detail";
import { enumLabel } from "@/lib/domain/enums";
import { formatDate } from "@/lib/utils/format";
import { CampaignResponsesTable } from "./campaign-responses-table";
import { EmptyState, SectionCard } from "./section-card";

export function CampaignsSection({ campaigns }: { campaigns: AccountCampaignResponse[] }) {
  return (
    <SectionCard title="Campaign responses" description={campaigns.length > 0 ? "Newest first" : undefined} testId="campaigns">
      {campaigns.length === 0 ? (
        <EmptyState icon={Megaphone} title="No campaign responses">
          Responses to emails, webinars, events and other campaigns will appear here.
        </EmptyState>
      ) : (
        <CampaignResponsesTable
          rows={campaigns.map((c) => ({
            id: c.id,
            campaign: c.campaign,
            channel: enumLabel("campaignChannel", c.channel),
            date: formatDate(c.respondedAt),
            outcome: c.outcome,
            outcomeLabel: enumLabel("campaignOutcome", c.outcome),
          }))}
        />
      )}
    </SectionCard>
  );
}
