"use client";

import { previewPlay, publishPlay } from "@/lib/actions/plays";
import type { ActionResult } from "@/lib/actions/result";
import type { PlayAudiencePreview } from "@/lib/data/plays/preview";
import { formatNumber } from "@/lib/utils/format";
import { SampleList } from "@/components/rules/preview-bits";
import { PublishDialog } from "@/components/rules/publish-dialog";
import { DiffStat } from "@/components/rules/segment-preview-panel";
import { usePublish, type PublishOutcome } from "@/components/rules/use-publish";

/** The publish preview in the shape the shared dialog reads: the audience, or the problems as `errors`. */
type PublishPreview = { ok: true; preview: PlayAudiencePreview } | { ok: false; errors: { message: string }[] };

async function loadPublishPreview(playId: number, definitionText: string): Promise<ActionResult<PublishPreview>> {
  const result = await previewPlay(playId, JSON.parse(definitionText), undefined);
  if (!result.ok) return result;
  return { ok: true, data: result.data.ok ? { ok: true, preview: result.data.preview } : { ok: false, errors: result.data.issues } };
}

/**
 * Publish the saved draft of a play: how many accounts will be in its audience, who enters and
 * who leaves against the published one (or who joins, the first time), then a required note.
 */
export function PublishPlayDialog({
  open,
  onOpenChange,
  playId,
  playName,
  definitionText,
  revision,
  nextVersion,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  playId: number;
  playName: string;
  /** The saved draft (what will be published) as JSON text, so the preview loads once per draft. */
  definitionText: string;
  revision: number;
  nextVersion: number;
  onPublished: (result: PublishOutcome) => void;
}) {
  const flow = usePublish<PublishPreview>({
    open,
    onOpenChange,
    previewKey: `${playId}:${definitionText}`,
    loadPreview: () => loadPublishPreview(playId, definitionText),
    publish: (note) => publishPlay(playId, revision, note),
    onPublished,
  });
  const preview = flow.preview?.ok ? flow.preview.preview : null;
  return (
    <PublishDialog
      flow={flow}
      size="lg"
      title={`Publish ${playName} v${nextVersion}`}
      description="Publishing records a new version and updates the audience right away: the play appears on (or leaves) reps’ worklists and account pages."
      nextVersion={nextVersion}
      working="Working out who enters and leaves the audience…"
    >
      {preview && (
        <div className="space-y-4" data-testid="play-diff">
          <p className="text-sm text-slate-700">
            After publishing, <strong className="tabular">{formatNumber(preview.matching)}</strong> of {formatNumber(preview.total)} accounts will be in this
            play’s audience.
          </p>
          {preview.diff ? (
            <dl className="grid grid-cols-2 gap-2">
              <DiffStat tone="enter" label="Entering" value={preview.diff.entering} />
              <DiffStat tone="leave" label="Leaving" value={preview.diff.leaving} />
            </dl>
          ) : (
            <div className="rounded-lg px-3 py-2 ring-1 ring-inset ring-slate-200">
              <p className="text-sm font-medium text-slate-800">First version: these accounts join</p>
              <SampleList accounts={preview.sample} more={preview.matching - preview.sample.length} emptyText="No account is in the audience yet." />
            </div>
          )}
        </div>
      )}
    </PublishDialog>
  );
}
