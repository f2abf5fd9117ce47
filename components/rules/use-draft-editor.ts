"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { failureOf, type ActionFailure } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { plural } from "@/lib/utils/format";
import { clearFlash, peekFlash, setFlash } from "./flash";
import type { PublishOutcome } from "./use-publish";
import { useSaveShortcut } from "./use-save-shortcut";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";

/**
 * A draft as JSON text, to compare the screen with what was saved. `rule` is what publishing
 * records as a version (a segment's rule, the tier scheme's definition); `details` is saved with
 * the draft but is not versioned (a segment's name, colour and description).
 */
export interface DraftText {
  rule: string;
  details?: string;
}

/** What the page loaded: the saved draft's revision and stamp, and the published versions (newest first). */
interface StoredDraft<At extends Date | null> {
  revision: number;
  updatedAt: At;
  updatedBy: string | null;
  hasUnpublishedChanges: boolean;
  versions: readonly { version: number }[];
}

const FIX_FIRST = "Fix the highlighted problems before saving.";

/**
 * The flow both rule editors share: save with conflict detection (the base revision goes along),
 * Ctrl+S, a warning before unsaved edits are lost, publish (saving first when needed), restore,
 * and the one-time message after the remount that a publish or restore causes (the page keys the
 * editor by published version). The draft as first rendered is the saved one.
 */
export function useDraftEditor<At extends Date | null>({
  flashScope,
  stored,
  text,
  changed,
  validate,
  saveDraft,
  onSaveRefused,
  onSaved,
  restore,
}: {
  flashScope: string;
  stored: StoredDraft<At>;
  /** The draft on screen now. */
  text: DraftText;
  /** What a publish changes for an account, for the message: "membership", "tier". */
  changed: string;
  /** Whether the draft may be saved; the editor shows its own problems when not. */
  validate: () => boolean;
  saveDraft: (baseRevision: number) => Promise<ActionResult<{ revision: number }>>;
  /** A failed save the editor shows in its own place (e.g. next to a field): return true. */
  onSaveRefused?: (result: { error: string; code?: string; fieldErrors?: FieldErrors }) => boolean;
  onSaved?: () => void;
  restore: (version: number, note: string) => Promise<ActionResult<PublishOutcome>>;
}) {
  const router = useRouter();
  const [revision, setRevision] = useState(stored.revision);
  const [saved, setSaved] = useState<{ text: DraftText; at: At | Date; by: string | null }>(() => ({ text, at: stored.updatedAt, by: stored.updatedBy }));
  const [initialRule] = useState(saved.text.rule);
  const [revealAll, setRevealAll] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(() => peekFlash(flashScope));
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  // Set when the editor is about to go away (archived, restored): no "unsaved edits" warning then.
  const [leaving, setLeaving] = useState(false);

  useEffect(() => clearFlash(flashScope), [flashScope]);

  const dirty = !leaving && (text.rule !== saved.text.rule || text.details !== saved.text.details);
  const unpublished = stored.hasUnpublishedChanges || saved.text.rule !== initialRule;
  useUnsavedChangesWarning(dirty);

  const save = async (): Promise<boolean> => {
    if (!validate()) {
      setRevealAll(true);
      setFailure({ message: FIX_FIRST, conflict: false });
      return false;
    }
    setBusy("save");
    setFailure(null);
    setNotice(null);
    const sent = text;
    const result = await saveDraft(revision);
    setBusy(null);
    if (result.ok) {
      setRevision(result.data.revision);
      setSaved({ text: sent, at: new Date(), by: "you" });
      onSaved?.();
      return true;
    }
    if (!onSaveRefused?.(result)) setFailure(failureOf(result));
    return false;
  };

  const saveWithNotice = () => void save().then((ok) => ok && setNotice("Draft saved."));

  const startPublish = async () => {
    if (dirty) {
      setBusy("publish");
      const ok = await save();
      setBusy(null);
      if (!ok) return;
    }
    setPublishOpen(true);
  };

  useSaveShortcut(() => {
    if (dirty && !busy) saveWithNotice();
  });

  const changedText = (outcome: PublishOutcome) => `${plural(outcome.changed, "account")} changed ${changed}.`;

  return {
    revision,
    saved,
    dirty,
    unpublished,
    revealAll,
    failure,
    notice,
    busy,
    nextVersion: (stored.versions[0]?.version ?? 0) + 1,
    /** Whether Publish… may be pressed (the editor may add its own conditions). */
    canPublish: !busy && (dirty || unpublished),
    saveWithNotice,
    startPublish: () => void startPublish(),
    publishOpen,
    setPublishOpen,
    onPublished: (outcome: PublishOutcome) => {
      setFlash(flashScope, `Published v${outcome.version}. ${changedText(outcome)}`);
      setPublishOpen(false);
      router.refresh();
    },
    onRestore: async (version: number, note: string) => {
      const result = await restore(version, note);
      if (result.ok) {
        setFlash(flashScope, `Restored v${version} as v${result.data.version}. ${changedText(result.data)}`);
        setLeaving(true);
        router.refresh();
      }
      return result;
    },
    /** Go elsewhere without the unsaved-changes warning (the draft no longer exists). */
    leaveTo: (href: string) => {
      setLeaving(true);
      router.push(href);
    },
  };
}

export type DraftEditor = ReturnType<typeof useDraftEditor>;
