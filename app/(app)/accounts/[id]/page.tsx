import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountHeader } from "@/components/accounts/detail/account-header";
import { CampaignsSection } from "@/components/accounts/detail/campaigns-section";
import { EngagementSection } from "@/components/accounts/detail/engagement-section";
import { FirmographicsCard } from "@/components/accounts/detail/firmographics-card";
import { ProfileCard } from "@/components/accounts/detail/profile-card";
import { RecentOrdersCard } from "@/components/accounts/detail/recent-orders-card";
import { SegmentationSlot } from "@/components/accounts/detail/segmentation-slot";
import { TechnologySection } from "@/components/accounts/detail/technology-section";
import { ValueSection } from "@/components/accounts/detail/value-section";
import { PlaysSlot } from "@/components/plays/account/plays-section";
import { WhitespaceSlot } from "@/components/plays/account/whitespace-card";
import { requireUser } from "@/lib/auth/session";
import { requestAccountDetail as loadAccount } from "@/lib/data/account-detail";
import { parseId } from "@/lib/validation/ids";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await requireUser();
  const id = parseId((await params).id);
  const account = id == null ? null : await loadAccount(user, id);
  return { title: account ? account.firmographics.name : "Account not found" };
}

export default async function AccountPage({ params }: { params: Params }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id == null) notFound();
  // null both when the account does not exist and when it is not this user's: one 404 for both.
  const account = await loadAccount(user, id);
  if (!account) notFound();

  return (
    <div className="space-y-6">
      <AccountHeader account={account} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <PlaysSlot accountId={account.id} />
          <ValueSection account={account} />
          <EngagementSection account={account} />
          <TechnologySection account={account} />
          <CampaignsSection campaigns={account.campaigns} />
        </div>
        <aside className="min-w-0 space-y-6" aria-label="Account summary">
          <WhitespaceSlot accountId={account.id} />
          {/* segmentation explanations */}
          <SegmentationSlot account={account} />
          <FirmographicsCard account={account} />
          <ProfileCard account={account} />
          <RecentOrdersCard orders={account.orders.recent} orderCount={account.value.orderCount} />
        </aside>
      </div>
    </div>
  );
}
