import { Lightbulb } from "lucide-react";
import { Suspense } from "react";
import { SectionCard } from "@/components/accounts/detail/section-card";
import { LoadingRegion, SkeletonCard } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/session";
import { getRecommendedPlays } from "@/lib/data/plays/recommendations";
import { addDays } from "@/lib/segmentation/dates";
import { formatDate, plural } from "@/lib/utils/format";
import { MAX_SNOOZE_DAYS } from "@/lib/validation/outcomes";
import { PlayCard } from "./play-card";

/**
 * The account's recommended plays, near the top of the account page. The anchor (#plays, the
 * worklist links to it) is outside the Suspense boundary so it exists before the plays stream in.
 */
export function PlaysSlot({ accountId }: { accountId: number }) {
  return (
    // The sticky top bar wraps to three lines on phones: keep the heading clear of it.
    <div id="plays" className="scroll-mt-40 md:scroll-mt-20">
      <Suspense fallback={<PlaysSkeleton />}>
        <PlaysSection accountId={accountId} />
      </Suspense>
    </div>
  );
}

async function PlaysSection({ accountId }: { accountId: number }) {
  const user = await requireUser();
  const result = await getRecommendedPlays(user, accountId);
  if (!result) return null;
  const { plays, asOf } = result;
  // The snooze date picker's bounds, as the validation counts them (UTC days).
  const snooze = { min: addDays(asOf, 1), max: addDays(asOf, MAX_SNOOZE_DAYS) };
  return (
    <SectionCard
      title="Recommended plays"
      description={plays.length > 0 ? `${plural(plays.length, "play")} for this account, highest priority first · as of ${formatDate(asOf)}` : undefined}
      testId="recommended-plays"
    >
      {plays.length === 0 ? (
        // Compact: at the top of the page, an empty section should not push the account's data down.
        <p className="flex items-start gap-2 text-sm text-slate-600">
          <Lightbulb className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
          <span>
            <span className="font-medium text-slate-900">No plays for this account right now.</span> A play appears here when the account is in the
            audience of a published play.
          </span>
        </p>
      ) : (
        <ol className="space-y-5">
          {plays.map((item) => (
            <li key={item.play.id}>
              <PlayCard accountId={accountId} item={item} snooze={snooze} />
            </li>
          ))}
        </ol>
      )}
    </SectionCard>
  );
}

function PlaysSkeleton() {
  return (
    <LoadingRegion label="Loading recommended plays">
      <SkeletonCard className="h-80" />
    </LoadingRegion>
  );
}
