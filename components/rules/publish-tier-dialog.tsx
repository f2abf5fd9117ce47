"use client";

import { previewTierPublish } from "@/lib/actions/preview-rule";
import { publishTierScheme } from "@/lib/actions/publish-rule";
import type { TierMover } from "@/lib/data/rules/preview";
import type { TierSchemePreviewResult } from "@/lib/data/rules/tier-scheme";
import { formatMoney } from "@/lib/utils/format";
import { AccountLink } from "./preview-bits";
import { PublishDialog } from "./publish-dialog";
import { TransitionMatrix, type CurrentTier } from "./transition-matrix";
import { usePublish, type PublishOutcome } from "./use-publish";

/**
 * Publish the saved tier scheme draft: the transition matrix against today's tiers, what it
 * means in accounts, revenue and reps, and a required note.
 */
export function PublishTierDialog({
  open,
  onOpenChange,
  definitionJson,
  revision,
  nextVersion,
  currentTiers,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The saved draft (what will be published), as JSON text. */
  definitionJson: string;
  revision: number;
  nextVersion: number;
  currentTiers: CurrentTier[];
  onPublished: (result: PublishOutcome) => void;
}) {
  const flow = usePublish<TierSchemePreviewResult>({
    open,
    onOpenChange,
    previewKey: definitionJson,
    loadPreview: () => previewTierPublish(JSON.parse(definitionJson)),
    publish: (note) => publishTierScheme(revision, note),
    onPublished,
  });
  const result = flow.preview;
  const preview = result?.ok ? result.preview : null;
  const reps = preview ? [...new Map(preview.transitions.flatMap((t) => t.reps).map((r) => [r.id, r.name])).values()].sort((a, b) => a.localeCompare(b)) : [];

  return (
    <PublishDialog
      flow={flow}
      size="xl"
      title={`Publish tier scheme v${nextVersion}`}
      description="Publishing records a new version and moves every account to its new tier right away; each move is recorded on the account's history."
      nextVersion={nextVersion}
      working="Working out which accounts move…"
    >
      {preview && (
        <>
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="publish-totals">
            <Total label="Accounts moving" value={preview.moving.toLocaleString("en-US")} hint={`of ${preview.total.toLocaleString("en-US")}`} />
            <Total label="Revenue moving" value={formatMoney(preview.revenueMoving)} hint="lifetime value of the accounts that move" />
            <Total
              label="Reps affected"
              value={preview.repsAffected.toLocaleString("en-US")}
              hint={reps.length ? reps.join(", ") : "No rep's accounts change tier"}
            />
          </dl>
          {preview.moving === 0 ? (
            <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
              No account changes tier. Publishing still records the new version (names, colours, rules).
            </p>
          ) : (
            <>
              <TransitionMatrix preview={preview} currentTiers={currentTiers} />
              {result?.ok && result.movers && <Movers movers={result.movers} total={preview.moving} />}
            </>
          )}
        </>
      )}
    </PublishDialog>
  );
}

function Total({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3.5 py-3 ring-1 ring-inset ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="tabular mt-1 text-xl font-semibold text-slate-900">{value}</dd>
      <dd className="mt-0.5 text-xs text-slate-600">{hint}</dd>
    </div>
  );
}

/** The biggest accounts that change tier, so an admin sees who is affected, not only how many. */
function Movers({ movers, total }: { movers: TierMover[]; total: number }) {
  if (movers.length === 0) return null;
  return (
    <section aria-labelledby="movers-title" data-testid="moving-accounts">
      <h3 id="movers-title" className="text-sm font-semibold text-slate-900">
        Biggest accounts that move
        {total > movers.length && <span className="font-normal text-slate-600"> · {movers.length} of {total.toLocaleString("en-US")}</span>}
      </h3>
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg text-sm ring-1 ring-inset ring-slate-200">
        {movers.map((m) => (
          <li key={m.id} className="grid grid-cols-[minmax(0,1.4fr)_minmax(0,1.6fr)_auto] items-center gap-3 px-3 py-2">
            <span className="flex min-w-0 flex-col">
              <AccountLink account={m} />
              <span className="truncate text-xs text-slate-600">{m.ownerName ?? "Unassigned"}</span>
            </span>
            <span className="min-w-0 truncate text-slate-700">
              {m.fromName} → <span className="font-medium text-slate-900">{m.toName}</span>
            </span>
            <span className="tabular text-right text-slate-700">{formatMoney(m.lifetimeValue)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

