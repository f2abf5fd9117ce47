"use client";

import type { TierSchemePreviewResult } from "@/lib/data/rules/tier-scheme";
import { UNTIERED } from "@/lib/domain/tiers";
import { formatMoney } from "@/lib/utils/format";
import type { RuleIssue } from "./issues";
import { EstimateNote, SampleList, SamplePending, shownCount } from "./preview-bits";
import { PreviewPanel, PreviewSection, PreviewWarnings } from "./preview-panel";
import { percent, shortMoney } from "./format";
import { ColorDot } from "./ui";
import type { LivePreview } from "./use-live-preview";

/** Whether a tier scheme preview answer is an estimate (useLivePreview then asks for the exact one). */
export function isTierEstimate(result: TierSchemePreviewResult): boolean {
  return result.ok && result.preview.estimate !== null;
}

/**
 * Accounts per draft tier (first match wins), their value, samples, and what moves against today.
 * An estimate (big databases, until the exact answer arrives) shows "≈" figures and says so.
 */
export function TierPreviewPanel({
  preview,
  problems,
  empty = false,
}: {
  preview: LivePreview<TierSchemePreviewResult>;
  problems: readonly RuleIssue[];
  /** No tiers yet: nothing to preview. */
  empty?: boolean;
}) {
  const data = preview.result?.ok ? preview.result.preview : null;
  const blocked = problems.length > 0;
  const stale = blocked || preview.pending;
  const estimated = data?.estimate != null;
  const approx = estimated ? "≈ " : "";
  // Net change per tier against today: accounts moving in minus accounts moving out.
  const delta = (key: string | null) =>
    data ? data.transitions.reduce((sum, t) => sum + (t.toKey === key ? t.accounts : 0) - (t.fromKey === key ? t.accounts : 0), 0) : 0;

  return (
    <PreviewPanel headingId="tier-preview-heading" testId="tier-preview" preview={preview} problems={problems} showStatus={!empty}>
      {empty && <p className="py-4 text-center text-sm text-slate-500">Add a tier to see how accounts would spread over your tiers.</p>}
      {!data && !blocked && !preview.error && !empty && (
        <div className="animate-pulse space-y-3" aria-hidden="true">
          <div className="h-3 w-full rounded bg-slate-100" />
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="h-8 w-full rounded bg-slate-100" />
          ))}
        </div>
      )}
      {data && !empty && (
        <div className={stale ? "space-y-5 opacity-60 transition-opacity" : "space-y-5 transition-opacity"}>
          <div>
            <div className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label="Accounts per tier">
              {data.tiers.map((t) => (
                <div key={t.key} className="h-full transition-[width] duration-300" style={{ width: `${data.total ? (t.count / data.total) * 100 : 0}%`, backgroundColor: t.color }} />
              ))}
              <div className="h-full" style={{ width: `${data.total ? (data.untiered / data.total) * 100 : 0}%`, backgroundColor: UNTIERED.color }} />
            </div>
            <p className="mt-1.5 text-xs text-slate-500">{shownCount(data.total, estimated)} accounts in all</p>
          </div>
          {data.estimate && <EstimateNote estimate={data.estimate} />}

          <ol className="space-y-1" aria-live="polite">
            {data.tiers.map((t, i) => (
              <li key={t.key} data-testid="tier-preview-row" data-tier-key={t.key} className="rounded-lg px-2 py-1.5 hover:bg-slate-50">
                <details className="group">
                  <summary className="flex cursor-pointer list-none items-center gap-2 rounded focus-visible:outline-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden">
                    <ColorDot color={t.color} />
                    <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">
                      <span className="text-slate-500">{i + 1}.</span> <span data-testid="tier-name">{t.name}</span>
                    </span>
                    <Delta value={delta(t.key)} estimated={estimated} />
                    <span className="tabular text-sm font-semibold text-slate-900" data-testid="tier-count">
                      {shownCount(t.count, estimated)}
                    </span>
                    <span className="tabular w-10 text-right text-xs text-slate-500">{percent(t.count, data.total)}</span>
                    <span className="tabular w-16 text-right text-xs text-slate-600" title={`${approx}${formatMoney(t.lifetimeValue)}`}>
                      {approx}
                      {shortMoney(t.lifetimeValue)}
                    </span>
                  </summary>
                  <div className="mt-1.5 pl-5">
                    {estimated ? (
                      <SamplePending />
                    ) : (
                      <SampleList accounts={t.sample} more={t.count - t.sample.length} emptyText="No account lands in this tier." />
                    )}
                  </div>
                </details>
              </li>
            ))}
            <li data-testid="tier-preview-row" data-tier-key={UNTIERED.key} className="flex items-center gap-2 rounded-lg px-2 py-1.5">
              <ColorDot color={UNTIERED.color} />
              <span className="flex-1 text-sm font-medium text-slate-600">{UNTIERED.label}</span>
              <Delta value={delta(null)} estimated={estimated} />
              <span className="tabular text-sm font-semibold text-slate-700" data-testid="tier-count">
                {shownCount(data.untiered, estimated)}
              </span>
              <span className="tabular w-10 text-right text-xs text-slate-500">{percent(data.untiered, data.total)}</span>
              <span className="w-16" />
            </li>
          </ol>
          <p className="text-xs text-slate-500">Select a tier to see a sample of its accounts. Columns: accounts, share, lifetime value.</p>

          <PreviewSection title="Compared with today" className="rounded-lg bg-slate-50 px-3.5 py-3 ring-1 ring-inset ring-slate-200">
            {data.moving === 0 ? (
              <p className="mt-1 text-sm text-slate-700">{estimated ? "No sampled account would change tier." : "No account would change tier."}</p>
            ) : (
              <p className="mt-1 text-sm text-slate-700" data-testid="moving-summary">
                <strong className="tabular text-slate-900">{shownCount(data.moving, estimated)}</strong> accounts would change tier, carrying{" "}
                <strong className="tabular text-slate-900">
                  {approx}
                  {formatMoney(estimated ? Number(data.revenueMoving.toPrecision(3)) : data.revenueMoving)}
                </strong>{" "}
                of lifetime value, across{" "}
                <strong className="tabular text-slate-900">
                  {estimated && "at least "}
                  {data.repsAffected}
                </strong>{" "}
                {data.repsAffected === 1 ? "rep" : "reps"}.
              </p>
            )}
          </PreviewSection>

          {preview.result?.ok && <PreviewWarnings warnings={preview.result.warnings} />}
        </div>
      )}
    </PreviewPanel>
  );
}

/** "+12" / "−53" ("≈ +12,300" estimated) against today's tier sizes; nothing when unchanged. */
function Delta({ value, estimated }: { value: number; estimated: boolean }) {
  if (value === 0) return null;
  return (
    <span className={`tabular text-xs font-medium ${value > 0 ? "text-emerald-700" : "text-rose-700"}`} title="Change against today">
      {estimated && "≈ "}
      {value > 0 ? "+" : "−"}
      {estimated ? Number(Math.abs(value).toPrecision(3)).toLocaleString("en-US") : Math.abs(value).toLocaleString("en-US")}
      <span className="sr-only"> against today</span>
    </span>
  );
}
