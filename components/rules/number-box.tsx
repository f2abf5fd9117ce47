"use client";

import { useState } from "react";
import { cn } from "@/lib/utils/cn";
import { formatNumberText, parseNumberText, valueFromText } from "./number-input-format";

/** A number box that keeps what is typed, shows "250,000" after leaving it, and can carry "$" or a unit. */
export function NumberBox({
  value,
  onChange,
  onBlur,
  label,
  money = false,
  unit,
  invalid,
  describedBy,
  focusKey,
  narrow = false,
}: {
  value: unknown;
  onChange: (value: number | string | null) => void;
  onBlur: () => void;
  label: string;
  money?: boolean;
  unit?: string | null;
  invalid: boolean;
  describedBy?: string;
  focusKey?: string;
  narrow?: boolean;
}) {
  const [text, setText] = useState(() => formatNumberText(value));
  const [seen, setSeen] = useState<unknown>(value);
  // A value changed from outside (operator switch, undo, reload) replaces what the box shows.
  if (!Object.is(seen, value)) {
    setSeen(value);
    const typed = parseNumberText(text);
    if (!(typed === value || (typed === "invalid" && text === value))) setText(formatNumberText(value));
  }
  return (
    <div
      className={cn(
        "flex h-9 min-w-0 items-center rounded-md bg-white shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-600",
        invalid ? "ring-red-500" : "ring-slate-300",
        narrow ? "w-full sm:w-40" : "w-full flex-1 sm:min-w-32",
      )}
    >
      {money && (
        <span className="pl-2.5 text-sm text-slate-500" aria-hidden="true">
          $
        </span>
      )}
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        name={focusKey ?? label}
        data-focus={focusKey}
        aria-label={money ? `${label} in US dollars` : label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={text}
        placeholder={money ? "0" : "Number"}
        onChange={(e) => {
          setText(e.target.value);
          const next = valueFromText(e.target.value);
          setSeen(next);
          onChange(next);
        }}
        onBlur={() => {
          const parsed = parseNumberText(text);
          if (typeof parsed === "number") setText(formatNumberText(parsed));
          onBlur();
        }}
        className={cn(
          "tabular h-full w-full min-w-0 border-0 bg-transparent text-sm text-slate-900 placeholder:text-slate-400 focus:outline-none focus:ring-0",
          money ? "pl-1 pr-2.5" : "px-2.5",
        )}
      />
      {unit && <span className="shrink-0 whitespace-nowrap pr-2.5 text-xs text-slate-500">{unit}</span>}
    </div>
  );
}
