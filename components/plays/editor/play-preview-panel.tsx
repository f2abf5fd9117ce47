"use client";

import { Target, Users } from "lucide-react";
import type { PlayPreviewResult } from "@/lib/data/plays/preview";
import { formatNumber, plural } from "@/lib/utils/format";
import type { RuleIssue } from "@/components/rules/issues";
import { percent } from "@/components/rules/format";
import { SampleList, ShareBar } from "@/components/rules/preview-bits";
import { PreviewPanel, PreviewSection, PreviewWarnings } from "@/components/rules/preview-panel";
import { DiffStat, PreviewSkeleton } from "@/components/rules/segment-preview-panel";
import type { LivePreview } from "@/components/rules/use-live-preview";

/**
 * What the on-screen audience holds right now: how many accounts, who enters and leaves against
 * the published audience, the reps who will see it, a sample, the audience in plain language
 * and lint warnings; or the problems that keep it from being counted.
 */
export function PlayPreviewPanel({ preview, problems }: { preview: LivePreview<PlayPreviewResult>; problems: readonly RuleIssue[] }) {
  const ok = preview.result?.ok ? preview.result : null;
  const blocked = problems.length > 0;
  const stale = blocked || preview.pending;
  const p = ok?.preview;

  return (
    <PreviewPanel headingId="play-preview-heading" testId="play-preview" preview={preview} problems={problems} announce>
      {!p && !blocked && !preview.error && <PreviewSkeleton />}

      {ok && p && (
        <div className={stale ? "opacity-60 transition-opacity" : "transition-opacity"}>
          <div className="space-y-2">
            <p className="text-sm text-slate-600">
              <span className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="play-matching">
                {formatNumber(p.matching)}
              </span>{" "}
              of <span className="tabular">{formatNumber(p.total)}</span> accounts <span className="tabular text-slate-500">({percent(p.matching, p.total)})</span>
            </p>
            <ShareBar share={p.total ? p.matching / p.total : 0} label={`${percent(p.matching, p.total)} of accounts are in the audience`} />
          </div>

          {p.diff && (
            <div className="mt-4 space-y-1">
              <p className="text-xs text-slate-500">Against the published audience:</p>
              <dl className="grid grid-cols-2 gap-2">
                <DiffStat tone="enter" label="Would enter" value={p.diff.entering} />
                <DiffStat tone="leave" label="Would leave" value={p.diff.leaving} />
              </dl>
            </div>
          )}

          <PreviewSection title="Reads as" className="mt-5 space-y-1">
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="audience-text">
              {ok.text}
            </p>
          </PreviewSection>

          <PreviewWarnings warnings={ok.warnings} className="mt-5 space-y-1.5" />

          <PreviewSection title="Who will see it" className="mt-5 space-y-1">
            {p.owners.length === 0 ? (
              <p className="text-sm text-slate-500">No rep yet: no account is in the audience.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="play-owners">
                {p.owners.map((o) => (
                  <li key={o.id ?? "none"} className="flex items-center justify-between gap-3 py-1.5">
                    <span className="flex min-w-0 items-center gap-1.5 text-slate-800">
                      <Users className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
                      <span className="truncate">{o.id ? o.name : "Unassigned accounts"}</span>
                    </span>
                    <span className="tabular shrink-0 text-xs text-slate-600">{plural(o.accounts, "account")}</span>
                  </li>
                ))}
              </ul>
            )}
          </PreviewSection>

          {p.example && (
            <PreviewSection title={`Pitch for ${p.example.accountName}`} className="mt-5 space-y-1">
              <div className="space-y-2 rounded-lg bg-brand-50/40 px-3 py-2 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-brand-100" data-testid="pitch-example">
                <p className="whitespace-pre-line">{p.example.pitch}</p>
                {p.example.talkingPoints.length > 0 && (
                  <ul className="list-disc space-y-0.5 pl-5 text-slate-700">
                    {p.example.talkingPoints.map((point, i) => (
                      <li key={i}>{point}</li>
                    ))}
                  </ul>
                )}
              </div>
              <p className="text-xs text-slate-500">As the rep will read it, with this account&apos;s data.</p>
            </PreviewSection>
          )}

          <PreviewSection title="Sample of accounts" className="mt-5 space-y-1">
            <SampleList accounts={p.sample} more={p.matching - p.sample.length} emptyText="No account is in this audience yet." />
          </PreviewSection>
        </div>
      )}
    </PreviewPanel>
  );
}

/** The preview before any part of the audience is chosen: what to do, not an error. */
export function AudienceFirst() {
  return (
    <section aria-labelledby="play-preview-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="play-preview">
      <header className="border-b border-slate-100 px-5 py-3.5">
        <h2 id="play-preview-heading" className="text-sm font-semibold text-slate-900">
          Live preview
        </h2>
      </header>
      <div className="flex flex-col items-center px-6 py-8 text-center">
        <span className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-50 text-brand-700">
          <Target className="h-4 w-4" aria-hidden />
        </span>
        <p className="mt-2 text-sm font-medium text-slate-900">Who is the play for?</p>
        <p className="mt-0.5 max-w-xs text-sm text-slate-600">
          Tick a tier, choose segments or whitespace categories, or add a rule condition: the accounts it reaches, and the reps who will see it, appear here.
        </p>
      </div>
    </section>
  );
}

/**
 * The audience's size next to where it is edited, for screens where the preview sits below the
 * whole form (it stays beside the form on wide screens).
 */
export function AudienceCount({ preview, blocked }: { preview: LivePreview<PlayPreviewResult>; blocked: boolean }) {
  const p = preview.result?.ok ? preview.result.preview : null;
  if (!p || blocked) return null;
  return (
    <span className={`tabular text-sm text-slate-600 lg:hidden ${preview.pending ? "opacity-60" : ""}`} data-testid="audience-count">
      <strong className="font-semibold text-slate-900">{formatNumber(p.matching)}</strong> of {formatNumber(p.total)} accounts
    </span>
  );
}
