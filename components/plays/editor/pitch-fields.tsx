"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { MAX_TALKING_POINTS, TALKING_POINT_MAX_LENGTH } from "@/lib/plays/definition";
import { TEMPLATE_MAX_LENGTH } from "@/lib/plays/template";
import { IconButton } from "@/components/rules/ui";
import { FieldMessages } from "./field-group";
import { insertText } from "./insert-text";
import { PlaceholderPicker } from "./placeholder-picker";
import { newTalkingPoint } from "./play-form";
import type { PlayIssues } from "./play-issues";
import type { PlayFormState } from "./use-play-form";

/** Where a placeholder goes: the pitch or one talking point (by row key), and the cursor there. */
interface InsertTarget {
  key: string;
  selection: { start: number; end: number } | null;
}

const PITCH = "pitch";

/**
 * The script: the pitch and up to eight talking points, both templates that may quote the
 * account's facts. Placeholder errors (with their line and column) show under the text they
 * are in, as soon as they are typed.
 */
export function PitchFields({ state, issues }: { state: PlayFormState; issues: PlayIssues }) {
  const { form, set } = state;
  const id = useId();
  const elements = useRef(new Map<string, HTMLTextAreaElement>());
  const target = useRef<InsertTarget>({ key: PITCH, selection: null });
  const pitchErrors = issues.fields.pitch ?? [];

  const remember = (key: string) => (event: React.SyntheticEvent<HTMLTextAreaElement>) => {
    const el = event.currentTarget;
    target.current = { key, selection: { start: el.selectionStart, end: el.selectionEnd } };
  };
  const register = (key: string) => (el: HTMLTextAreaElement | null) => {
    if (el) elements.current.set(key, el);
    else elements.current.delete(key);
  };
  const track = (key: string) => ({ ref: register(key), onSelect: remember(key), onBlur: remember(key), onFocus: remember(key) });

  const insert = (placeholder: string) => {
    const { key, selection } = elements.current.has(target.current.key) ? target.current : { key: PITCH, selection: null };
    const current = key === PITCH ? form.pitch : (form.talkingPoints.find((p) => p.key === key)?.text ?? "");
    const next = insertText(current, selection, placeholder);
    if (key === PITCH) set("pitch", next.value);
    else set("talkingPoints", form.talkingPoints.map((p) => (p.key === key ? { ...p, text: next.value } : p)));
    target.current = { key, selection: { start: next.caret, end: next.caret } };
    // After React has put the new text in: back to the text, cursor after the placeholder.
    requestAnimationFrame(() => {
      const el = elements.current.get(key);
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  const setPoint = (key: string, text: string) => set("talkingPoints", form.talkingPoints.map((p) => (p.key === key ? { ...p, text } : p)));
  const removePoint = (index: number) => {
    const rest = form.talkingPoints.filter((_, i) => i !== index);
    set("talkingPoints", rest);
    const neighbour = rest[index] ?? rest[index - 1];
    requestAnimationFrame(() => (neighbour ? elements.current.get(neighbour.key) : document.getElementById(`${id}-add`))?.focus());
  };
  const addPoint = () => {
    const row = newTalkingPoint();
    set("talkingPoints", [...form.talkingPoints, row]);
    requestAnimationFrame(() => elements.current.get(row.key)?.focus());
  };
  const full = form.talkingPoints.length >= MAX_TALKING_POINTS;

  return (
    <Card
      title="Script"
      id="play-script-heading"
      description="What the rep says. Placeholders such as {{name}} are replaced with each account’s facts, formatted as everywhere else in Tierwise."
      testId="play-script"
    >
      <div className="space-y-5">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-pitch`} className="block text-sm font-medium text-slate-700">
            Pitch
          </label>
          <textarea
            id={`${id}-pitch`}
            name="pitch"
            rows={5}
            value={form.pitch}
            maxLength={TEMPLATE_MAX_LENGTH}
            onChange={(ev) => set("pitch", ev.target.value)}
            aria-invalid={pitchErrors.length ? true : undefined}
            aria-describedby={pitchErrors.length ? `${id}-pitch-error` : `${id}-pitch-hint`}
            className={inputClass}
            placeholder="e.g. {{name}} still runs {{technologies.ERP}} on premise; our cloud edition moves it in a weekend."
            {...track(PITCH)}
          />
          <FieldMessages id={`${id}-pitch`} errors={pitchErrors} hint="Click a placeholder to insert it at the cursor, in the pitch or the talking point you were editing." />
          <PlaceholderPicker onPick={insert} />
        </div>

        <fieldset className="space-y-2" aria-describedby={issues.fields.talkingPoints?.length ? `${id}-points-error` : `${id}-points-hint`}>
          <legend className="mb-1 block text-sm font-medium text-slate-700">Talking points</legend>
          <FieldMessages id={`${id}-points`} errors={issues.fields.talkingPoints ?? []} hint={`Up to ${MAX_TALKING_POINTS} short points the rep can glance at; placeholders work here too. Empty ones are left out.`} />
          <ol className="space-y-2">
            {form.talkingPoints.map((point, index) => {
              const errors = issues.talkingPoints[index] ?? [];
              const rowId = `${id}-point-${point.key}`;
              return (
                <li key={point.key} className="flex items-start gap-2">
                  <span className="tabular mt-2 w-5 shrink-0 text-right text-sm text-slate-500" aria-hidden="true">
                    {index + 1}.
                  </span>
                  <div className="min-w-0 flex-1 space-y-1">
                    <textarea
                      id={rowId}
                      rows={2}
                      value={point.text}
                      maxLength={TALKING_POINT_MAX_LENGTH}
                      onChange={(ev) => setPoint(point.key, ev.target.value)}
                      aria-label={`Talking point ${index + 1}`}
                      aria-invalid={errors.length ? true : undefined}
                      aria-describedby={errors.length ? `${rowId}-error` : undefined}
                      className={inputClass}
                      {...track(point.key)}
                    />
                    <FieldMessages id={rowId} errors={errors} />
                  </div>
                  <IconButton label={`Remove talking point ${index + 1}`} tone="danger" className="mt-1.5" onClick={() => removePoint(index)}>
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </IconButton>
                </li>
              );
            })}
          </ol>
          <Button id={`${id}-add`} type="button" variant="secondary" className="px-2.5 py-1.5 text-xs" onClick={addPoint} disabled={full}>
            <Plus className="h-3.5 w-3.5" aria-hidden />
            {full ? `${MAX_TALKING_POINTS} of ${MAX_TALKING_POINTS} talking points` : "Add talking point"}
          </Button>
        </fieldset>
      </div>
    </Card>
  );
}
