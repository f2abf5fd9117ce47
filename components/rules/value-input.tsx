"use client";

import type { FieldDefinition } from "@/lib/segmentation/fields";
import { staticOptions } from "@/lib/segmentation/fields";
import { categoryLabel } from "@/lib/segmentation/format";
import type { OperatorDefinition } from "@/lib/segmentation/operators";
import { TECH_CATEGORY_OPTIONS } from "@/lib/segmentation/options";
import type { RulePath } from "@/lib/segmentation/rule";
import { cn } from "@/lib/utils/cn";
import { useCatalog } from "./catalog";
import { NumberBox } from "./number-box";
import { OptionPicker } from "./option-picker";
import { isRecord } from "./rule-tree";
import { TagsInput } from "./tags-input";

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
  // A list is invalid as a whole or by one of its items (["value", 2]).
  const list = { ...common, focusKey, invalid: invalidAt([]) || hasInvalidItem(invalidAt, value) };

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
      return <TextBox {...common} type="date" focusKey={focusKey} label={`Date for ${subject}`} value={value} onChange={onChange} invalid={invalidAt([])} className="sm:w-44" />;
    case "dateRange":
      return (
        <div className="flex min-w-0 flex-1 items-center gap-2">
          {(["from", "to"] as const).map((part, i) => (
            <span key={part} className="contents">
              {i === 1 && <span className="text-xs text-slate-500">and</span>}
              <TextBox
                {...common}
                type="date"
                focusKey={i === 0 ? focusKey : undefined}
                label={`${part === "from" ? "Start date" : "End date"} for ${subject}`}
                value={record[part]}
                onChange={(date) => onChange({ ...record, [part]: date })}
                invalid={invalidAt([part]) || invalidAt([])}
                className="min-w-0 flex-1 sm:max-w-44"
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
      const noun = field.key === "owner" ? "owner" : "value";
      return <OptionPicker {...list} label={`${subject} values`} noun={noun} options={options} selected={stringList(value)} onChange={onChange} />;
    }
    case "text":
      return (
        <TextBox
          {...common}
          type="text"
          focusKey={focusKey}
          label={`Text for ${subject}`}
          value={value}
          onChange={onChange}
          invalid={invalidAt([])}
          maxLength={200}
          placeholder={field.key === "domain" ? "e.g. acme.com" : "Type text…"}
          className="flex-1"
        />
      );
    case "tags":
      if (field.type === "tags" && field.options) {
        return <OptionPicker {...list} label={`${subject} values`} noun="value" options={[...field.options]} selected={stringList(value)} onChange={onChange} />;
      }
      return (
        <TagsInput {...list} label={`Tags for ${subject}`} tags={stringList(value)} suggestions={field.type === "tags" ? field.suggestions : []} onChange={onChange} />
      );
    case "technologyIds":
      return (
        <OptionPicker
          {...list}
          label="Technologies"
          noun="technology"
          nounPlural="technologies"
          options={technologies}
          groupLabel={categoryLabel}
          selected={numberList(value).map(String)}
          onChange={(ids) => onChange(ids.map(Number))}
        />
      );
    case "categories":
      return (
        <OptionPicker {...list} label="Technology categories" noun="category" nounPlural="categories" options={[...TECH_CATEGORY_OPTIONS]} selected={stringList(value)} onChange={onChange} />
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

/** A date or text box; `value` shows only when it is a string (a half-filled value may be anything). */
function TextBox({
  type,
  value,
  onChange,
  onBlur,
  label,
  invalid,
  describedBy,
  focusKey,
  className,
  ...rest
}: {
  type: "date" | "text";
  value: unknown;
  onChange: (value: string) => void;
  onBlur: () => void;
  label: string;
  invalid: boolean;
  describedBy?: string;
  focusKey?: string;
  className: string;
  maxLength?: number;
  placeholder?: string;
}) {
  return (
    <input
      type={type}
      name={focusKey ?? label}
      data-focus={focusKey}
      aria-label={label}
      value={typeof value === "string" ? value : ""}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      className={cn(
        "h-9 w-full min-w-0 rounded-md border-0 bg-white px-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500",
        className,
      )}
      {...rest}
    />
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
