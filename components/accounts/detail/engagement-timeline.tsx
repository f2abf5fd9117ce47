"use client";

import type { EngagementType } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils/cn";
import { ENGAGEMENT_STYLE } from "./engagement-icon";

/** One day of the timeline, as the server formats it (the browser's time zone must not move days). */
export interface TimelineDay {
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  /** "Mon 5 Jan 2026" */
  heading: string;
  events: { id: number; type: EngagementType; label: string; detail: string | null; iso: string; time: string }[];
}

/**
 * The engagement timeline (up to 100 events), rendered in the browser from its data: as server
 * markup each event was ~8 elements of the page's payload.
 */
export function EngagementTimeline({ days }: { days: TimelineDay[] }) {
  return (
    <ol className="space-y-4">
      {days.map((group) => (
        <li key={group.day}>
          <h4 className="sticky top-0 z-10 bg-white py-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <time dateTime={group.day}>{group.heading}</time>
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
                    <span className="font-medium text-slate-900">{event.label}</span>
                    {event.detail && <span className="text-slate-600"> · {event.detail}</span>}
                  </div>
                  <time className="tabular shrink-0 text-xs text-slate-500" dateTime={event.iso}>
                    {event.time} UTC
                  </time>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
