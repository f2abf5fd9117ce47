"use client";

import { CircleAlert, ExternalLink, LoaderCircle, TriangleAlert } from "lucide-react";
import type { PreviewEstimate, SampleAccount } from "@/lib/data/rules/preview";
import { formatMoney } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { shortMessage, type RuleIssue } from "./issues";

/** "Updating…" / "Estimate, counting exactly…" / "Live" (and why not) next to a preview's title. */
export function PreviewStatus({ pending, refining = false, blocked, error }: { pending: boolean; refining?: boolean; blocked: boolean; error: string | null }) {
  if (blocked) {
    return (
      <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-700">
        <span className="h-1.5 w-1.5 rounded-full bg-amber-500" aria-hidden="true" />
        Waiting for a valid rule
      </span>
    );
  }
  if (error) return <span className="text-xs font-medium text-red-700">Preview unavailable</span>;
  if (pending) {
    return (
      <span className="inline-flex items-center gap-1 text-xs font-medium text-slate-500">
        <LoaderCircle className="h-3 w-3 animate-spin" aria-hidden />
        Updating…
      </span>
    );
  }
  if (refining) {
    return (
      <span className="inline-flex items-center gap-1 text-xs font-medium text-slate-500" data-testid="preview-refining">
        <LoaderCircle className="h-3 w-3 animate-spin" aria-hidden />
        Estimate · counting exactly…
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700">
      <span className="h-1.5 w-1.5 rounded-full bg-emerald-500" aria-hidden="true" />
      Live
    </span>
  );
}

/** Accounts in a preview sample, linking to their pages (in a new tab, so edits stay put). */
export function SampleList({ accounts, more, emptyText }: { accounts: SampleAccount[]; more?: number; emptyText?: string }) {
  if (accounts.length === 0) return emptyText ? <p className="text-sm text-slate-500">{emptyText}</p> : null;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {accounts.map((a) => (
        <li key={a.id} className="flex items-center justify-between gap-3 py-1.5">
          <AccountLink account={a} />
          <span className="tabular shrink-0 text-xs text-slate-600">{formatMoney(a.lifetimeValue)}</span>
        </li>
      ))}
      {more !== undefined && more > 0 && <li className="pt-1.5 text-xs text-slate-500">and {more.toLocaleString("en-US")} more</li>}
    </ul>
  );
}

/** An account's name linking to its page in a new tab, so the editor's state stays put. */
export function AccountLink({ account }: { account: { id: number; name: string } }) {
  return (
    <a
      href={`/accounts/${account.id}`}
      target="_blank"
      rel="noopener"
      className="group inline-flex min-w-0 items-center gap-1 rounded font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <span className="truncate">{account.name}</span>
      <ExternalLink className="h-3 w-3 shrink-0 text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" aria-hidden />
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** Errors (red) and lint warnings (amber) as a list, full messages. */
export function IssueList({ issues, short = false, className }: { issues: readonly RuleIssue[]; short?: boolean; className?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className={cn("space-y-1.5 text-sm", className)}>
      {issues.map((issue, i) => {
        const Icon = issue.severity === "error" ? CircleAlert : TriangleAlert;
        return (
          <li key={i} className={cn("flex items-start gap-1.5", issue.severity === "error" ? "text-red-700" : "text-amber-800")}>
            <Icon className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
            <span>
              <span className="sr-only">{issue.severity === "error" ? "Error: " : "Warning: "}</span>
              {short ? shortMessage(issue.message) : issue.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A thin bar showing a share (0..1). */
export function ShareBar({ share, color = "#4f46e5", label }: { share: number; color?: string; label: string }) {
  const pct = Math.max(0, Math.min(1, share)) * 100;
  return (
    <div className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={label}>
      <div className="h-full rounded-full transition-[width] duration-300" style={{ width: `${pct}%`, backgroundColor: color }} />
    </div>
  );
}

/** A count as shown: exact ("12,345"), or an estimate rounded to three significant digits ("≈ 12,300"). */
export function shownCount(value: number, estimated: boolean): string {
  if (!estimated) return value.toLocaleString("en-US");
  return `≈ ${Number(value.toPrecision(3)).toLocaleString("en-US")}`;
}

/** The label every estimated preview carries: what it was computed on, and that the exact answer follows. */
export function EstimateNote({ estimate }: { estimate: PreviewEstimate }) {
  return (
    <p className="rounded-md bg-sky-50 px-3 py-1.5 text-xs text-sky-900 ring-1 ring-inset ring-sky-200" data-testid="preview-estimate">
      <strong className="font-semibold">Estimate</strong> from a sample of {estimate.sampled.toLocaleString("en-US")} of about{" "}
      {estimate.accounts.toLocaleString("en-US")} accounts (small counts can be 10-20% off). Exact figures and sample accounts follow.
    </p>
  );
}

/** In place of a preview's sample accounts while its figures are an estimate. */
export function SamplePending() {
  return <p className="text-sm text-slate-500">Sample accounts load with the exact figures…</p>;
}
