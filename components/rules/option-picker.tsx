"use client";

import { Plus, Search, X } from "lucide-react";
import { Popover } from "radix-ui";
import { useMemo, useState } from "react";
import type { Option } from "@/lib/data/lookups";
import { cn } from "@/lib/utils/cn";

/**
 * A multi-value input: the chosen values as removable chips, and a button that opens a
 * checklist (searchable, optionally grouped) to add more. Tab / Space / Esc work throughout.
 */
export function OptionPicker({
  label,
  noun,
  nounPlural = `${noun}s`,
  emptyText,
  options,
  selected,
  onChange,
  groupLabel,
  invalid = false,
  describedBy,
  focusKey,
  onBlur,
}: {
  /** Accessible name of the whole input, e.g. "Industry values". */
  label: string;
  /** What one option is, for button text: "value", "technology", "category". */
  noun: string;
  /** Its plural, when not noun + "s". */
  nounPlural?: string;
  /** The button's text while nothing is chosen (default "Choose values…"). */
  emptyText?: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  groupLabel?: (group: string) => string;
  invalid?: boolean;
  describedBy?: string;
  focusKey?: string;
  onBlur?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const labels = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return options;
    return options.filter((o) => o.label.toLowerCase().includes(f) || (o.group && (groupLabel?.(o.group) ?? o.group).toLowerCase().includes(f)));
  }, [filter, options, groupLabel]);
  const searchable = options.length > 8;
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  return (
    <div
      role="group"
      aria-label={label}
      className={cn(
        "flex min-h-9 min-w-0 flex-wrap items-center gap-1.5 rounded-md bg-white px-1.5 py-1 shadow-sm ring-1 ring-inset",
        invalid ? "ring-red-500" : "ring-slate-300",
      )}
    >
      {selected.map((value) => {
        const text = labels.get(value) ?? value;
        return (
          <span key={value} className="inline-flex max-w-full items-center gap-0.5 rounded bg-brand-50 py-0.5 pl-2 pr-0.5 text-xs font-medium text-brand-900 ring-1 ring-inset ring-brand-100">
            <span className="truncate">{text}</span>
            <button
              type="button"
              onClick={() => onChange(selected.filter((v) => v !== value))}
              aria-label={`Remove ${text}`}
              className="rounded p-0.5 text-brand-700 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <X className="h-3 w-3" aria-hidden />
            </button>
          </span>
        );
      })}
      <Popover.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) {
            setFilter("");
            onBlur?.();
          }
        }}
      >
        <Popover.Trigger
          type="button"
          data-focus={focusKey}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-label={`${selected.length ? "Add" : "Choose"} ${label.toLowerCase()}`}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <Plus className="h-3.5 w-3.5" aria-hidden />
          {selected.length ? "Add" : (emptyText ?? `Choose ${nounPlural}…`)}
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={6}
            collisionPadding={12}
            aria-label={label}
            className="z-50 w-72 overflow-hidden rounded-lg bg-white shadow-xl ring-1 ring-slate-200"
          >
            {searchable && (
              <div className="flex items-center gap-2 border-b border-slate-100 px-3">
                <Search className="h-4 w-4 text-slate-400" aria-hidden />
                <input
                  type="search"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  placeholder={`Search ${nounPlural}…`}
                  aria-label={`Search ${nounPlural}`}
                  className="h-10 w-full border-0 bg-transparent p-0 text-sm placeholder:text-slate-400 focus:outline-none focus:ring-0"
                />
              </div>
            )}
            <div className="max-h-72 overflow-y-auto p-1" role="group" aria-label={nounPlural}>
              {visible.length === 0 && <p className="px-2 py-6 text-center text-sm text-slate-500">No {noun} matches “{filter}”.</p>}
              {visible.map((o, i) => {
                const header = o.group && o.group !== visible[i - 1]?.group ? o.group : null;
                const checked = selected.includes(o.value);
                return (
                  <div key={o.value}>
                    {header && (
                      <div className="px-2 pb-1 pt-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
                        {groupLabel ? groupLabel(header) : header}
                      </div>
                    )}
                    <label
                      className={cn(
                        "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50",
                        checked && "text-brand-900",
                      )}
                    >
                      <input
                        type="checkbox"
                        checked={checked}
                        onChange={() => toggle(o.value)}
                        className="h-4 w-4 shrink-0 cursor-pointer rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600"
                      />
                      <span className="truncate">{o.label}</span>
                    </label>
                  </div>
                );
              })}
            </div>
            {selected.length > 0 && (
              <div className="flex items-center justify-between border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
                <span>{selected.length} selected</span>
                <button
                  type="button"
                  onClick={() => onChange([])}
                  className="rounded px-1.5 py-0.5 font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  Clear
                </button>
              </div>
            )}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}
