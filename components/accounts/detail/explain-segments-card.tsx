import { Shapes } from "lucide-react";
import type { SegmentExplanation } from "@/lib/data/explain";
import { formatDate, plural } from "@/lib/utils/format";
import { SegmentExplanationList } from "./explain-segment-list";
import { EmptyState, SectionCard } from "./section-card";

/** Each published segment: member or not, with the rule trace behind it. */
export function ExplainSegmentsCard({ segments }: { segments: SegmentExplanation[] }) {
  const memberOf = segments.filter((s) => s.member).length;
  return (
    <SectionCard
      title="Segments"
      description={segments.length > 0 ? `Member of ${memberOf} of ${plural(segments.length, "published segment")}` : undefined}
      testId="explain-segments"
    >
      {segments.length === 0 ? (
        <EmptyState icon={Shapes} title="No segments published yet">
          Published segments appear here with the reason this account is in or out of each.
        </EmptyState>
      ) : (
        <SegmentExplanationList
          segments={segments.map((s) => ({
            id: s.id,
            name: s.name,
            color: s.color,
            version: s.version,
            member: s.member,
            matchesNow: s.matchesNow,
            memberSince: s.memberSince ? formatDate(s.memberSince) : null,
            trace: s.trace,
          }))}
        />
      )}
    </SectionCard>
  );
}
