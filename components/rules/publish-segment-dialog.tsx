"use client";

import { ArrowDownRight, ArrowUpRight, LoaderCircle } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { previewSegment } from "@/lib/actions/preview-rule";
import { publishSegment } from "@/lib/actions/publish-rule";
import type { SegmentPreviewResult } from "@/lib/data/rules/segments";
import { DialogShell } from "@/components/ui/dialog";
import { ActionBanner, NoteField, noteProblem } from "./dialog";
import { SampleList } from "./preview-bits";

/**
 * Publish the saved draft of a segment: first the diff against the published version (who
 * enters, who leaves, with samples), then a required note.
 */
export function PublishSegmentDialog({
  open,
  onOpenChange,
  segmentId,
  segmentName,
  ruleJson,
  revision,
  nextVersion,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  segmentId: number;
  segmentName: string;
  /** The saved draft rule (what will be published), as JSON text so the effect below runs once per rule. */
  ruleJson: string;
  revision: number;
  nextVersion: number;
  onPublished: (result: { version: number; changed: number }) => void;
}) {
  const [diff, setDiff] = useState<SegmentPreviewResult | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    previewSegment(segmentId, JSON.parse(ruleJson)).then(
      (result) => {
        if (!live) return;
        if (result.ok) setDiff(result.data);
        else setLoadError(result.error);
      },
      () => live && setLoadError("The changes could not be loaded. You can still publish."),
    );
    return () => {
      live = false;
    };
  }, [open, segmentId, ruleJson]);

  const close = (next: boolean) => {
    if (busy) return;
    onOpenChange(next);
    if (!next) {
      setDiff(null);
      setLoadError(null);
      setNoteError(null);
      setFailure(null);
    }
  };

  const submit = async () => {
    const problem = noteProblem(note);
    setNoteError(problem);
    if (problem) return;
    setBusy(true);
    setFailure(null);
    const result = await publishSegment(segmentId, revision, note);
    setBusy(false);
    if (result.ok) {
      setNote("");
      onPublished(result.data);
    } else {
      setFailure({ message: result.error, conflict: result.code === "CONFLICT" });
    }
  };

  const preview = diff?.ok ? diff.preview : null;
  return (
    <DialogShell
      open={open}
      onOpenChange={close}
      size="lg"
      title={`Publish ${segmentName} v${nextVersion}`}
      description="Publishing records a new version and recomputes who is in the segment right away."
      footer={
        <>
          <Button type="button" variant="secondary" onClick={() => close(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="button" onClick={submit} disabled={busy}>
            {busy ? "Publishing…" : `Publish v${nextVersion}`}
          </Button>
        </>
      }
    >
      <div className="space-y-5">
        {failure && <ActionBanner message={failure.message} conflict={failure.conflict} />}
        {loadError && <ActionBanner message={loadError} tone="info" />}
        {!diff && !loadError && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <LoaderCircle className="h-4 w-4 animate-spin" aria-hidden /> Working out who enters and leaves…
          </p>
        )}
        {diff && !diff.ok && <ActionBanner message={diff.errors[0]?.message ?? "The draft has problems."} />}
        {preview && (
          <div className="space-y-4" data-testid="segment-diff">
            <p className="text-sm text-slate-700">
              After publishing, <strong className="tabular">{preview.matching.toLocaleString("en-US")}</strong> of{" "}
              {preview.total.toLocaleString("en-US")} accounts will be in this segment.
            </p>
            {preview.diff ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <DiffColumn
                  tone="enter"
                  title="Entering"
                  count={preview.diff.entering}
                  accounts={preview.diff.enteringSample}
                  empty="No account joins."
                />
                <DiffColumn tone="leave" title="Leaving" count={preview.diff.leaving} accounts={preview.diff.leavingSample} empty="No account leaves." />
              </div>
            ) : (
              <DiffColumn tone="enter" title="First version: joining" count={preview.matching} accounts={preview.sample} empty="No account matches yet." />
            )}
          </div>
        )}
        <NoteField value={note} onChange={setNote} error={noteError} />
      </div>
    </DialogShell>
  );
}

function DiffColumn({
  tone,
  title,
  count,
  accounts,
  empty,
}: {
  tone: "enter" | "leave";
  title: string;
  count: number;
  accounts: Parameters<typeof SampleList>[0]["accounts"];
  empty: string;
}) {
  const Icon = tone === "enter" ? ArrowUpRight : ArrowDownRight;
  return (
    <div className="rounded-lg ring-1 ring-inset ring-slate-200">
      <div className={`flex items-center justify-between rounded-t-lg px-3 py-2 ${tone === "enter" ? "bg-emerald-50" : "bg-rose-50"}`}>
        <span className={`flex items-center gap-1 text-sm font-medium ${tone === "enter" ? "text-emerald-900" : "text-rose-900"}`}>
          <Icon className="h-4 w-4" aria-hidden />
          {title}
        </span>
        <span className={`tabular text-sm font-semibold ${tone === "enter" ? "text-emerald-900" : "text-rose-900"}`}>{count.toLocaleString("en-US")}</span>
      </div>
      <div className="px-3 py-1.5">
        <SampleList accounts={accounts} more={count - accounts.length} emptyText={empty} />
      </div>
    </div>
  );
}
