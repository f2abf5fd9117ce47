import { EmptyPanel } from "@/components/ui/empty-panel";
import type { Worklist } from "@/lib/data/plays/worklist";

/**
 * Why the plan is empty, in the order that explains it: nothing published, filters too narrow,
 * no account in any audience, or every play done (or snoozed) for now.
 */
export function WorklistEmpty({ worklist, filtered, clearHref, repName, isAdmin }: { worklist: Worklist; filtered: boolean; clearHref: string; repName: string | null; isAdmin: boolean }) {
  const whose = repName ? `${repName}'s` : "your";
  if (worklist.plays.length === 0) {
    return (
      <EmptyPanel title="No plays published yet" headingLevel={3} link={isAdmin ? { href: "/admin/plays", label: "Create a play" } : null}>
        When sales ops publishes a play, the accounts in {whose} book that fit its audience show up here, ranked for the day.
      </EmptyPanel>
    );
  }
  if (filtered && worklist.open === 0) {
    return (
      <EmptyPanel title="No plays match these filters" headingLevel={3} link={{ href: clearHref, label: "Clear filters" }}>
        Nothing open in {whose} book for this play, tier or segment.
      </EmptyPanel>
    );
  }
  if (worklist.inAudience === 0) {
    return (
      <EmptyPanel title="No accounts in a play's audience" headingLevel={3}>
        None of {whose} accounts fits a running play right now. When tiers, segments or plays change, matching accounts appear here.
      </EmptyPanel>
    );
  }
  return (
    <EmptyPanel title="Everything done for today" headingLevel={3}>
      Every play on {whose} accounts has an outcome or is snoozed. Snoozed plays come back on their date.
    </EmptyPanel>
  );
}
