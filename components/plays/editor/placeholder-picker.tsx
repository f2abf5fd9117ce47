"use client";

import { Braces } from "lucide-react";
import { Popover } from "radix-ui";
import { useMemo, useState } from "react";
import { TEMPLATE_PLACEHOLDERS, type PlaceholderHelp } from "@/lib/plays/template";
import { PickerPanel, PickerSearch } from "@/components/rules/picker-panel";

/** The placeholders most pitches use, offered as one-click buttons; the rest are in the list. */
const QUICK = ["{{name}}", "{{tier}}", "{{lifetimeValue}}", "{{technologies.ERP}}", "{{hostingPreference}}"];
const QUICK_PICKS = QUICK.flatMap((code) => TEMPLATE_PLACEHOLDERS.filter((p) => p.placeholder === code));

const chipClass =
  "inline-flex items-center rounded-md bg-white px-2 py-1 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-brand-50 hover:text-brand-800 hover:ring-brand-200 focus-visible:outline-2 focus-visible:outline-brand-600";

/**
 * Insert an account fact into the pitch or a talking point: a few common placeholders as
 * buttons, and every one (searchable by name or code) in a list. `onPick` inserts it where the
 * cursor last was.
 */
export function PlaceholderPicker({ onPick }: { onPick: (placeholder: string) => void }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? TEMPLATE_PLACEHOLDERS.filter((p) => p.label.toLowerCase().includes(f) || p.placeholder.toLowerCase().includes(f)) : TEMPLATE_PLACEHOLDERS;
  }, [filter]);

  const pick = (p: PlaceholderHelp) => {
    setOpen(false);
    setFilter("");
    onPick(p.placeholder);
  };

  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Insert a placeholder">
      <span className="text-xs text-slate-500">Insert:</span>
      {QUICK_PICKS.map((p) => (
        <button key={p.placeholder} type="button" className={chipClass} title={`${p.label}: inserts ${p.placeholder} at the cursor`} onClick={() => onPick(p.placeholder)}>
          {p.placeholder}
        </button>
      ))}
      <Popover.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setFilter("");
        }}
      >
        <Popover.Trigger
          type="button"
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <Braces className="h-3.5 w-3.5" aria-hidden />
          All {TEMPLATE_PLACEHOLDERS.length} placeholders…
        </Popover.Trigger>
        {/* Focus goes back to the text being edited (onPick), not to this button. */}
        <PickerPanel label="Placeholders" className="w-80" onCloseAutoFocus={(event) => event.preventDefault()}>
          <PickerSearch type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Search placeholders…" aria-label="Search placeholders" autoFocus />
          <ul className="max-h-72 overflow-y-auto p-1" aria-label="Placeholders">
            {visible.length === 0 && <li className="px-2 py-6 text-center text-sm text-slate-500">No placeholder matches “{filter}”.</li>}
            {visible.map((p) => (
              <li key={p.placeholder}>
                <button
                  type="button"
                  onClick={() => pick(p)}
                  className="flex w-full items-center justify-between gap-3 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600"
                >
                  <span className="truncate text-slate-800">{p.label}</span>
                  <code className="shrink-0 text-xs text-slate-500">{p.placeholder}</code>
                </button>
              </li>
            ))}
          </ul>
        </PickerPanel>
      </Popover.Root>
    </div>
  );
}
