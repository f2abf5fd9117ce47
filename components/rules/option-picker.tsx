"use client";

import { Plus } from "lucide-react";
import { Popover } from "radix-ui";
import { useMemo, useState } from "react";
import { CheckList } from "@/components/ui/multi-select";
import type { Option } from "@/lib/data/lookups";
import { cn } from "@/lib/utils/cn";
import { PickerPanel, PickerSearch } from "./picker-panel";
import { Chip } from "./ui";

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

  return (
    <div
      role="group"
      aria-label={label}
      className={cn(
        "flex min-h-9 min-w-0 flex-wrap items-center gap-1.5 rounded-md bg-white px-1.5 py-1 shadow-sm ring-1 ring-inset",
        invalid ? "ring-red-500" : "ring-slate-300",
      )}
    >
      {selected.map((value) => (
        <Chip key={value} text={labels.get(value) ?? value} onRemove={() => onChange(selected.filter((v) => v !== value))} />
      ))}
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
          aria-label={triggerName(selected.length > 0, label, nounPlural, emptyText)}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <Plus className="h-3.5 w-3.5" aria-hidden />
          {selected.length ? "Add" : (emptyText ?? `Choose ${nounPlural}…`)}
        </Popover.Trigger>
        <PickerPanel label={label} className="w-72" sideOffset={6}>
          {searchable && (
            <PickerSearch type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={`Search ${nounPlural}…`} aria-label={`Search ${nounPlural}`} />
          )}
          <CheckList
            label={nounPlural}
            className="p-1"
            options={visible}
            selected={selected}
            onChange={onChange}
            groupLabel={groupLabel}
            empty={<p className="px-2 py-6 text-center text-sm text-slate-500">No {noun} matches “{filter}”.</p>}
          />
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
        </PickerPanel>
      </Popover.Root>
    </div>
  );
}

/**
 * The add/choose button's name names the picker (several sit side by side) and, for voice control
 * (WCAG 2.5.3, label in name), starts with the words it shows: "Choose segments, every one",
 * "Choose categories: whitespace categories".
 */
function triggerName(hasSelection: boolean, label: string, nounPlural: string, emptyText?: string): string {
  const named = label.toLowerCase();
  if (hasSelection) return `Add ${named}`;
  if (!emptyText && named.startsWith(nounPlural.toLowerCase())) return `Choose ${named}`;
  return `${emptyText ?? `Choose ${nounPlural}`}: ${named}`;
}
