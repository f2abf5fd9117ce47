import { Activity } from "lucide-react";
import type { AccountDetail, AccountEvent } from "@/lib/data/account-detail";
import { enumLabel, enumValues } from "@/lib/domain/enums";
import { formatDate, formatNumber } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { ENGAGEMENT_STYLE } from "./engagement-icon";
import { EngagementTimeline, type TimelineDay } from "./engagement-timeline";
import { KpiTile } from "./kpi-tile";
import { EmptyState, SectionCard } from "./section-card";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });

/** Events bucketed by UTC day, newest day first (events arrive newest first), formatted for the timeline. */
function timelineDays(events: AccountEvent[]): TimelineDay[] {
  const days: TimelineDay[] = [];
  for (const event of events) {
    const day = event.occurredAt.toISOString().slice(0, 10);
    let last = days.at(-1);
    if (last?.day !== day) {
      last = { day, heading: `${weekday.format(event.occurredAt)} ${formatDate(event.occurredAt)}`, events: [] };
      days.push(last);
    }
    last.events.push({
      id: event.id,
      type: event.type,
      label: enumLabel("engagementType", event.type),
      detail: event.detail,
      iso: event.occurredAt.toISOString(),
      time: time.format(event.occurredAt),
    });
  }
  return days;
}

export function EngagementSection({ account }: { account: AccountDetail }) {
  const { behaviour: b, engagement } = account;
  const total90 = Object.values(engagement.countsByType).reduce((sum, n) => sum + n, 0);

  return (
    <SectionCard title="Engagement" description={`Activity over the last ${engagement.windowDays} days`} testId="engagement">
      <dl className="grid grid-cols-3 gap-3">
        <KpiTile label="Last 30 days" value={formatNumber(b.engagement30d)} hint="interactions" />
        <KpiTile label="Last 90 days" value={formatNumber(b.engagement90d)} hint="interactions" />
        <KpiTile label="Engagement score" value={formatNumber(b.engagementScore)} hint="out of 100" />
      </dl>

      {total90 > 0 && (
        <ul className="mt-4 flex flex-wrap gap-2" aria-label={`Interactions by type, last ${engagement.windowDays} days`}>
          {enumValues("engagementType")
            .filter((type) => engagement.countsByType[type] > 0)
            .map((type) => {
              const { icon: Icon, className } = ENGAGEMENT_STYLE[type];
              return (
                <li key={type} className={cn("inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset", className)}>
                  <Icon className="h-3.5 w-3.5" aria-hidden />
                  {enumLabel("engagementType", type)}
                  <span className="tabular font-semibold">{formatNumber(engagement.countsByType[type])}</span>
                </li>
              );
            })}
        </ul>
      )}

      <h3 className="mt-6 text-sm font-semibold text-slate-900">Timeline</h3>
      {engagement.events.length === 0 ? (
        <EmptyState icon={Activity} title="No engagement in the last 90 days">
          Web visits, email activity, meetings and events will show up here.
        </EmptyState>
      ) : (
        <div
          className="mt-2 max-h-[28rem] overflow-y-auto pl-1 pr-1"
          tabIndex={0}
          role="region"
          aria-label="Engagement timeline"
          data-testid="engagement-timeline"
        >
          <EngagementTimeline days={timelineDays(engagement.events)} />
          {engagement.events.length < total90 && (
            <p className="mt-3 text-xs text-slate-600">
              Showing the latest {formatNumber(engagement.events.length)} of {formatNumber(total90)} interactions.
            </p>
          )}
        </div>
      )}
    </SectionCard>
  );
}
