"use client";

import { Activity, Building2, ChevronsUpDown, Cpu, Search, TrendingUp } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useMemo, useRef, useState } from "react";
import { FIELD_FAMILIES, FIELD_FAMILY_LABELS, type FieldFamily } from "@/lib/segmentation/field-types";
import { FIELD_LIST, findField, type FieldDefinition } from "@/lib/segmentation/fields";
import { cn } from "@/lib/utils/cn";
import { PickerPanel, PickerSearch } from "./picker-panel";

const FAMILY_ICONS: Record<FieldFamily, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  firmographic: Building2,
  value: TrendingUp,
  behaviour: Activity,
  technographic: Cpu,
};

const TYPE_HINTS: Record<FieldDefinition["type"], string> = {
  number: "Number",
  money: "Amount",
  date: "Date",
  enum: "Choice",
  text: "Text",
  tags: "Tags",
  technology: "Technologies",
};

/**
 * The field of a condition: a button that opens a searchable list of every field in the
 * registry, grouped by family. The search box is a combobox: ↑/↓ move, Enter picks, Esc closes.
 */
export function FieldPicker({
  value,
  onChange,
  defaultOpen = false,
  invalid = false,
  describedBy,
  focusKey,
}: {
  value: string;
  onChange: (fieldKey: string) => void;
  defaultOpen?: boolean;
  invalid?: boolean;
  describedBy?: string;
  focusKey?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState<string | null>(null);
  const baseId = useId();
  // After a pick, focus moves on to the operator or value (the builder does it), not back here.
  const picked = useRef(false);
  const field = findField(value);
  const FamilyIcon = field ? FAMILY_ICONS[field.family] : null;

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = (f: FieldDefinition) =>
      !q || f.label.toLowerCase().includes(q) || f.description.toLowerCase().includes(q) || FIELD_FAMILY_LABELS[f.family].toLowerCase().includes(q);
    return FIELD_FAMILIES.map((family) => ({
      family,
      fields: FIELD_LIST.filter((f) => f.family === family && matches(f)) as FieldDefinition[],
    })).filter((g) => g.fields.length > 0);
  }, [query]);
  const flat = useMemo(() => groups.flatMap((g) => g.fields), [groups]);
  const activeKey = active && flat.some((f) => f.key === active) ? active : (flat.find((f) => f.key === value)?.key ?? flat[0]?.key ?? null);
  const optionId = (key: string) => `${baseId}-opt-${key}`;

  const choose = (key: string) => {
    picked.current = true;
    onChange(key);
    setOpen(false);
  };
  const move = (to: string | undefined) => {
    if (!to) return;
    setActive(to);
    document.getElementById(optionId(to))?.scrollIntoView({ block: "nearest" });
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const index = flat.findIndex((f) => f.key === activeKey);
    if (e.key === "ArrowDown") {
      e.preventDefault();
      move(flat[Math.min(flat.length - 1, index + 1)]?.key);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      move(flat[Math.max(0, index - 1)]?.key);
    } else if (e.key === "Home" && e.ctrlKey) {
      e.preventDefault();
      move(flat[0]?.key);
    } else if (e.key === "End" && e.ctrlKey) {
      e.preventDefault();
      move(flat[flat.length - 1]?.key);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (activeKey) choose(activeKey);
    }
  };

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setQuery("");
        setActive(null);
      }}
    >
      <Popover.Trigger
        type="button"
        data-focus={focusKey}
        aria-label={field ? `Field: ${field.label}` : "Choose a field"}
        title={field?.label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={cn(
          "inline-flex h-9 w-full min-w-0 items-center gap-2 rounded-md bg-white px-2.5 text-left text-sm shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 sm:w-52",
          "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 aria-[invalid=true]:ring-red-500",
          field ? "font-medium text-slate-900" : "text-slate-500",
        )}
      >
        {FamilyIcon ? <FamilyIcon className="h-4 w-4 shrink-0 text-slate-400" aria-hidden /> : <Search className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />}
        <span className="min-w-0 flex-1 truncate">{field?.label ?? "Choose field…"}</span>
        <ChevronsUpDown className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
      </Popover.Trigger>
      <PickerPanel
        label="Choose a field"
        className="w-80"
        onCloseAutoFocus={(event) => {
          if (picked.current) event.preventDefault();
          picked.current = false;
        }}
      >
        <PickerSearch
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-activedescendant={activeKey ? optionId(activeKey) : undefined}
          aria-autocomplete="list"
          aria-label="Search fields"
          placeholder="Search fields…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(null);
          }}
          onKeyDown={onKeyDown}
        />
        <div id={`${baseId}-list`} role="listbox" aria-label="Fields" className="max-h-80 overflow-y-auto py-1">
          {flat.length === 0 && <p className="px-3 py-6 text-center text-sm text-slate-500">No field matches “{query}”.</p>}
          {groups.map((group) => {
            const Icon = FAMILY_ICONS[group.family];
            const headingId = `${baseId}-family-${group.family}`;
            return (
              <div key={group.family} role="group" aria-labelledby={headingId} className="py-1">
                <div id={headingId} className="flex items-center gap-1.5 px-3 pb-1 pt-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
                  <Icon className="h-3.5 w-3.5" aria-hidden />
                  {FIELD_FAMILY_LABELS[group.family]}
                </div>
                {group.fields.map((f) => {
                  const isActive = f.key === activeKey;
                  const isSelected = f.key === value;
                  return (
                    <div
                      key={f.key}
                      id={optionId(f.key)}
                      role="option"
                      aria-selected={isSelected}
                      onMouseMove={() => setActive(f.key)}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => choose(f.key)}
                      className={cn(
                        "mx-1 flex cursor-pointer items-start justify-between gap-3 rounded-md px-2 py-1.5",
                        isActive ? "bg-brand-50" : "hover:bg-slate-50",
                      )}
                    >
                      <span className="min-w-0">
                        <span className={cn("block text-sm", isSelected ? "font-semibold text-brand-700" : "text-slate-900")}>{f.label}</span>
                        <span className="block truncate text-xs text-slate-500">{f.description}</span>
                      </span>
                      <span className="mt-0.5 shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-slate-500">
                        {TYPE_HINTS[f.type]}
                      </span>
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </PickerPanel>
    </Popover.Root>
  );
}
