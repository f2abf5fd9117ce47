"use client";

import { ArrowRight, Users } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { SegmentSummary } from "@/lib/data/segments";
import { formatDate, formatNumber } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { segmentMembersHref } from "./members-href";
import { SegmentTrend } from "./segment-trend";

export function SegmentKindBadge({ label }: { label: string }) {
  return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{label}</span>;
}

/**
 * A segment's identity, rule and numbers. `variant="card"` on the list (the name links to the
 * segment's page), `variant="page"` as the segment page's header. A client component: the segment
 * goes to the browser as data and the card renders there, instead of ~3 KB of server-rendered
 * markup per segment. `trendDays` is TREND_DAYS (lib/data/segments.ts is server-only).
 */
export function SegmentHeader({ segment, variant, trendDays }: { segment: SegmentSummary; variant: "card" | "page"; trendDays: number }) {
  const page = variant === "page";
  const Title = page ? "h1" : "h2";
  return (
    <div
      className={cn("relative flex h-full flex-col overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200", page ? "p-6" : "p-5")}
      data-testid="segment"
      data-segment-id={segment.id}
    >
      <span aria-hidden="true" className="absolute inset-x-0 top-0 h-1" style={{ backgroundColor: segment.color }} />
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1.5">
        <Title className={cn("min-w-0 font-semibold tracking-tight text-slate-900", page ? "text-2xl" : "text-base")}>
          {page ? (
            segment.name
          ) : (
            <Link href={`/segments/${segment.id}`} className="rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
              {segment.name}
            </Link>
          )}
        </Title>
        <SegmentKindBadge label={segment.kindLabel} />
      </div>
      {segment.description && <p className="mt-1 text-sm text-slate-600">{segment.description}</p>}

      <div className="mt-3 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Rule</p>
        <p className="mt-0.5 text-sm text-slate-800" data-testid="segment-rule">
          {segment.ruleText}
        </p>
      </div>

      <div className={cn("flex flex-wrap items-end justify-between gap-3", page ? "mt-5" : "mt-auto pt-4")}>
        <div>
          <p className="flex items-baseline gap-1.5">
            <span className={cn("tabular font-semibold text-slate-900", page ? "text-3xl" : "text-2xl")} data-testid="segment-size">
              {formatNumber(segment.size)}
            </span>
            <span className="text-sm text-slate-600">{segment.size === 1 ? "account" : "accounts"}</span>
          </p>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <SegmentTrend trend={segment.trend} days={trendDays} />
            <span>
              v{segment.version}
              {segment.publishedAt && <> · published {formatDate(segment.publishedAt)}</>}
            </span>
          </div>
        </div>
        <Link href={segmentMembersHref(segment.id)} className={buttonClass(page ? "primary" : "secondary")} aria-label={`View members of ${segment.name}`}>
          <Users className="h-4 w-4" aria-hidden />
          View members
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      </div>
    </div>
  );
}
