"use client";

import { useMemo, useState } from "react";
import { previewPlay } from "@/lib/actions/plays";
import type { PlayPreviewResult } from "@/lib/data/plays/preview";
import type { FieldErrors } from "@/lib/errors";
import type { PlayDefinition } from "@/lib/plays/definition";
import { warningIssues, type RuleIssue } from "@/components/rules/issues";
import { useLivePreview, type LivePreview } from "@/components/rules/use-live-preview";
import { audiencePreviewInput, definitionJson, type PlayDefinitionJson, type PlayForm } from "./play-form";
import { audienceProblems, checkDefinition, mergeIssues, noIssues, placeFieldErrors, placeIssues, type PlayIssues } from "./play-issues";

export interface PlayFormState {
  form: PlayForm;
  setForm: (next: PlayForm) => void;
  /** Change one field. */
  set: <K extends keyof PlayForm>(key: K, value: PlayForm[K]) => void;
  json: PlayDefinitionJson;
  /** The definition as JSON text: what is compared with the saved draft. */
  text: string;
  /** Every known problem: the browser's check, the preview's, and a refused save's (until the next edit). */
  issues: PlayIssues;
  /** The definition when the browser's check passes (the server may still refuse an id gone since), else null. */
  definition: PlayDefinition | null;
  preview: LivePreview<PlayPreviewResult>;
  /** Problems that keep the audience from being previewed. */
  audienceProblems: RuleIssue[];
  /** The preview's lint warnings placed in the rule (those with a condition or path). */
  ruleWarnings: RuleIssue[];
  /** Show a refused save's field errors next to their fields; false when none could be placed. */
  showRefusal: (fieldErrors: FieldErrors | undefined) => boolean;
}

/**
 * The state both play screens (new, edit) share: the form, its problems placed by field, and the
 * live preview of its audience (debounced; only once the audience itself is valid).
 */
export function usePlayForm(initial: PlayForm, playId: number | null): PlayFormState {
  const [form, setForm] = useState(initial);
  const [refusal, setRefusal] = useState<{ text: string; issues: PlayIssues } | null>(null);

  const json = useMemo(() => definitionJson(form), [form]);
  const text = JSON.stringify(json);
  const { definition, issues: checked } = useMemo(() => checkDefinition(json), [json]);
  const browserAudience = audienceProblems(checked);
  // The typed pitch goes along as plain text for the rendered example (never blocks the count).
  const previewInput = browserAudience.length === 0 ? { definition: audiencePreviewInput(json), texts: { pitch: json.pitch, talkingPoints: json.talkingPoints } } : null;
  const preview = useLivePreview(previewInput, (input) => previewPlay(playId, input.definition, input.texts));

  const previewIssues = preview.result && !preview.result.ok && !preview.pending ? placeIssues(preview.result.issues) : noIssues();
  const fromServer = mergeIssues(previewIssues, refusal?.text === text ? refusal.issues : noIssues());
  const issues = mergeIssues(checked, fromServer);
  const warnings = preview.result?.ok ? warningIssues(preview.result.warnings) : [];

  return {
    form,
    setForm,
    set: (key, value) => setForm((current) => ({ ...current, [key]: value })),
    json,
    text,
    issues,
    definition,
    preview,
    audienceProblems: browserAudience.length ? browserAudience : audienceProblems(previewIssues),
    ruleWarnings: warnings.filter((w) => w.path !== null || w.conditionId !== null),
    showRefusal: (fieldErrors) => {
      const placed = placeFieldErrors(fieldErrors ?? {});
      setRefusal({ text, issues: placed });
      return Object.keys(placed.fields).length > 0 && placed.other.length === 0;
    },
  };
}
