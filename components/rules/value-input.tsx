"use client";

import { useState } from "react";
import type { FieldDefinition } from "@/lib/segmentation/fields";
import { staticOptions } from "@/lib/segmentation/fields";
import { categoryLabel } from "@/lib/segmentation/format";
import type { OperatorDefinition } from "@/lib/segmentation/operators";
import { TECH_CATEGORY_OPTIONS } from "@/lib/segmentation/options";
import type { RulePath } from "@/lib/segmentation/rule";
import { cn } from "@/lib/utils/cn";
import { useCatalog } from "./catalog";
import { formatNumberText, parseNumberText, valueFromText } from "./number-input-format";
import { OptionPicker } from "./option-picker";
import { TagsInput } from "./tags-input";

const boxClass =
  "h-9 w-full min-w-0 rounded-md border-0 bg-white px-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

export interface ValueInputProps {
  field: FieldDefinition;
  operator: OperatorDefinition;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The person left a value control: from now on its problems show in red. */
  onCommit: () => void;
  /** Whether the value (sub-path [] for the whole value, ["min"] for part of it) has a problem. */
  invalidAt: (sub: RulePath) => boolean;
  describedBy?: string;
  focusKey: string;
}

/** The value part of a condition, shaped by the operator's value kind (operators.ts). */
export function ValueInput(props: ValueInputProps) {
  const { field, operator, value, onChange, onCommit, invalidAt, describedBy, focusKey } = props;
  const { technologies, owners } = useCatalog();
  const common = { describedBy, onBlur: onCommit };
  const subject = field.label;
  const record = isRecord(value) ? value : {};

  switch (operator.value) {
    case "none":
      return null;
    case "number":
      return (
        <NumberBox
          {...common}
          focusKey={focusKey}
          label={`Value for ${subject}`}
          value={value}
          onChange={onChange}
          money={field.type === "money"}
          unit={unitText(field)}
          invalid={invalidAt([])}
        />
      );
    case "range":
      return (
        <div className="flex min-w-0 flex-1 items-center gap-2">
          <NumberBox
            {...common}
            focusKey={focusKey}
            label={`Minimum for ${subject}`}
            value={record.min}
            onChange={(min) => onChange({ ...record, min })}
            money={field.type === "money"}
            invalid={invalidAt(["min"]) || invalidAt([])}
          />
          <span className="text-xs text-slate-500">and</span>
          <NumberBox
            {...common}
            label={`Maximum for ${subject}`}
            value={record.max}
            onChange={(max) => onChange({ ...record, max })}
            money={field.type === "money"}
            unit={unitText(field)}
            invalid={invalidAt(["max"]) || invalidAt([])}
          />
        </div>
      );
    case "date":
      return (
        <input
          type="date"
          data-focus={focusKey}
          aria-label={`Date for ${subject}`}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onCommit}
          aria-invalid={invalidAt([]) || undefined}
          aria-describedby={describedBy}
          className={cn(boxClass, "sm:w-44")}
        />
      );
    case "dateRange":
      return (
        <div className="flex min-w-0 flex-1 items-center gap-2">
          {(["from", "to"] as const).map((part, i) => (
            <span key={part} className="contents">
              {i === 1 && <span className="text-xs text-slate-500">and</span>}
              <input
                type="date"
                data-focus={i === 0 ? focusKey : undefined}
                aria-label={`${part === "from" ? "Start date" : "End date"} for ${subject}`}
                value={typeof record[part] === "string" ? (record[part] as string) : ""}
                onChange={(e) => onChange({ ...record, [part]: e.target.value })}
                onBlur={onCommit}
                aria-invalid={invalidAt([part]) || invalidAt([]) || undefined}
                aria-describedby={describedBy}
                className={cn(boxClass, "min-w-0 flex-1 sm:max-w-44")}
              />
            </span>
          ))}
        </div>
      );
    case "days":
      return (
        <NumberBox
          {...common}
          focusKey={focusKey}
          label={`Number of days for ${subject}`}
          value={value}
          onChange={onChange}
          unit={operator.label.endsWith("ago") ? "days ago" : "days"}
          invalid={invalidAt([])}
          narrow
        />
      );
    case "options": {
      const options = field.type === "enum" && field.options.kind === "dynamic" ? owners : [...staticOptions(field)];
      return (
        <OptionPicker
          {...common}
          focusKey={focusKey}
          label={`${subject} values`}
          noun={field.key === "owner" ? "owner" : "value"}
          options={options}
          selected={stringList(value)}
          onChange={onChange}
          invalid={invalidAt([]) || hasInvalidItem(invalidAt, value)}
        />
      );
    }
    case "text":
      return (
        <input
          type="text"
          data-focus={focusKey}
          aria-label={`Text for ${subject}`}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onCommit}
          maxLength={200}
          placeholder={field.key === "domain" ? "e.g. acme.com" : "Type text…"}
          aria-invalid={invalidAt([]) || undefined}
          aria-describedby={describedBy}
          className={cn(boxClass, "flex-1")}
        />
      );
    case "tags":
      if (field.type === "tags" && field.options) {
        return (
          <OptionPicker
            {...common}
            focusKey={focusKey}
            label={`${subject} values`}
            noun="value"
            options={[...field.options]}
            selected={stringList(value)}
            onChange={onChange}
            invalid={invalidAt([]) || hasInvalidItem(invalidAt, value)}
          />
        );
      }
      return (
        <TagsInput
          {...common}
          focusKey={focusKey}
          label={`Tags for ${subject}`}
          tags={stringList(value)}
          suggestions={field.type === "tags" ? field.suggestions : []}
          onChange={onChange}
          invalid={invalidAt([]) || hasInvalidItem(invalidAt, value)}
        />
      );
    case "technologyIds":
      return (
        <OptionPicker
          {...common}
          focusKey={focusKey}
          label="Technologies"
          noun="technology"
          nounPlural="technologies"
          options={technologies}
          groupLabel={categoryLabel}
          selected={numberList(value).map(String)}
          onChange={(ids) => onChange(ids.map(Number))}
          invalid={invalidAt([]) || hasInvalidItem(invalidAt, value)}
        />
      );
    case "categories":
      return (
        <OptionPicker
          {...common}
          focusKey={focusKey}
          label="Technology categories"
          noun="category"
          nounPlural="categories"
          options={[...TECH_CATEGORY_OPTIONS]}
          selected={stringList(value)}
          onChange={onChange}
          invalid={invalidAt([]) || hasInvalidItem(invalidAt, value)}
        />
      );
    case "detectedWithin": {
      const ids = numberList(record.technologyIds);
      return (
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <NumberBox
            {...common}
            focusKey={focusKey}
            label={`Number of days for ${subject}`}
            value={record.days}
            onChange={(days) => onChange({ ...record, days })}
            unit="days"
            invalid={invalidAt(["days"]) || invalidAt([])}
            narrow
          />
          <div className="flex min-w-0 items-center gap-2">
            <span className="shrink-0 text-xs text-slate-500">{ids.length ? "one of" : "of"}</span>
            <OptionPicker
              {...common}
              label="Detected technologies"
              noun="technology"
              nounPlural="technologies"
              emptyText="any technology"
              options={technologies}
              groupLabel={categoryLabel}
              selected={ids.map(String)}
              onChange={(next) => {
                const { technologyIds: _drop, ...rest } = record;
                void _drop;
                onChange(next.length ? { ...rest, technologyIds: next.map(Number) } : rest);
              }}
              invalid={invalidAt(["technologyIds"])}
            />
          </div>
        </div>
      );
    }
  }
}

/** A number box that keeps what is typed, shows "250,000" after leaving it, and can carry "$" or a unit. */
function NumberBox({
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

function unitText(field: FieldDefinition): string | null {
  return field.unit && field.unit !== "USD" ? field.unit : null;
}

function hasInvalidItem(invalidAt: (sub: RulePath) => boolean, value: unknown): boolean {
  return Array.isArray(value) && value.some((_, i) => invalidAt([i]));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function numberList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
