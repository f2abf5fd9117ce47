"use client";

import { Save } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { updateScoring } from "@/lib/actions/update-scoring";
import { SCORE_PART_DISPLAY } from "@/lib/domain/score-parts";
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import { ENGAGEMENT_SCORE_SHARE, RECENCY_HORIZON_DAYS, VALUE_LTV_SHARE, type ScoreWeights } from "@/lib/segmentation/score";
import { CatalogProvider, type RuleCatalog } from "./catalog";
import { ActionBanner } from "@/components/ui/alert";
import { Breadcrumb } from "./editor-header";
import { validateEditorRule } from "./issues";
import { PreviewStatus, shownCount } from "./preview-bits";
import { RuleBuilder } from "./rule-builder";
import { isSegmentEstimate } from "./segment-preview-panel";
import { fromRuleJson, toRuleJson, type EditorGroup } from "./rule-tree";
import { WEIGHT_KEYS, sharePercents, type WeightKey } from "./scoring-weights";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/utils/format";
import { requestPreview } from "./preview-request";
import { useLivePreview } from "./use-live-preview";
import { useSaveShortcut } from "./use-save-shortcut";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";

const COMPONENTS: Record<WeightKey, { label: string; color: string; description: string }> = {
  value: {
    ...SCORE_PART_DISPLAY.value,
    description: `Lifetime value (${Math.round(VALUE_LTV_SHARE * 100)}%) and estimated potential (${Math.round((1 - VALUE_LTV_SHARE) * 100)}%), ranked against every other account.`,
  },
  fit: { ...SCORE_PART_DISPLAY.fit, description: "The share of the ideal customer profile's criteria the account meets." },
  engagement: {
    ...SCORE_PART_DISPLAY.engagement,
    description: `Engagement score (${Math.round(ENGAGEMENT_SCORE_SHARE * 100)}%) and how recently they ordered (${Math.round((1 - ENGAGEMENT_SCORE_SHARE) * 100)}%).`,
  },
};

