"use client";

import { useId } from "react";
import { Field } from "@/components/ui/field";
import { SEGMENT_KIND_LABELS, SEGMENT_KINDS, segmentDetailsSchema, type SegmentDetails } from "@/lib/validation/segment";
import { cn } from "@/lib/utils/cn";
import { ColorField } from "./color-field";

export type DetailErrors = Partial<Record<keyof SegmentDetails, string>>;

const KIND_HINTS: Record<SegmentDetails["kind"], string> = {
  TECHNOGRAPHIC: "Tech stack",
  BEHAVIOURAL: "Engagement",
  MIXED: "Both",
};

/** Check details in the browser with the same schema the server uses; errors by field. */
export function checkDetails(details: SegmentDetails): DetailErrors {
  const parsed = segmentDetailsSchema.safeParse(details);
  if (parsed.success) return {};
  const errors: DetailErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof SegmentDetails | undefined;
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** Name, description, kind and colour of a segment, each with its error next to it. */
export function SegmentDetailsFields({
  value,
  onChange,
  errors,
  layout = "stacked",
}: {
  value: SegmentDetails;
  onChange: (next: SegmentDetails) => void;
  errors: DetailErrors;
  layout?: "stacked" | "wide";
}) {
  const kindErrorId = useId();
  const set = <K extends keyof SegmentDetails>(key: K, v: SegmentDetails[K]) => onChange({ ...value, [key]: v });
  return (
    <div className={cn("grid gap-4", layout === "wide" && "md:grid-cols-2")}>
      <Field label="Name" name="name" error={errors.name}>
        {(p) => <input {...p} value={value.name} onChange={(e) => set("name", e.target.value)} maxLength={80} autoComplete="off" placeholder="e.g. Salesforce on-premise" />}
      </Field>
      <fieldset className="space-y-1" aria-describedby={errors.kind ? kindErrorId : undefined}>
        <legend className="block text-sm font-medium text-slate-700">Kind</legend>
        <div className="grid grid-cols-3 gap-1.5">
          {SEGMENT_KINDS.map((kind) => (
            <label
              key={kind}
              className={cn(
                "cursor-pointer rounded-md px-2.5 py-1.5 ring-1 ring-inset transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
                value.kind === kind ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input type="radio" name="segment-kind" value={kind} checked={value.kind === kind} onChange={() => set("kind", kind)} className="sr-only" />
              <span className={cn("block text-sm font-medium", value.kind === kind ? "text-brand-900" : "text-slate-800")}>{SEGMENT_KIND_LABELS[kind]}</span>
              <span className="block truncate text-xs text-slate-600">{KIND_HINTS[kind]}</span>
            </label>
          ))}
        </div>
        {errors.kind && (
          <p id={kindErrorId} className="text-sm text-red-700">
            {errors.kind}
          </p>
        )}
      </fieldset>
      <Field label="Description" name="description" error={errors.description} hint="Optional. Shown to reps on the segments page." className={layout === "wide" ? "md:col-span-1" : undefined}>
        {(p) => <textarea {...p} rows={2} value={value.description} onChange={(e) => set("description", e.target.value)} maxLength={500} placeholder="Who is in it and what to offer them" />}
      </Field>
      <ColorField label="Colour" value={value.color} onChange={(color) => set("color", color)} error={errors.color} />
    </div>
  );
}
