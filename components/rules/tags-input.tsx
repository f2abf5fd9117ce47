"use client";

import { useId, useState } from "react";
import { cn } from "@/lib/utils/cn";
import { Chip } from "./ui";

/**
 * Free-text tags as chips: Enter or comma adds what was typed, Backspace in the empty box
 * removes the last tag; suggestions come from a native datalist (keyboard-friendly) and as
 * one-click chips below.
 */
export function TagsInput({
  label,
  tags,
  suggestions,
  onChange,
  invalid = false,
  describedBy,
  focusKey,
  onBlur,
}: {
  label: string;
  tags: readonly string[];
  suggestions: readonly string[];
  onChange: (tags: string[]) => void;
  invalid?: boolean;
  describedBy?: string;
  focusKey?: string;
  onBlur?: () => void;
}) {
  const [draft, setDraft] = useState("");
  const listId = useId();
  const remaining = suggestions.filter((s) => !tags.includes(s));
  const add = (raw: string) => {
    const tag = raw.trim().toLowerCase();
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
    setDraft("");
  };

  return (
    <div className="min-w-0 space-y-1.5">
      <div
        className={cn(
          "flex min-h-9 flex-wrap items-center gap-1.5 rounded-md bg-white px-1.5 py-1 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-600",
          invalid ? "ring-red-500" : "ring-slate-300",
        )}
      >
        {tags.map((tag) => (
          <Chip key={tag} text={tag} onRemove={() => onChange(tags.filter((t) => t !== tag))} />
        ))}
        <input
          type="text"
          name={focusKey ?? label}
          data-focus={focusKey}
          list={listId}
          value={draft}
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          placeholder={tags.length ? "Add tag…" : "Type a tag, press Enter"}
          onChange={(e) => {
            const value = e.target.value;
            if (value.endsWith(",")) add(value.slice(0, -1));
            else setDraft(value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(draft);
            } else if (e.key === "Backspace" && draft === "" && tags.length > 0) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim()) add(draft);
            onBlur?.();
          }}
          maxLength={60}
          className="h-7 min-w-28 flex-1 border-0 bg-transparent px-1 text-sm text-slate-900 placeholder:text-slate-400 focus:outline-none focus:ring-0"
        />
        <datalist id={listId}>
          {remaining.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      {remaining.length > 0 && (
        <div className="flex flex-wrap items-center gap-1 text-xs text-slate-500">
          <span>Suggestions:</span>
          {remaining.map((s) => (
            <button
              key={s}
              type="button"
              onClick={() => add(s)}
              aria-label={`Add tag ${s}`}
              className="rounded-full px-2 py-0.5 text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              + {s}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
