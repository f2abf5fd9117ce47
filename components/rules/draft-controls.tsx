"use client";

import { Rocket, Save } from "lucide-react";
import { ActionBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { DraftEditor } from "./use-draft-editor";

/** "Save draft" and "Publish…" of a rule editor's header. */
export function DraftButtons({ draft, canPublish = draft.canPublish }: { draft: DraftEditor; canPublish?: boolean }) {
  return (
    <>
      <Button type="button" variant="secondary" onClick={draft.saveWithNotice} disabled={!draft.dirty || draft.busy !== null}>
        <Save className="h-4 w-4" aria-hidden />
        {draft.busy === "save" ? "Saving…" : "Save draft"}
      </Button>
      <Button type="button" onClick={draft.startPublish} disabled={!canPublish} title={canPublish ? undefined : "Nothing to publish: the draft is the published version"}>
        <Rocket className="h-4 w-4" aria-hidden />
        {draft.busy === "publish" ? "Saving…" : "Publish…"}
      </Button>
    </>
  );
}

/** The last save's failure (a conflict offers a reload), or else the last success message. */
export function DraftMessages({ draft }: { draft: DraftEditor }) {
  const { failure, notice } = draft;
  return (
    <>
      {failure && <ActionBanner message={failure.message} conflict={failure.conflict} />}
      {notice && !failure && <ActionBanner message={notice} tone="success" />}
    </>
  );
}

/** The editor's main column and, beside it on wide screens, the live preview that stays in view. */
export function EditorColumns({ children, preview, className = "space-y-6" }: { children: React.ReactNode; preview: React.ReactNode; className?: string }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
      <div className={`min-w-0 ${className}`}>{children}</div>
      <aside className="min-w-0 lg:sticky lg:top-20" aria-label="Preview">
        {preview}
      </aside>
    </div>
  );
}
