"use client";

import { FileUp, LoaderCircle } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ImportJobView } from "@/lib/import/job";
import { IMPORT_KINDS, KIND_LABELS, MAX_FILE_BYTES, MAX_FILE_LABEL, TARGET_FIELDS, type ImportKind } from "@/lib/import/kinds";
import { cn } from "@/lib/utils/cn";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "./ui";
import { UploadError, uploadFile } from "./upload-file";

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Checks the browser can make before sending anything. */
function localProblem(file: File): string | null {
  const name = file.name.toLowerCase();
  if (/\.(xlsx?|xlsm|numbers|ods)$/.test(name)) return "That is a spreadsheet workbook. Save it as “CSV UTF-8 (Comma delimited)” and choose that file.";
  if (!name.endsWith(".csv")) return "Choose a .csv file.";
  if (file.size === 0) return "The file is empty.";
  if (file.size > MAX_FILE_BYTES) return `The file is ${formatMb(file.size)}; the limit is ${MAX_FILE_LABEL}. Split it into smaller files.`;
  return null;
}

export function UploadStep({
  initialKind,
  lockedKind,
  replaces,
  onUploaded,
  onCancelReplace,
}: {
  initialKind: ImportKind;
  /** When replacing a file, the kind stays that of the import being corrected. */
  lockedKind?: boolean;
  replaces?: { id: string; fileName: string } | null;
  onUploaded: (job: ImportJobView) => void;
  onCancelReplace?: () => void;
}) {
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const uploading = sent !== null;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setError(chosen ? localProblem(chosen) : null);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError("Choose a CSV file to upload.");
      inputRef.current?.focus();
      return;
    }
    const problem = localProblem(file);
    if (problem) return setError(problem);
    setError(null);
    setSent(0);
    try {
      const job = await uploadFile(file, kind, { replaces: replaces?.id, onProgress: setSent });
      onUploaded(job);
    } catch (caught) {
      setError(caught instanceof UploadError ? caught.message : "The upload failed. Check your connection and try again.");
      setSent(null);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <Card
        title={replaces ? `Upload a corrected ${KIND_LABELS[kind].title.toLowerCase()} file` : "What does the file contain?"}
        id={`${id}-kind`}
        description={replaces ? <>It replaces {replaces.fileName}; your column mapping carries over.</> : "Each kind of file is imported on its own. Import accounts before their orders, events or technologies."}
      >
        <fieldset disabled={uploading || lockedKind}>
          <legend className="sr-only">Kind of file</legend>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {IMPORT_KINDS.map((k) => {
              const required = TARGET_FIELDS[k].filter((f) => f.required).map((f) => f.label);
              return (
                <label
                  key={k}
                  className={cn(
                    "relative flex cursor-pointer flex-col gap-1 rounded-lg p-4 text-sm ring-1 ring-inset transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600",
                    kind === k ? "bg-brand-50 ring-2 ring-brand-600" : "bg-white ring-slate-200 hover:bg-slate-50",
                    lockedKind && kind !== k && "opacity-50",
                  )}
                >
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
                  <span className="font-semibold text-slate-900">{KIND_LABELS[k].title}</span>
                  <span className="text-slate-600">{KIND_LABELS[k].description}</span>
                  <span className="mt-1 text-xs text-slate-600">
                    Needs: {required.join(", ")}
                    {k === "accounts" && "; a name, industry and country for new accounts"}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
      </Card>

      <Card title="Choose the CSV file" id={`${id}-file`} description={`UTF-8 CSV with a header row, up to ${MAX_FILE_LABEL}. Exports from HubSpot, Salesforce and Tierwise are recognised.`}>
        <label
          htmlFor={`${id}-input`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            if (!uploading) choose(e.dataTransfer.files[0] ?? null);
          }}
          className={cn(
            "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm transition",
            dragging ? "border-brand-500 bg-brand-50" : error ? "border-red-300 bg-red-50/40" : "border-slate-300 bg-slate-50 hover:bg-slate-100",
          )}
        >
          <FileUp className="h-8 w-8 text-slate-400" aria-hidden />
          <span className="sr-only">CSV file: </span>
          {file ? (
            <span>
              <span className="font-medium text-slate-900">{file.name}</span> <span className="text-slate-500">({formatMb(file.size)})</span>
              <span className="mt-1 block text-brand-700">Choose another file</span>
            </span>
          ) : (
            <span>
              <span className="font-medium text-brand-700">Choose a file</span> <span className="text-slate-600">or drag it here</span>
            </span>
          )}
        </label>
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="file"
          name="file"
          accept=".csv,text/csv"
          className="sr-only"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          disabled={uploading}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        {error && (
          <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {uploading && file && (
          <div className="mt-4 space-y-1.5" aria-live="polite">
            <ProgressBar value={sent} max={file.size} label="Upload progress" />
            <p className="tabular text-xs text-slate-600">
              {sent < file.size ? `Uploading… ${formatMb(sent)} of ${formatMb(file.size)}` : "Reading the file…"}
            </p>
          </div>
        )}
      </Card>

      <div className="flex flex-wrap items-center justify-end gap-3">
        {replaces && onCancelReplace && (
          <Button type="button" variant="secondary" onClick={onCancelReplace} disabled={uploading}>
            Keep the current file
          </Button>
        )}
        <Button type="submit" disabled={uploading}>
          {uploading ? <LoaderCircle className="h-4 w-4 animate-spin" aria-hidden /> : null}
          {uploading ? "Uploading…" : "Upload and map columns"}
        </Button>
      </div>
    </form>
  );
}
