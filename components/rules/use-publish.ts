"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { failureOf, type ActionFailure } from "@/components/ui/alert";
import { noteProblem } from "./note-field";

/** What publishing (or restoring) a rule reports: the new version and how many accounts it moved. */
export interface PublishOutcome {
  version: number;
  changed: number;
}

/** A preview of what publishing will do, or the problems that keep the draft from being published. */
type DraftPreview = { ok: true } | { ok: false; errors: readonly { message: string }[] };

export interface PublishFlow<P extends DraftPreview> {
  open: boolean;
  /** Open or close the dialog; closing is refused while publishing, and forgets the preview and errors. */
  close: (open: boolean) => void;
  /** The answer of `loadPreview`, null while it is on its way. */
  preview: P | null;
  /** The preview could not be loaded (publishing still works). */
  loadError: string | null;
  note: string;
  setNote: (note: string) => void;
  noteError: string | null;
  failure: ActionFailure | null;
  busy: boolean;
  submit: () => Promise<void>;
}

/**
 * The flow every publish dialog shares: load what publishing will change when it opens, ask for a
 * note (checked like the server checks it), publish, and show a failure (a conflict offers a
 * reload). `previewKey` names what is previewed: the preview loads again when it changes.
 */
export function usePublish<P extends DraftPreview>({
  open,
  onOpenChange,
  previewKey,
  loadPreview,
  publish,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  previewKey: string;
  loadPreview: () => Promise<ActionResult<P>>;
  publish: (note: string) => Promise<ActionResult<PublishOutcome>>;
  onPublished: (outcome: PublishOutcome) => void;
}): PublishFlow<P> {
  const [preview, setPreview] = useState<P | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [busy, setBusy] = useState(false);
  // The effect runs once per opening and previewed draft, not on every render's new closure.
  const load = useRef(loadPreview);
  useEffect(() => {
    load.current = loadPreview;
  });

  useEffect(() => {
    if (!open) return;
    let live = true;
    load.current().then(
      (result) => {
        if (!live) return;
        if (result.ok) setPreview(result.data);
        else setLoadError(result.error);
      },
      () => live && setLoadError("The changes could not be loaded. You can still publish."),
    );
    return () => {
      live = false;
    };
  }, [open, previewKey]);

  const close = (next: boolean) => {
    if (busy) return;
    onOpenChange(next);
    if (!next) {
      setPreview(null);
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
    const result = await publish(note);
    setBusy(false);
    if (result.ok) {
      setNote("");
      onPublished(result.data);
    } else {
      setFailure(failureOf(result));
    }
  };

  return { open, close, preview, loadError, note, setNote, noteError, failure, busy, submit };
}
