import { LoadingRegion, SkeletonCard } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/session";
import { explainAccount } from "@/lib/data/explain";
import { ExplainHistoryCard } from "./explain-history-card";
import { ExplainScoreCard } from "./explain-score-card";
import { ExplainSegmentsCard } from "./explain-segments-card";
import { ExplainTierCard } from "./explain-tier-card";

/** Loads the explanation for the signed-in user (the data layer re-checks visibility) and renders its cards. */
export async function ExplainPanel({ accountId }: { accountId: number }) {
  const user = await requireUser();
  const explanation = await explainAccount(user, accountId);
  if (!explanation) return null;
  return (
    <>
      <ExplainTierCard tier={explanation.tier} asOf={explanation.asOf} />
      <ExplainSegmentsCard segments={explanation.segments} />
      <ExplainScoreCard score={explanation.score} />
      <ExplainHistoryCard history={explanation.history} />
    </>
  );
}

/** Placeholder while the explanation loads, so the rest of the page shows at once. */
export function ExplainPanelSkeleton() {
  return (
    <LoadingRegion label="Loading tier and segment explanations" className="space-y-6">
      {["h-72", "h-48", "h-64"].map((height) => (
        <SkeletonCard key={height} className={height} />
      ))}
    </LoadingRegion>
  );
}
