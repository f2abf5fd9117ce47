"use client";

import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import { cn } from "@/lib/utils/cn";
import type { RuleIssue } from "./issues";
import { EstimateNote, SampleList, SamplePending, ShareBar, shownCount } from "./preview-bits";
import { PreviewPanel, PreviewSection, PreviewWarnings } from "./preview-panel";
import { percent } from "./format";
import type { LivePreview } from "./use-live-preview";

/** Whether a segment preview answer is an estimate (useLivePreview then asks for the exact one). */
export function isSegmentEstimate(result: SegmentPreviewResult): boolean {
  return result.ok && result.preview.estimate !== null;
}

/**
 * What the on-screen rule does right now: how many accounts match, who enters and leaves
 * compared with the published version, the rule in plain language, lint and problems. An
 * estimate (big databases, until the exact answer arrives) shows "≈" figures and says so.
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
  const estimated = p?.estimate != null;

  return (
    <PreviewPanel headingId="live-preview-heading" testId="segment-preview" preview={preview} problems={problems} announce>
      {!p && !blocked && !preview.error && <PreviewSkeleton />}

      {p && (
        <div className={stale ? "opacity-60 transition-opacity" : "transition-opacity"}>
          <div className="space-y-2">
            {p.estimate && <EstimateNote estimate={p.estimate} />}
            <p className="text-sm text-slate-600">
              <span className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="segment-matching" data-estimate={estimated || undefined}>
                {shownCount(p.matching, estimated)}
              </span>{" "}
              of <span className="tabular">{shownCount(p.total, estimated)}</span> accounts match{" "}
              <span className="tabular text-slate-500">({estimated && "≈ "}{percent(p.matching, p.total)})</span>
            </p>
            <ShareBar share={p.total ? p.matching / p.total : 0} color={color} label={`${percent(p.matching, p.total)} of accounts match`} />
          </div>

          {p.diff && (
            <dl className="mt-4 grid grid-cols-2 gap-2">
              <DiffStat tone="enter" label="Would enter" value={p.diff.entering} estimated={estimated} />
              <DiffStat tone="leave" label="Would leave" value={p.diff.leaving} estimated={estimated} />
            </dl>
          )}

          {ok && (
            <PreviewSection title="Reads as" className="mt-5 space-y-1">
              <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="rule-text">
                {ok.text}
              </p>
            </PreviewSection>
          )}

          {ok && <PreviewWarnings warnings={ok.warnings} className="mt-5 space-y-1.5" />}

          <PreviewSection title="Sample of matching accounts" className="mt-5 space-y-1">
            {estimated ? (
              <SamplePending />
            ) : (
              <SampleList accounts={p.sample} more={p.matching - p.sample.length} emptyText="No account matches this rule yet." />
            )}
          </PreviewSection>
        </div>
      )}
    </PreviewPanel>
  );
}

const DIFF_TONES = {
  enter: { Icon: ArrowUpRight, box: "bg-emerald-50 ring-emerald-200", label: "text-emerald-800", value: "text-emerald-900" },
  leave: { Icon: ArrowDownRight, box: "bg-rose-50 ring-rose-200", label: "text-rose-800", value: "text-rose-900" },
} as const;

/** "Would enter 120" / "Would leave 45" ("≈ 120" estimated): accounts the draft adds to or drops from the published segment (or play). */
export function DiffStat({ tone, label, value, estimated = false }: { tone: keyof typeof DIFF_TONES; label: string; value: number; estimated?: boolean }) {
  const { Icon, ...classes } = DIFF_TONES[tone];
  return (
    <div className={cn("rounded-lg px-3 py-2 ring-1 ring-inset", classes.box)}>
      <dt className={cn("flex items-center gap-1 text-xs font-medium", classes.label)}>
        <Icon className="h-3.5 w-3.5" aria-hidden /> {label}
      </dt>
      <dd className={cn("tabular text-lg font-semibold", classes.value)}>{shownCount(value, estimated)}</dd>
    </div>
  );
}

/** Grey shapes where a preview's numbers, text and sample will be. */
export function PreviewSkeleton() {
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
