"use client";

import { Plus, Rocket, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { previewTierScheme } from "@/lib/actions/preview-rule";
import { restoreTierScheme } from "@/lib/actions/publish-rule";
import { saveTierSchemeDraft } from "@/lib/actions/save-rule-draft";
import type { TierSchemeEditorData } from "@/lib/data/rules/tier-scheme";
import { MAX_TIERS } from "@/lib/segmentation/tier-scheme";
import { CatalogProvider, type RuleCatalog } from "./catalog";
import { PALETTE } from "./color-field";
import { ActionBanner } from "@/components/ui/alert";
import { EditorHeader } from "./editor-header";
import { clearFlash, peekFlash, setFlash } from "./flash";
import { emptyTierIssues, splitTierErrors, tierWarnings, validateEditorScheme, type RuleIssue } from "./issues";
import { formatDateTime } from "./format";
import { PublishTierDialog } from "./publish-tier-dialog";
import { emptyGroup, fromRuleJson, newId, slugify, toRuleJson } from "./rule-tree";
import { TierCard, type EditorTier } from "./tier-card";
import { TierPreviewPanel } from "./tier-preview-panel";
import type { CurrentTier } from "./transition-matrix";
import { plural } from "@/lib/utils/format";
import { useLivePreview } from "./use-live-preview";
import { useSaveShortcut } from "./use-save-shortcut";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";
import { VersionHistory } from "./version-history";

const FLASH = "tier-scheme";

function loadTiers(draft: unknown): EditorTier[] {
  const raw = typeof draft === "object" && draft !== null && Array.isArray((draft as { tiers?: unknown }).tiers) ? (draft as { tiers: unknown[] }).tiers : [];
  return raw.map((t, i) => {
    const r = (typeof t === "object" && t !== null ? t : {}) as Record<string, unknown>;
    return {
      uid: `t${i}`,
      key: typeof r.key === "string" ? r.key : `tier-${i + 1}`,
      name: typeof r.name === "string" ? r.name : "",
      color: typeof r.color === "string" ? r.color : PALETTE[i % PALETTE.length]!,
      rule: fromRuleJson(r.rule, `t${i}g`),
      persisted: true,
    };
  });
}

function toDefinition(tiers: EditorTier[]) {
  return { tiers: tiers.map((t) => ({ key: t.key, name: t.name.trim(), color: t.color.toLowerCase(), rule: toRuleJson(t.rule) })) };
}

/**
 * The tier scheme editor: ordered tier cards (name, colour, key, rule), a live preview of the
 * distribution, save with conflict detection, publish with the transition matrix, history.
 * The page remounts it (key = published version) after a publish or restore.
 */
export function TierSchemeEditor({ editor, currentTiers, catalog }: { editor: TierSchemeEditorData; currentTiers: CurrentTier[]; catalog: RuleCatalog }) {
  const router = useRouter();
  const [tiers, setTiers] = useState<EditorTier[]>(() => loadTiers(editor.draft));
  const [revision, setRevision] = useState(editor.revision);
  const [saved, setSaved] = useState(() => ({ definition: JSON.stringify(toDefinition(loadTiers(editor.draft))), at: editor.updatedAt, by: editor.updatedBy }));
  const [initialDefinition] = useState(saved.definition);
  const [revealAll, setRevealAll] = useState(false);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(() => peekFlash(FLASH));
  const [removed, setRemoved] = useState<{ tier: EditorTier; index: number } | null>(null);
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => clearFlash(FLASH), []);
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  });

  const definition = toDefinition(tiers);
  const definitionText = JSON.stringify(definition);
  const dirty = !leaving && definitionText !== saved.definition;
  const unpublished = editor.hasUnpublishedChanges || saved.definition !== initialDefinition;
  const check = validateEditorScheme({ tiers });
  const preview = useLivePreview(check.ok ? definition : null, (d) => previewTierScheme(d));

  const serverErrors = preview.result && !preview.result.ok && !preview.pending ? preview.result.errors : [];
  const errors = check.ok ? serverErrors : check.errors;
  const split = splitTierErrors(errors, tiers.length);
  const warnings = preview.result?.ok ? preview.result.warnings : [];
  const problems: RuleIssue[] = errors.map((e) => ({ severity: "error", message: e.message, conditionId: e.conditionId, path: null }));
  const stats = preview.result?.ok ? preview.result.preview.tiers : [];

  useUnsavedChangesWarning(dirty);

  const update = (index: number, next: EditorTier) =>
    setTiers((list) =>
      list.map((t, i) => {
        if (i !== index) return t;
        if (t.persisted || next.name === t.name) return next;
        // A new tier's key follows its name until the first save.
        const taken = list.filter((_, j) => j !== index).map((o) => o.key);
        return { ...next, key: slugify(next.name, taken) };
      }),
    );

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= tiers.length) return;
    const tier = tiers[index]!;
    const atEdge = target === 0 || target === tiers.length - 1;
    pendingFocus.current = `${tier.uid}:${atEdge ? (delta < 0 ? "down" : "up") : delta < 0 ? "up" : "down"}`;
    const next = [...tiers];
    [next[index], next[target]] = [next[target]!, next[index]!];
    setTiers(next);
  };

  const remove = (index: number) => {
    const tier = tiers[index];
    if (!tier) return;
    setRemoved({ tier, index });
    setTiers(tiers.filter((_, i) => i !== index));
    pendingFocus.current = "undo-remove";
  };

  const addTier = () => {
    const n = tiers.length + 1;
    const name = `Tier ${n}`;
    const tier: EditorTier = {
      uid: `new-${newId()}`,
      key: slugify(name, tiers.map((t) => t.key)),
      name,
      color: PALETTE[tiers.length % PALETTE.length]!,
      rule: emptyGroup(),
      persisted: false,
    };
    setTiers([...tiers, tier]);
  };

  const save = async (): Promise<boolean> => {
    if (!check.ok) {
      setRevealAll(true);
      setFailure({ message: "Fix the highlighted problems before saving.", conflict: false });
      return false;
    }
    setBusy("save");
    setFailure(null);
    setNotice(null);
    const sent = definitionText;
    const result = await saveTierSchemeDraft(definition, revision);
    setBusy(null);
    if (!result.ok) {
      setFailure({ message: result.error, conflict: result.code === "CONFLICT" });
      return false;
    }
    setRevision(result.data.revision);
    setSaved({ definition: sent, at: new Date(), by: "you" });
    setTiers((list) => list.map((t) => (t.persisted ? t : { ...t, persisted: true })));
    setRemoved(null);
    return true;
  };

  const startPublish = async () => {
    if (dirty) {
      setBusy("publish");
      const ok = await save();
      setBusy(null);
      if (!ok) return;
    }
    setPublishOpen(true);
  };

  useSaveShortcut(() => {
    if (dirty && !busy) void save().then((ok) => ok && setNotice("Draft saved."));
  });

  const nextVersion = (editor.versions[0]?.version ?? 0) + 1;
  const canPublish = !busy && (dirty || unpublished) && tiers.length > 0;

  return (
    <CatalogProvider catalog={catalog}>
      <div ref={rootRef} className="space-y-6">
        <EditorHeader
          crumbs={[{ href: "/admin/rules", label: "Rules" }]}
          title="Tier scheme"
          publishedVersion={editor.publishedVersion}
          unpublished={unpublished}
          dirty={dirty}
          meta={
            <>
              An account belongs to the first tier whose rule it meets, or to Untiered.
              {saved.at ? ` Draft saved ${formatDateTime(saved.at)}${saved.by ? ` by ${saved.by}` : ""}.` : " No draft saved yet."}
            </>
          }
          actions={
            <>
              <Button type="button" variant="secondary" onClick={() => void save().then((ok) => ok && setNotice("Draft saved."))} disabled={!dirty || busy !== null}>
                <Save className="h-4 w-4" aria-hidden />
                {busy === "save" ? "Saving…" : "Save draft"}
              </Button>
              <Button type="button" onClick={() => void startPublish()} disabled={!canPublish} title={canPublish ? undefined : "Nothing to publish: the draft is the published version"}>
                <Rocket className="h-4 w-4" aria-hidden />
                {busy === "publish" ? "Saving…" : "Publish…"}
              </Button>
            </>
          }
        />

        {failure && <ActionBanner message={failure.message} conflict={failure.conflict} />}
        {notice && !failure && <ActionBanner message={notice} tone="success" />}
        {removed && (
          <div role="status" className="flex items-center justify-between gap-3 rounded-lg bg-slate-900 px-4 py-2.5 text-sm text-white">
            <span>Removed {removed.tier.name.trim() ? `tier “${removed.tier.name.trim()}”` : `tier ${removed.index + 1}`}.</span>
            <button
              type="button"
              data-focus="undo-remove"
              onClick={() => {
                const next = [...tiers];
                next.splice(Math.min(removed.index, next.length), 0, removed.tier);
                setTiers(next);
                setRemoved(null);
                pendingFocus.current = `${removed.tier.uid}:up`;
              }}
              className="rounded-md px-2.5 py-1 font-medium text-white ring-1 ring-inset ring-white/30 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white"
            >
              Undo
            </button>
          </div>
        )}
        {split.scheme.length > 0 && (revealAll || tiers.length > 0) && <ActionBanner message={split.scheme.join(" ")} />}

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
          <div className="min-w-0 space-y-4">
            {tiers.length === 0 && (
              <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
                <p className="text-sm font-medium text-slate-900">No tiers yet</p>
                <p className="mt-1 text-sm text-slate-600">Add the first tier — usually your most valuable accounts — then the next ones in order.</p>
              </div>
            )}
            <ol className="space-y-4" aria-label="Tiers, in order">
              {tiers.map((tier, index) => (
                <li key={tier.uid}>
                  <TierCard
                    tier={tier}
                    index={index}
                    count={tiers.length}
                    issues={split.tiers[index] ?? emptyTierIssues()}
                    warnings={tierWarnings(warnings, tier.key)}
                    stats={stats.find((s) => s.key === tier.key) ?? null}
                    revealAll={revealAll}
                    onChange={(next) => update(index, next)}
                    onMove={(delta) => move(index, delta)}
                    onRemove={() => remove(index)}
                  />
                </li>
              ))}
            </ol>
            <button
              type="button"
              onClick={addTier}
              disabled={tiers.length >= MAX_TIERS}
              className="flex w-full items-center justify-center gap-1.5 rounded-xl border border-dashed border-slate-300 bg-white/60 px-4 py-3 text-sm font-medium text-slate-700 hover:border-brand-300 hover:bg-brand-50/40 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
            >
              <Plus className="h-4 w-4" aria-hidden />
              {tiers.length >= MAX_TIERS ? `A scheme has at most ${MAX_TIERS} tiers` : "Add tier"}
            </button>
            <div className="pt-2">
              <VersionHistory
                what="tier scheme"
                versions={editor.versions.map((v) => ({ ...v, summary: v.tierNames.length ? v.tierNames.join(" › ") : "—" }))}
                currentVersion={editor.publishedVersion}
                disabled={busy !== null}
                onRestore={async (version, note) => {
                  const result = await restoreTierScheme(version, note);
                  if (result.ok) {
                    setFlash(FLASH, `Restored v${version} as v${result.data.version}. ${plural(result.data.changed, "account")} changed tier.`);
                    setLeaving(true);
                    router.refresh();
                  }
                  return result;
                }}
              />
            </div>
          </div>
          <aside className="min-w-0 lg:sticky lg:top-20" aria-label="Preview">
            <TierPreviewPanel preview={preview} problems={tiers.length === 0 ? [] : problems} empty={tiers.length === 0} />
          </aside>
        </div>

        <PublishTierDialog
          open={publishOpen}
          onOpenChange={setPublishOpen}
          definitionJson={saved.definition}
          revision={revision}
          nextVersion={nextVersion}
          currentTiers={currentTiers}
          onPublished={(result) => {
            setFlash(FLASH, `Published v${result.version}. ${plural(result.changed, "account")} changed tier.`);
            setPublishOpen(false);
            router.refresh();
          }}
        />
      </div>
    </CatalogProvider>
  );
}
