"use client";

import { LoaderCircle } from "lucide-react";
import { ActionBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogShell } from "@/components/ui/dialog";
import { NoteField } from "./note-field";
import type { PublishFlow } from "./use-publish";

/**
 * The frame of a publish dialog (usePublish runs it): failures, the preview loading or refused,
 * what publishing changes (children, once the preview is in), the note, Cancel and Publish.
 */
export function PublishDialog({
  flow,
  title,
  description,
  size,
  nextVersion,
  working,
  children,
}: {
  flow: PublishFlow<{ ok: true } | { ok: false; errors: readonly { message: string }[] }>;
  title: string;
  description: string;
  size: "lg" | "xl";
  nextVersion: number;
  /** What the loading line says while the preview is on its way. */
  working: string;
  children: React.ReactNode;
}) {
  const { preview, loadError, failure, busy } = flow;
  return (
    <DialogShell
      open={flow.open}
      onOpenChange={flow.close}
      size={size}
      title={title}
      description={description}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={() => flow.close(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="button" onClick={flow.submit} disabled={busy}>
            {busy ? "Publishing…" : `Publish v${nextVersion}`}
          </Button>
        </>
      }
    >
      <div className="space-y-5">
        {failure && <ActionBanner message={failure.message} conflict={failure.conflict} />}
        {loadError && <ActionBanner message={loadError} tone="info" />}
        {!preview && !loadError && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <LoaderCircle className="h-4 w-4 animate-spin" aria-hidden /> {working}
          </p>
        )}
        {preview && !preview.ok && <ActionBanner message={preview.errors[0]?.message ?? "The draft has problems."} />}
        {children}
        <NoteField value={flow.note} onChange={flow.setNote} error={flow.noteError} />
      </div>
    </DialogShell>
  );
}
