"use client";

import { useId } from "react";
import { publishNoteSchema } from "@/lib/validation/segment";

/** The required "why" note of a publish or restore, with its error right under it. */
export function NoteField({
  value,
  onChange,
  error,
  label = "Note",
  hint = "Say why, in a sentence. It appears in the version history and on every affected account's history.",
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  label?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label} <span className="font-normal text-slate-500">(required)</span>
      </label>
      <textarea
        id={id}
        name="note"
        rows={3}
        value={value}
        maxLength={500}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-required="true"
        className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        placeholder="e.g. Raise the Tier 1 bar to focus reps on the largest accounts"
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The message for a note that cannot be published, or null when it is fine. */
export function noteProblem(note: string): string | null {
  const parsed = publishNoteSchema.safeParse(note);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "Write a short note saying why.");
}
