"use client";

import type { LintWarning } from "@/lib/segmentation/lint";
import { IssueList, PreviewStatus } from "./preview-bits";
import { warningIssues, type RuleIssue } from "./issues";
import type { LivePreview } from "./use-live-preview";

/**
 * The "Live preview" card beside a rule editor: its status (live, updating, waiting), the
 * preview's own failure, and, while the draft has errors, those errors instead of fresh numbers
 * (the last numbers stay, faded, below).
 */
export function PreviewPanel({
  headingId,
  testId,
  preview,
  problems,
  showStatus = true,
  announce = false,
  children,
}: {
  headingId: string;
  testId: string;
  preview: LivePreview<unknown>;
  /** Errors that keep the draft from being previewed (browser or server validation). */
  problems: readonly RuleIssue[];
  showStatus?: boolean;
  /** Announce every change of the whole body to screen readers (aria-live). */
  announce?: boolean;
  children: React.ReactNode;
}) {
  const blocked = problems.length > 0;
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3.5">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          Live preview
        </h2>
        {showStatus && <PreviewStatus pending={preview.pending} refining={preview.refining} blocked={blocked} error={preview.error} />}
      </header>
      <div className="space-y-5 px-5 py-4" aria-live={announce ? "polite" : undefined} aria-busy={preview.pending}>
        {preview.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{preview.error}</p>}
        {blocked && (
          <div className="space-y-2 rounded-lg bg-amber-50/70 px-3 py-2.5 ring-1 ring-inset ring-amber-200">
            <p className="text-sm font-medium text-amber-900">
              Preview paused until {problems.length === 1 ? "this is" : `these ${problems.length} are`} finished or fixed
            </p>
            <IssueList issues={problems} />
          </div>
        )}
        {children}
      </div>
    </section>
  );
}

/** A titled block of a preview, e.g. "Reads as", "Warnings". */
export function PreviewSection({ title, className = "space-y-1", children }: { title: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </div>
  );
}

/** The lint warnings of a previewed draft, if any. */
export function PreviewWarnings({ warnings, className = "space-y-1.5" }: { warnings: readonly LintWarning[]; className?: string }) {
  if (warnings.length === 0) return null;
  return (
    <PreviewSection title="Warnings" className={className}>
      <IssueList issues={warningIssues(warnings)} />
    </PreviewSection>
  );
}
