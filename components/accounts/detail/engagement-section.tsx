import { Activity } from "lucide-react";
import type { AccountDetail, AccountEvent } from "@/lib/data/account-detail";
import { enumLabel, enumValues } from "@/lib/domain/enums";
import { formatDate, formatNumber } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { ENGAGEMENT_STYLE } from "./engagement-icon";
import { KpiTile } from "./kpi-tile";
import { EmptyState, SectionCard } from "./section-card";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });

/** Events bucketed by UTC day, newest day first (events arrive newest first). */
function groupByDay(events: AccountEvent[]): { day: string; date: Date; events: AccountEvent[] }[] {
  const groups: { day: string; date: Date; events: AccountEvent[] }[] = [];
  for (const event of events) {
    const day = event.occurredAt.toISOString().slice(0, 10);
    const last = groups.at(-1);
    if (last?.day === day) last.events.push(event);
    else groups.push({ day, date: event.occurredAt, events: [event] });
  }
  return groups;
}

export function EngagementSection({ account }: { account: AccountDetail }) {
  const { behaviour: b, engagement } = account;
  const days = groupByDay(engagement.events);
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
      {days.length === 0 ? (
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
          <ol className="space-y-4">
            {days.map((group) => (
              <li key={group.day}>
                <h4 className="sticky top-0 z-10 bg-white py-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <time dateTime={group.day}>
                    {weekday.format(group.date)} {formatDate(group.date)}
                  </time>
                </h4>
                <ol className="ml-3 mt-1 space-y-1 border-l border-slate-200 pl-5">
                  {group.events.map((event) => {
                    const { icon: Icon, className } = ENGAGEMENT_STYLE[event.type];
                    return (
                      <li key={event.id} className="relative flex items-start gap-3 py-1">
                        <span
                          className={cn("absolute -left-[1.9rem] top-1 flex h-5 w-5 items-center justify-center rounded-full ring-1 ring-inset", className)}
                          aria-hidden="true"
                        >
                          <Icon className="h-3 w-3" />
                        </span>
                        <div className="min-w-0 flex-1 text-sm">
                          <span className="font-medium text-slate-900">{enumLabel("engagementType", event.type)}</span>
                          {event.detail && <span className="text-slate-600"> · {event.detail}</span>}
                        </div>
                        <time className="tabular shrink-0 text-xs text-slate-500" dateTime={event.occurredAt.toISOString()}>
                          {time.format(event.occurredAt)} UTC
                        </time>
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
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
