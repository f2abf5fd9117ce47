"use client";

import { ArrowRight, ChevronRight, TriangleAlert } from "lucide-react";
import Link from "next/link";
import type { GroupTraceView } from "@/lib/data/explain";
import { cn } from "@/lib/utils/cn";
import { RuleTrace } from "./explain-trace";

/** One segment's explanation as the list shows it (dates already formatted by the server). */
export interface SegmentExplanationItem {
  id: number;
  name: string;
  color: string;
  version: number;
  member: boolean;
  matchesNow: boolean;
  /** "Jan 5, 2026", or null when not a member. */
  memberSince: string | null;
  trace: GroupTraceView;
}

function MembershipPill({ member }: { member: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        member ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-slate-50 text-slate-600 ring-slate-200",
      )}
    >
      {member ? "Member" : "Not a member"}
    </span>
  );
}

/**
 * Every published segment, collapsed to its name and membership, with the rule trace behind it.
 * Rendered in the browser from the explanations' data: ten segments' markup were a quarter of an
 * account page's payload.
 */
export function SegmentExplanationList({ segments }: { segments: SegmentExplanationItem[] }) {
  return (
    <ul className="-mx-1 space-y-1.5">
      {segments.map((segment) => {
        const drift = segment.member !== segment.matchesNow;
        return (
          <li key={segment.id} data-testid="explain-segment" data-member={segment.member}>
            <details className="group rounded-lg open:bg-slate-50/60 open:ring-1 open:ring-inset open:ring-slate-200">
              <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-2 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden">
                <ChevronRight className="h-4 w-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden />
                <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: segment.color }} />
                <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{segment.name}</span>
                <MembershipPill member={segment.member} />
              </summary>
              <div className="space-y-3 border-t border-slate-200 px-3 py-3">
                {drift && (
                  <p className="flex gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900 ring-1 ring-inset ring-amber-200">
                    <TriangleAlert className="mt-px h-3.5 w-3.5 shrink-0" aria-hidden />
                    {segment.matchesNow ? "Today's data matches this rule" : "Today's data no longer matches this rule"}; membership updates at
                    the next recompute.
                  </p>
                )}
                <RuleTrace trace={segment.trace} />
                <p className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
                  <span>
                    Rule v{segment.version}
                    {segment.memberSince && <> · member since {segment.memberSince}</>}
                  </span>
                  <Link
                    href={`/segments/${segment.id}`}
                    className="inline-flex items-center gap-1 rounded font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    View segment
                    <ArrowRight className="h-3.5 w-3.5" aria-hidden />
                  </Link>
                </p>
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
