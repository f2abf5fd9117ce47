"use client";

import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import type { RuleIssue } from "./issues";
import { IssueList, PreviewStatus, SampleList, ShareBar } from "./preview-bits";
import { percent } from "./format";
import type { LivePreview } from "./use-live-preview";

/**
 * What the on-screen rule does right now: how many accounts match, who enters and leaves
 * compared with the published version, the rule in plain language, lint and problems.
 */
export function SegmentPreviewPanel({
  preview,
  problems,
  color,
}: {
  preview: LivePreview<SegmentPreviewResult>;
  /** Errors that keep the rule from being previewed (browser or server validation). */
  problems: readonly RuleIssue[];
  color: string;
}) {
  const ok = preview.result?.ok ? preview.result : null;
  const blocked = problems.length > 0;
  const stale = blocked || preview.pending;
  const p = ok?.preview;

  return (
    <section aria-labelledby="live-preview-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="segment-preview">
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3.5">
        <h2 id="live-preview-heading" className="text-sm font-semibold text-slate-900">
          Live preview
        </h2>
        <PreviewStatus pending={preview.pending} blocked={blocked} error={preview.error} />
      </header>
      <div className="space-y-5 px-5 py-4" aria-live="polite" aria-busy={preview.pending}>
        {preview.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{preview.error}</p>}
        {blocked && (
          <div className="space-y-2 rounded-lg bg-amber-50/70 px-3 py-2.5 ring-1 ring-inset ring-amber-200">
            <p className="text-sm font-medium text-amber-900">
              Preview paused until {problems.length === 1 ? "this is" : `these ${problems.length} are`} finished or fixed
            </p>
            <IssueList issues={problems} />
          </div>
        )}

        {!p && !blocked && !preview.error && <PreviewSkeleton />}

        {p && (
          <div className={stale ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <div className="space-y-2">
              <p className="text-sm text-slate-600">
                <span className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="segment-matching">
                  {p.matching.toLocaleString("en-US")}
                </span>{" "}
                of <span className="tabular">{p.total.toLocaleString("en-US")}</span> accounts match{" "}
                <span className="tabular text-slate-500">({percent(p.matching, p.total)})</span>
              </p>
              <ShareBar share={p.total ? p.matching / p.total : 0} color={color} label={`${percent(p.matching, p.total)} of accounts match`} />
            </div>

            {p.diff && (
              <dl className="mt-4 grid grid-cols-2 gap-2">
                <div className="rounded-lg bg-emerald-50 px-3 py-2 ring-1 ring-inset ring-emerald-200">
                  <dt className="flex items-center gap-1 text-xs font-medium text-emerald-800">
                    <ArrowUpRight className="h-3.5 w-3.5" aria-hidden /> Would enter
                  </dt>
                  <dd className="tabular text-lg font-semibold text-emerald-900">{p.diff.entering.toLocaleString("en-US")}</dd>
                </div>
                <div className="rounded-lg bg-rose-50 px-3 py-2 ring-1 ring-inset ring-rose-200">
                  <dt className="flex items-center gap-1 text-xs font-medium text-rose-800">
                    <ArrowDownRight className="h-3.5 w-3.5" aria-hidden /> Would leave
                  </dt>
                  <dd className="tabular text-lg font-semibold text-rose-900">{p.diff.leaving.toLocaleString("en-US")}</dd>
                </div>
              </dl>
            )}

            {ok && (
              <div className="mt-5 space-y-1">
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Reads as</h3>
                <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="rule-text">
                  {ok.text}
                </p>
              </div>
            )}

            {ok && ok.warnings.length > 0 && (
              <div className="mt-5 space-y-1.5">
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Warnings</h3>
                <IssueList issues={ok.warnings.map((w) => ({ severity: "warning", message: w.message, conditionId: w.conditionId ?? null, path: w.path ?? null }))} />
              </div>
            )}

            <div className="mt-5 space-y-1">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sample of matching accounts</h3>
              <SampleList accounts={p.sample} more={p.matching - p.sample.length} emptyText="No account matches this rule yet." />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function PreviewSkeleton() {
  return (
    <div className="animate-pulse space-y-3" aria-hidden="true">
      <div className="h-8 w-40 rounded bg-slate-100" />
      <div className="h-1.5 w-full rounded bg-slate-100" />
      <div className="h-16 w-full rounded bg-slate-100" />
      <div className="space-y-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-4 w-full rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