/** Priority score settings: three weights and the ideal customer profile that defines fit. */
export function ScoringForm({ weights: initialWeights, idealProfile, catalog }: { weights: ScoreWeights; idealProfile: unknown; catalog: RuleCatalog }) {
  const [weights, setWeights] = useState<ScoreWeights>(initialWeights);
  const [tree, setTree] = useState<EditorGroup>(() => fromRuleJson(idealProfile));
  const [saved, setSaved] = useState(() => JSON.stringify({ w: initialWeights, p: toRuleJson(fromRuleJson(idealProfile)) }));
  const [revealAll, setRevealAll] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const profile = toRuleJson(tree);
  const snapshot = JSON.stringify({ w: weights, p: profile });
  const dirty = snapshot !== saved;
  const check = validateEditorRule(tree);
  const total = weights.value + weights.fit + weights.engagement;
  const weightError = total <= 0 ? "At least one weight must be above zero." : null;
  const shares = sharePercents(weights);
  const criteria = tree.children.length;
  // How many accounts meet every criterion (a perfect fit): previewed as an AND of them.
  const allOf = criteria > 0 && check.ok ? { ...profile, op: "and", negate: undefined } : null;
  const perfect = useLivePreview<unknown, SegmentPreviewResult>(allOf, (rule, previewKey, phase, signal) =>
    requestPreview<SegmentPreviewResult>({ kind: "segment", segmentId: null, rule, previewKey, phase }, signal), {
    isEstimate: isSegmentEstimate,
  });

  useUnsavedChangesWarning(dirty);

  const save = async () => {
    if (!check.ok || weightError) {
      setRevealAll(true);
      setFailure("Fix the highlighted problems before saving.");
      return;
    }
    setBusy(true);
    setFailure(null);
    setNotice(null);
    const sent = snapshot;
    const result = await updateScoring({ weights, idealProfile: profile });
    setBusy(false);
    if (result.ok) {
      setSaved(sent);
      setNotice(`Saved. Every account was rescored; ${plural(result.data.changed, "score")} changed.`);
    } else {
      setFailure(result.error);
    }
  };
  useSaveShortcut(() => {
    if (dirty && !busy) void save();
  });

  const perfectCount = perfect.result?.ok ? perfect.result.preview : null;

  return (
    <CatalogProvider catalog={catalog}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="space-y-2">
            <Breadcrumb crumbs={[{ href: "/admin/rules", label: "Rules" }]} current="Priority score" />
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Priority score</h1>
            <p className="max-w-3xl text-sm text-slate-600">
              Orders each rep&apos;s accounts within a tier. Set how much value, fit and engagement count, and what a perfect-fit account looks like.
            </p>
          </div>
          <Button type="button" onClick={() => void save()} disabled={!dirty || busy}>
            <Save className="h-4 w-4" aria-hidden />
            {busy ? "Saving and rescoring…" : "Save"}
          </Button>
        </div>

        {failure && <ActionBanner message={failure} />}
        {notice && !failure && <ActionBanner message={notice} tone="success" />}

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="min-w-0 space-y-6">
            <Card title="Weights" id="weights-heading" description="0 to 100 each. The share shows what each component counts for.">
              <div className="space-y-5">
                <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`Value ${shares.value}%, fit ${shares.fit}%, engagement ${shares.engagement}%`}>
                  {WEIGHT_KEYS.map((k) => (
                    <div key={k} className="h-full transition-[width] duration-200" style={{ width: `${shares[k]}%`, backgroundColor: COMPONENTS[k].color }} />
                  ))}
                </div>
                {WEIGHT_KEYS.map((k) => (
                  <WeightControl key={k} name={k} value={weights[k]} share={shares[k]} onChange={(v) => setWeights((w) => ({ ...w, [k]: v }))} invalid={!!weightError} />
                ))}
                {weightError && (
                  <p role="alert" className="text-sm text-red-700">
                    {weightError}
                  </p>
                )}
              </div>
            </Card>
            <Card title="How the score is computed" id="score-explained-heading">
              <p className="text-sm leading-relaxed text-slate-700">
                Every account gets a score from 0 to 100: a weighted sum of three components, each itself 0–100. <strong>Value</strong> ranks the
                account&apos;s lifetime value ({Math.round(VALUE_LTV_SHARE * 100)}%) and estimated potential ({Math.round((1 - VALUE_LTV_SHARE) * 100)}%)
                against all other accounts as percentiles. <strong>Fit</strong> is the share of the ideal customer profile&apos;s criteria the account
                meets (3 of 4 gives 75). <strong>Engagement</strong> blends the engagement score ({Math.round(ENGAGEMENT_SCORE_SHARE * 100)}%) with order
                recency ({Math.round((1 - ENGAGEMENT_SCORE_SHARE) * 100)}%: 100 for an order today, falling to 0 at {RECENCY_HORIZON_DAYS} days or with no
                orders). The weights are scaled to add up to 100%, so only their proportions matter. Saving rescores every account at once, and reps see
                each score&apos;s breakdown on the account page.
              </p>
            </Card>
          </div>

          <Card
            title="Ideal customer profile"
            id="profile-heading"
            description="The criteria of a perfect-fit account. Use a group for alternatives (any of…)."
          >
            <div className="space-y-4">
              <RuleBuilder value={tree} onChange={setTree} issues={check.ok ? [] : check.issues} revealAll={revealAll} label="Ideal customer profile criteria" mode="criteria" />
              <p className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" aria-live="polite">
                <span>
                {criteria === 0
                  ? "No criteria: every account's fit is 0, so the fit weight changes nothing."
                  : perfectCount
                    ? `${shownCount(perfectCount.matching, perfectCount.estimate !== null)} of ${shownCount(perfectCount.total, perfectCount.estimate !== null)} accounts meet all ${criteria} ${criteria === 1 ? "criterion" : "criteria"} (fit 100)${perfectCount.estimate ? `, estimated from a sample of ${perfectCount.estimate.sampled.toLocaleString("en-US")}` : ""}.`
                    : `${criteria} ${criteria === 1 ? "criterion" : "criteria"}; each is worth ${Math.round(100 / criteria)} fit points.`}
                </span>
                {allOf && <PreviewStatus pending={perfect.pending} refining={perfect.refining} blocked={false} error={perfect.error} />}
              </p>
            </div>
          </Card>
        </div>
      </div>
    </CatalogProvider>
  );
}

function WeightControl({ name, value, share, onChange, invalid }: { name: WeightKey; value: number; share: number; onChange: (v: number) => void; invalid: boolean }) {
  const id = useId();
  const c = COMPONENTS[name];
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(100, Math.max(0, Math.round(v))) : 0);
  // The slider and the number box are two views of one weight, described by the same texts.
  const shared = {
    min: 0,
    max: 100,
    step: 1,
    value,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(clamp(Number(e.target.value))),
    "aria-describedby": `${id}-share ${id}-desc`,
  };
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={`${id}-number`} className="flex items-center gap-2 text-sm font-medium text-slate-900">
          <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: c.color }} aria-hidden="true" />
          {c.label}
        </label>
        <span className="tabular text-sm font-semibold text-slate-900" id={`${id}-share`}>
          {share}% <span className="font-normal text-slate-500">of the score</span>
        </span>
      </div>
      <div className="flex items-center gap-3">
        <input type="range" name={`${id}-slider`} {...shared} aria-label={`${c.label} weight slider`} className="h-2 flex-1 cursor-pointer accent-brand-600" />
        <input
          id={`${id}-number`}
          type="number"
          {...shared}
          aria-invalid={invalid || undefined}
          className="tabular h-9 w-20 rounded-md border-0 bg-white px-2.5 text-right text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        />
      </div>
      <p id={`${id}-desc`} className="text-xs text-slate-500">
        {c.description}
      </p>
    </div>
  );
}
