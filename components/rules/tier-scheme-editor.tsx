"use client";

import { Plus } from "lucide-react";
import { restoreTierScheme } from "@/lib/actions/publish-rule";
import { saveTierSchemeDraft } from "@/lib/actions/save-rule-draft";
import type { TierSchemeEditorData, TierSchemePreviewResult } from "@/lib/data/rules/tier-scheme";
import { UNTIERED } from "@/lib/domain/tiers";
import { MAX_TIERS } from "@/lib/segmentation/tier-scheme";
import { ActionBanner } from "@/components/ui/alert";
import { ThresholdScopeProvider } from "@/components/backtest/threshold-scope";
import { TierBacktestPanel } from "@/components/backtest/tier-backtest-panel";
import { CatalogProvider, type RuleCatalog } from "./catalog";
import { DraftButtons, DraftMessages, EditorColumns } from "./draft-controls";
import { EditorHeader } from "./editor-header";
import { emptyTierIssues, splitTierErrors, tierWarnings, validateEditorScheme, type RuleIssue } from "./issues";
import { formatDateTime } from "@/lib/utils/format";
import { PublishTierDialog } from "./publish-tier-dialog";
import { TierCard } from "./tier-card";
import { isTierEstimate, TierPreviewPanel } from "./tier-preview-panel";
import type { CurrentTier } from "./transition-matrix";
import { useDraftEditor } from "./use-draft-editor";
import { requestPreview } from "./preview-request";
import { useLivePreview } from "./use-live-preview";
import { toDefinition, useTierList } from "./use-tier-list";
import { VersionHistory } from "./version-history";

/**
 * The tier scheme editor: ordered tier cards (name, colour, key, rule), a live preview of the
 * distribution, save with conflict detection, publish with the transition matrix, history.
 * The page remounts it (key = published version) after a publish or restore.
 */
export function TierSchemeEditor({ editor, currentTiers, catalog }: { editor: TierSchemeEditorData; currentTiers: CurrentTier[]; catalog: RuleCatalog }) {
  const { tiers, removed, rootRef, update, move, remove, undoRemove, add, markSaved } = useTierList(editor.draft);

  const definition = toDefinition(tiers);
  const check = validateEditorScheme({ tiers });
  const draft = useDraftEditor({
    flashScope: "tier-scheme",
    stored: editor,
    text: { rule: JSON.stringify(definition) },
    changed: "tier",
    validate: () => check.ok,
    saveDraft: (baseRevision) => saveTierSchemeDraft(definition, baseRevision),
    onSaved: markSaved,
    restore: (version, note) => restoreTierScheme(version, note),
  });
  const preview = useLivePreview(check.ok ? definition : null, (scheme, previewKey, phase, signal) =>
    requestPreview<TierSchemePreviewResult>({ kind: "tierScheme", scheme, previewKey, phase }, signal), {
    isEstimate: isTierEstimate,
  });

  const serverErrors = preview.result && !preview.result.ok && !preview.pending ? preview.result.errors : [];
  const errors = check.ok ? serverErrors : check.errors;
  const split = splitTierErrors(errors, tiers.length);
  const warnings = preview.result?.ok ? preview.result.warnings : [];
  const problems: RuleIssue[] = errors.map((e) => ({ severity: "error", message: e.message, conditionId: e.conditionId, path: null }));
  const stats = preview.result?.ok ? preview.result.preview.tiers : [];
  const canPublish = draft.canPublish && tiers.length > 0;

  return (
    <CatalogProvider catalog={catalog}>
      <div ref={rootRef} className="space-y-6">
        <EditorHeader
          crumbs={[{ href: "/admin/rules", label: "Rules" }]}
          title="Tier scheme"
          publishedVersion={editor.publishedVersion}
          unpublished={draft.unpublished}
          dirty={draft.dirty}
          meta={
            <>
              An account belongs to the first tier whose rule it meets, or to {UNTIERED.label}.
              {draft.saved.at ? ` Draft saved ${formatDateTime(draft.saved.at)}${draft.saved.by ? ` by ${draft.saved.by}` : ""}.` : " No draft saved yet."}
            </>
          }
          actions={<DraftButtons draft={draft} canPublish={canPublish} />}
        />

        <DraftMessages draft={draft} />
        {removed && (
          <div role="status" className="flex items-center justify-between gap-3 rounded-lg bg-slate-900 px-4 py-2.5 text-sm text-white">
            <span>Removed {removed.tier.name.trim() ? `tier “${removed.tier.name.trim()}”` : `tier ${removed.index + 1}`}.</span>
            <button
              type="button"
              data-focus="undo-remove"
              onClick={undoRemove}
              className="rounded-md px-2.5 py-1 font-medium text-white ring-1 ring-inset ring-white/30 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white"
            >
              Undo
            </button>
          </div>
        )}
        {split.scheme.length > 0 && (draft.revealAll || tiers.length > 0) && <ActionBanner message={split.scheme.join(" ")} />}

        <EditorColumns
          className="space-y-4"
          preview={<TierPreviewPanel preview={preview} problems={tiers.length === 0 ? [] : problems} empty={tiers.length === 0} />}
        >
          {tiers.length === 0 && (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
              <p className="text-sm font-medium text-slate-900">No tiers yet</p>
              <p className="mt-1 text-sm text-slate-600">Add the first tier — usually your most valuable accounts — then the next ones in order.</p>
            </div>
          )}
          <ol className="space-y-4" aria-label="Tiers, in order">
            {tiers.map((tier, index) => (
              <li key={tier.uid}>
                <ThresholdScopeProvider earlier={definition.tiers.slice(0, index).map((t) => t.rule)} what="accounts that reach this tier">
                  <TierCard
                    tier={tier}
                    index={index}
                    count={tiers.length}
                    issues={split.tiers[index] ?? emptyTierIssues()}
                    warnings={tierWarnings(warnings, tier.key)}
                    stats={stats.find((s) => s.key === tier.key) ?? null}
                    estimated={preview.result?.ok === true && preview.result.preview.estimate !== null}
                    revealAll={draft.revealAll}
                    onChange={(next) => update(index, next)}
                    onMove={(delta) => move(index, delta)}
                    onRemove={() => remove(index)}
                  />
                </ThresholdScopeProvider>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={add}
            disabled={tiers.length >= MAX_TIERS}
            className="flex w-full items-center justify-center gap-1.5 rounded-xl border border-dashed border-slate-300 bg-white/60 px-4 py-3 text-sm font-medium text-slate-700 hover:border-brand-300 hover:bg-brand-50/40 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
          >
            <Plus className="h-4 w-4" aria-hidden />
            {tiers.length >= MAX_TIERS ? `A scheme has at most ${MAX_TIERS} tiers` : "Add tier"}
          </button>
          {tiers.length > 0 && <TierBacktestPanel definition={check.ok ? definition : null} />}
          <div className="pt-2">
            <VersionHistory
              what="tier scheme"
              versions={editor.versions.map((v) => ({ ...v, summary: v.tierNames.length ? v.tierNames.join(" › ") : "—" }))}
              currentVersion={editor.publishedVersion}
              disabled={draft.busy !== null}
              onRestore={draft.onRestore}
            />
          </div>
        </EditorColumns>

        <PublishTierDialog
          open={draft.publishOpen}
          onOpenChange={draft.setPublishOpen}
          definitionJson={draft.saved.text.rule}
          revision={draft.revision}
          nextVersion={draft.nextVersion}
          currentTiers={currentTiers}
          onPublished={draft.onPublished}
        />
      </div>
    </CatalogProvider>
  );
}
