"use client";

import { Archive } from "lucide-react";
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialogContent } from "@/components/ui/confirm-dialog";
import { archiveSegment } from "@/lib/actions/publish-rule";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Archive a rule-backed object (a segment, a play) after a confirmation: its accounts leave it
 * (and that is recorded), its history is kept.
 */
export function ArchiveButton({
  what,
  name,
  consequence,
  archive,
  onArchived,
}: {
  /** "segment", "play": for the confirm button ("Archive segment"). */
  what: string;
  name: string;
  /** What archiving does to accounts and reps, as the sentence(s) before the history note. */
  consequence: string;
  archive: () => Promise<ActionResult<unknown>>;
  onArchived: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    const result = await archive();
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      onArchived();
    } else {
      setFailure(result.error);
    }
  };

  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !busy && setOpen(next)}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="ghost" className="text-slate-600">
          <Archive className="h-4 w-4" aria-hidden />
          Archive
        </Button>
      </AlertDialog.Trigger>
      <ConfirmDialogContent
        title={`Archive “${name}”?`}
        description={`${consequence}Its version history stays in the audit log. This cannot be undone from here.`}
        error={failure ?? undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
        pending={busy}
        confirmLabel={`Archive ${what}`}
        pendingLabel="Archiving…"
        variant="danger"
      />
    </AlertDialog.Root>
  );
}

/** Archive a segment: members are removed (and recorded), history is kept. */
export function ArchiveSegmentButton({ segmentId, name, members, onArchived }: { segmentId: number; name: string; members: number; onArchived: () => void }) {
  return (
    <ArchiveButton
      what="segment"
      name={name}
      consequence={
        members > 0
          ? `Its ${members.toLocaleString("en-US")} ${members === 1 ? "member leaves" : "members leave"} the segment now, and reps stop seeing it. `
          : "Reps stop seeing it. "
      }
      archive={() => archiveSegment(segmentId)}
      onArchived={onArchived}
    />
  );
}
