"use client";

import { LoaderCircle } from "lucide-react";
import { useId, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ImportJobView, SavedMapping } from "@/lib/import/job";
import { DATE_FORMAT_LABELS, DATE_FORMATS, KIND_LABELS, TARGET_FIELDS, type ColumnMapping, type DateFormat, type TargetField } from "@/lib/import/kinds";
import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { SaveMappingForm, SavedMappingPicker } from "./saved-mappings";

const NOT_IN_FILE = "";

function Requirement({ field }: { field: TargetField }) {
  if (field.required) return <span className="rounded bg-red-50 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-red-700 ring-1 ring-inset ring-red-200">Required</span>;
  if (field.requiredForNew) {
    return <span className="rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-amber-800 ring-1 ring-inset ring-amber-200">For new accounts</span>;
  }
  return null;
}

function Samples({ values }: { values: string[] }) {
  const shown = values.map((v) => v.trim()).filter(Boolean);
  if (shown.length === 0) return <span className="text-slate-400">{values.length ? "blank" : "—"}</span>;
  return (
    <ul className="space-y-0.5">
      {shown.map((v, i) => (
        <li key={i} className="max-w-56 truncate font-mono text-xs text-slate-700" title={v}>
          {v}
        </li>
      ))}
    </ul>
  );
}

