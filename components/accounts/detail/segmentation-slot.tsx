import { Suspense } from "react";
import type { AccountDetail } from "@/lib/data/account-detail";
import { ExplainPanel, ExplainPanelSkeleton } from "./explain-panel";

/**
 * The account's tier and segment explanations (rule traces, gap to the next tier), the score's
 * reasons and its membership history. Streams in after the rest of the page.
 */
export function SegmentationSlot({ account }: { account: AccountDetail }) {
  return (
    <Suspense fallback={<ExplainPanelSkeleton />}>
      <ExplainPanel accountId={account.id} />
    </Suspense>
  );
}
