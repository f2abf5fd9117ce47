"use client";

import { useId, useState } from "react";
import { cn } from "@/lib/utils/cn";

/** Colours that read well as dots and tinted badges on white, with enough contrast between them. */
export const PALETTE = ["#4f46e5", "#0891b2", "#059669", "#65a30d", "#d97706", "#dc2626", "#db2777", "#7c3aed", "#475569"];

/** A colour: the native picker, its hex code (editable), and quick swatches. */
export function ColorField({
  label,
  value,
  onChange,
  error,
  swatches = true,
}: {
  label: string;
  value: string;
  onChange: (color: string) => void;
  error?: string;
  swatches?: boolean;
}) {
  const id = useId();
  const [hex, setHex] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setHex(value);
  }
  const valid = /^#[0-9a-fA-F]{6}$/.test(value);
  return (
    <div className="space-y-1">
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-700">
        {label}
      </span>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-labelledby={`${id}-label`}>
        <input
          type="color"
          name={`${id}-picker`}
          aria-label={`${label} picker`}
          value={valid ? value.toLowerCase() : "#000000"}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-10 cursor-pointer rounded-md border-0 bg-white p-1 shadow-sm ring-1 ring-inset ring-slate-300 focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        <input
          type="text"
          name={`${id}-hex`}
          aria-label={`${label} hex code`}
          value={hex}
          maxLength={7}
          spellCheck={false}
          onChange={(e) => {
            const next = e.target.value.trim();
            setHex(next);
            const normalised = next.startsWith("#") ? next : `#${next}`;
            if (/^#[0-9a-fA-F]{6}$/.test(normalised)) {
              setSeen(normalised.toLowerCase());
              onChange(normalised.toLowerCase());
            } else {
              onChange(normalised);
              setSeen(normalised);
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="tabular h-9 w-24 rounded-md border-0 bg-white px-2.5 font-mono text-sm uppercase text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        />
        {swatches && (
          <div className="flex items-center gap-1" role="group" aria-label={`${label} presets`}>
            {PALETTE.map((color) => (
              <button
                key={color}
                type="button"
                onClick={() => onChange(color)}
                aria-label={`Use ${color}`}
                aria-pressed={value.toLowerCase() === color}
                className={cn(
                  "h-5 w-5 rounded-full ring-1 ring-inset ring-black/10 transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                  value.toLowerCase() === color && "outline-2 outline-offset-2 outline-slate-900",
                )}
                style={{ backgroundColor: color }}
              />
            ))}
          </div>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