export function MappingStep({
  job,
  draft,
  onChange,
  fieldErrors,
  formError,
  savedMappings,
  pending,
  onRun,
  onSave,
  onDeleteSaved,
  onReplaceFile,
  onDiscard,
}: {
  job: ImportJobView;
  draft: ColumnMapping;
  onChange: (mapping: ColumnMapping, source?: string) => void;
  fieldErrors: Record<string, string>;
  formError: string | null;
  savedMappings: SavedMapping[];
  pending: boolean;
  onRun: () => void;
  onSave: (name: string) => Promise<string | null>;
  onDeleteSaved: (id: number) => void;
  onReplaceFile: () => void;
  onDiscard: () => void;
}) {
  const id = useId();
  const fields = TARGET_FIELDS[job.kind];
  const { headers, sample } = job.summary;
  const hasDates = fields.some((f) => f.type === "date" || f.type === "datetime");
  const forKind = savedMappings.filter((m) => m.kind === job.kind);

  const used = new Set(Object.values(draft.fields).filter(Boolean));
  const unused = headers.filter((h) => !used.has(h));
  const samplesOf = useMemo(() => {
    const byHeader = new Map<string, string[]>();
    headers.forEach((h, i) => {
      if (!byHeader.has(h)) byHeader.set(h, sample.map((row) => row[i] ?? ""));
    });
    return byHeader;
  }, [headers, sample]);

  const setField = (key: string, header: string) => {
    const fieldsNext = { ...draft.fields };
    if (header === NOT_IN_FILE) delete fieldsNext[key];
    else fieldsNext[key] = header;
    onChange({ ...draft, fields: fieldsNext });
  };

  /** A saved mapping keeps only the fields whose column this file has. */
  const applySaved = (saved: SavedMapping) => {
    const fieldsNext: Record<string, string> = {};
    for (const field of fields) {
      const header = saved.mapping.fields[field.key];
      if (header && headers.includes(header)) fieldsNext[field.key] = header;
    }
    onChange({ fields: fieldsNext, dateFormat: saved.mapping.dateFormat }, `saved: ${saved.name}`);
  };

  const errorCount = Object.keys(fieldErrors).length;

  return (
    <div className="space-y-5">
      <Card
        title={`Map the columns of ${job.fileName}`}
        id={`${id}-title`}
        description={
          <>
            {KIND_LABELS[job.kind].title} · {formatNumber(job.totalRows)} {job.totalRows === 1 ? "row" : "rows"} · {headers.length} columns.{" "}
            {job.summary.mappingSource === "recognised" && "Columns with familiar names were matched for you; check them."}
            {job.summary.mappingSource === "previous upload" && "The mapping of the previous upload carried over."}
          </>
        }
        actions={
          <>
            <Button type="button" variant="secondary" onClick={onReplaceFile} disabled={pending}>
              Upload a different file
            </Button>
            <Button type="button" variant="ghost" onClick={onDiscard} disabled={pending}>
              Discard
            </Button>
          </>
        }
      >
        {forKind.length > 0 && <SavedMappingPicker id={id} mappings={forKind} onApply={applySaved} onDelete={onDeleteSaved} />}

        {job.kind === "accounts" && (
          <p className="mb-3 text-sm text-slate-600">
            Accounts are matched by domain. For an account that exists, blank cells and unmapped fields keep its current values; a new account gets the value
            under “If absent”.
          </p>
        )}
        {job.summary.duplicateHeaders.length > 0 && (
          <div className="mb-3">
            <Alert tone="warning" title="Some column names appear twice">
              <p>Only the first column of each name can be mapped: {job.summary.duplicateHeaders.join(", ")}.</p>
            </Alert>
          </div>
        )}

        <div className="overflow-x-auto">
          <table className="w-full min-w-[760px] text-sm" data-testid="mapping-table">
            <caption className="sr-only">For each Tierwise field, the column of the file that holds it</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <th scope="col" className="py-2 pr-4">Tierwise field</th>
                <th scope="col" className="py-2 pr-4">Column in your file</th>
                <th scope="col" className="py-2 pr-4">Sample values</th>
                <th scope="col" className="py-2">If absent</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {fields.map((field) => {
                const selectId = `${id}-${field.key}`;
                const error = fieldErrors[field.key];
                const header = draft.fields[field.key] ?? NOT_IN_FILE;
                return (
                  <tr key={field.key} className="align-top">
                    <th scope="row" className="py-3 pr-4 text-left font-normal">
                      <label htmlFor={selectId} className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                        {field.label}
                        <Requirement field={field} />
                      </label>
                      <p id={`${selectId}-hint`} className="mt-0.5 max-w-md text-xs text-slate-500">
                        {field.hint}
                      </p>
                    </th>
                    <td className="w-64 min-w-52 py-3 pr-4">
                      <select
                        id={selectId}
                        className={cn(inputClass, header === NOT_IN_FILE && "text-slate-500")}
                        value={header}
                        onChange={(e) => setField(field.key, e.target.value)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={[error ? `${selectId}-error` : null, `${selectId}-hint`].filter(Boolean).join(" ")}
                        disabled={pending}
                      >
                        <option value={NOT_IN_FILE}>— Not in the file —</option>
                        {[...new Set(headers)].map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                      {error && (
                        <p id={`${selectId}-error`} className="mt-1 text-sm text-red-700">
                          {error}
                        </p>
                      )}
                    </td>
                    <td className="py-3 pr-4">{header !== NOT_IN_FILE ? <Samples values={samplesOf.get(header) ?? []} /> : <span className="text-slate-400">—</span>}</td>
                    <td className="py-3 text-slate-600">
                      {field.required ? <span className="text-slate-400">—</span> : field.requiredForNew ? "Needed to create an account" : (field.defaultText ?? "Left empty")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        {unused.length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            <span className="font-medium text-slate-700">Not imported:</span> {unused.join(", ")}
          </p>
        )}

        {hasDates && (
          <fieldset className="mt-5 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200" disabled={pending}>
            <legend className="float-left mb-2 w-full text-sm font-medium text-slate-700">Dates in this file</legend>
            <p className="mb-2 text-xs text-slate-500">
              ISO dates (2026-03-12) and dates with a month name (12 Mar 2026) are always understood. Choose how slashed dates such as 03/12/2026 are meant.
            </p>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {DATE_FORMATS.map((format: DateFormat) => (
                <label key={format} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="radio"
                    name={`${id}-date-format`}
                    value={format}
                    checked={draft.dateFormat === format}
                    onChange={() => onChange({ ...draft, dateFormat: format })}
                    className="h-4 w-4 accent-brand-600"
                  />
                  {DATE_FORMAT_LABELS[format]}
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </Card>

      {(formError || errorCount > 0) && (
        <Alert tone="error" title={formError ?? "Some fields need a column."}>
          {errorCount > 0 && <p>Fix the fields marked in red above.</p>}
        </Alert>
      )}

      <div className="flex flex-wrap items-end justify-between gap-4">
        <SaveMappingForm id={id} onSave={onSave} />
        <Button type="button" onClick={onRun} disabled={pending}>
          {pending && <LoaderCircle className="h-4 w-4 animate-spin" aria-hidden />}
          Run dry run
        </Button>
      </div>
    </div>
  );
}
