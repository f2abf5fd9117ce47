"use client";

import { Popover } from "radix-ui";
import { useMemo, useState } from "react";
import { cn } from "@/lib/utils/cn";
import type { Option } from "@/lib/data/lookups";

/** A filter dropdown with checkboxes (keyboard: Tab/Space/Escape), optional search and groups. */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  searchable = false,
  groupLabel,
}: {
  label: string;
  options: Option[];
  selected: string[];
  onChange: (values: string[]) => void;
  searchable?: boolean;
  groupLabel?: (group: string) => string;
}) {
  const [filter, setFilter] = useState("");
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? options.filter((o) => o.label.toLowerCase().includes(f)) : options;
  }, [filter, options]);
  const summary =
    selected.length === 0
      ? label
      : selected.length === 1
        ? `${label}: ${options.find((o) => o.value === selected[0])?.label ?? selected[0]}`
        : `${label}: ${selected.length}`;

  return (
    <Popover.Root>
      <Popover.Trigger
        className={cn(
          "inline-flex items-center gap-1 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-brand-600",
          selected.length ? "bg-brand-50 text-brand-700 ring-brand-200" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
        )}
      >
        <span className="max-w-48 truncate">{summary}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 opacity-60">
          <path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-64 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
          aria-label={`${label} filter`}
        >
          {searchable && (
            <input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={`Search ${label.toLowerCase()}…`}
              aria-label={`Search ${label.toLowerCase()}`}
              className="mb-2 block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            />
          )}
          <CheckList label={label} options={visible} selected={selected} onChange={onChange} groupLabel={groupLabel} empty={<p className="px-2 py-3 text-sm text-slate-500">No matches</p>} />
          {selected.length > 0 && (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-2 w-full rounded px-2 py-1 text-left text-xs font-medium text-brand-700 hover:bg-brand-50"
            >
              Clear {label.toLowerCase()}
            </button>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/**
 * Options as checkboxes in a scrolling group, with a heading where the option group changes
 * (options come sorted by group). Ticking adds the value to `selected`, unticking removes it.
 */
export function CheckList({
  label,
  options,
  selected,
  onChange,
  groupLabel,
  empty,
  className,
}: {
  /** Accessible name of the group of checkboxes. */
  label: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  groupLabel?: (group: string) => string;
  /** Shown when there are no options (e.g. none match the search). */
  empty: React.ReactNode;
  className?: string;
}) {
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <div className={cn("max-h-72 overflow-y-auto", className)} role="group" aria-label={label}>
      {options.length === 0 && empty}
      {options.map((o, i) => {
        const header = o.group && o.group !== options[i - 1]?.group ? o.group : null;
        const checked = selected.includes(o.value);
        return (
          <div key={o.value}>
            {header && <div className="px-2 pb-1 pt-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{groupLabel ? groupLabel(header) : header}</div>}
            <label className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50", checked && "text-brand-900")}>
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
  );
}
