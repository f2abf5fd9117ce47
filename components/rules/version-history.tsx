"use client";

import { History, RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import { DialogShell } from "@/components/ui/dialog";
import { ActionBanner } from "@/components/ui/alert";
import { NoteField, noteProblem } from "./note-field";
import { formatDateTime } from "@/lib/utils/format";
import { Card } from "@/components/ui/card";
import { Badge } from "./ui";

export interface VersionItem {
  version: number;
  note: string;
  publishedAt: Date;
  publishedBy: string | null;
  restoredFrom: number | null;
  /** What the version says: the rule in plain language, or the tier names. */
  summary: string;
}

/**
 * Published versions, newest first, each with who, when, why and what; any version but the
 * current one can be restored (published again as a new version), with its own note.
 */
export function VersionHistory({
  versions,
  currentVersion,
  onRestore,
  disabled = false,
  what,
}: {
  versions: VersionItem[];
  currentVersion: number | null;
  onRestore: (version: number, note: string) => Promise<ActionResult<{ version: number; changed: number }>>;
  disabled?: boolean;
  /** "segment" or "tier scheme", for the texts. */
  what: string;
}) {
  const [restoring, setRestoring] = useState<VersionItem | null>(null);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!restoring) return;
    const problem = noteProblem(note);
    setNoteError(problem);
    if (problem) return;
    setBusy(true);
    setFailure(null);
    const result = await onRestore(restoring.version, note);
    setBusy(false);
    if (result.ok) {
      setRestoring(null);
      setNote("");
    } else {
      setFailure(result.error);
    }
  };

  return (
    <Card
      title="Version history"
      id="version-history-heading"
      description={versions.length ? `${versions.length} published ${versions.length === 1 ? "version" : "versions"}. Restoring publishes an old version again as a new one.` : undefined}
      bodyClassName="p-0"
    >
      {versions.length === 0 ? (
        <div className="flex flex-col items-center px-6 py-8 text-center">
          <span className="flex h-9 w-9 items-center justify-center rounded-full bg-slate-100 text-slate-500">
            <History className="h-4 w-4" aria-hidden />
          </span>
          <p className="mt-2 text-sm font-medium text-slate-900">Not published yet</p>
          <p className="mt-0.5 max-w-xs text-sm text-slate-600">Publish this {what} to record its first version; every later publish adds one here.</p>
        </div>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Published versions" data-testid="version-history">
          {versions.map((v) => {
            const current = v.version === currentVersion;
            return (
              <li key={v.version} className="flex gap-4 px-5 py-3.5" data-testid={`version-${v.version}`}>
                <div className="w-10 shrink-0 pt-0.5">
                  <span className="tabular text-sm font-semibold text-slate-900">v{v.version}</span>
                </div>
                <div className="min-w-0 flex-1 space-y-1">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span className="font-medium text-slate-900">{v.publishedBy ?? "Unknown user"}</span>
                    <span className="text-slate-400" aria-hidden="true">
                      ·
                    </span>
                    <time dateTime={new Date(v.publishedAt).toISOString()} className="tabular text-slate-600">
                      {formatDateTime(v.publishedAt)}
                    </time>
                    {current && <Badge tone="green">Current</Badge>}
                    {v.restoredFrom && <Badge tone="neutral">Restored from v{v.restoredFrom}</Badge>}
                  </div>
                  <p className="text-sm text-slate-800">“{v.note}”</p>
                  <p className="line-clamp-2 text-xs text-slate-500">{v.summary}</p>
                </div>
                <div className="shrink-0">
                  {!current && (
                    <Button
                      type="button"
                      variant="secondary"
                      className="px-2.5 py-1.5 text-xs"
                      disabled={disabled}
                      onClick={() => {
                        setRestoring(v);
                        setNote("");
                        setNoteError(null);
                        setFailure(null);
                      }}
                    >
                      <RotateCcw className="h-3.5 w-3.5" aria-hidden />
                      Restore<span className="sr-only"> version {v.version}</span>
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}

      <DialogShell
        open={restoring !== null}
        onOpenChange={(open) => !open && !busy && setRestoring(null)}
        title={`Restore version ${restoring?.version ?? ""}`}
        description={`Version ${restoring?.version ?? ""} is published again as a new version and replaces the current draft; memberships are recomputed.`}
        footer={
          <>
            <Button type="button" variant="secondary" onClick={() => setRestoring(null)} disabled={busy}>
              Cancel
            </Button>
            <Button type="button" onClick={submit} disabled={busy}>
              {busy ? "Restoring…" : `Restore v${restoring?.version ?? ""}`}
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          {failure && <ActionBanner message={failure} />}
          {restoring && (
            <div className="rounded-lg bg-slate-50 px-3 py-2.5 text-sm ring-1 ring-inset ring-slate-200">
              <p className="font-medium text-slate-900">
                v{restoring.version} · “{restoring.note}”
              </p>
              <p className="mt-0.5 text-slate-600">{restoring.summary}</p>
            </div>
          )}
          <NoteField value={note} onChange={setNote} error={noteError} label="Why restore it?" />
        </div>
      </DialogShell>
    </Card>
  );
}
