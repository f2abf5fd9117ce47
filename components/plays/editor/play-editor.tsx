"use client";

import { archivePlay, restorePlay, savePlayDraft } from "@/lib/actions/plays";
import type { PlayEditorData } from "@/lib/data/plays/editor";
import type { PlayDefinition } from "@/lib/plays/definition";
import { formatDate, formatDateTime, plural } from "@/lib/utils/format";
import { ArchiveButton } from "@/components/rules/archive-button";
import { DraftButtons, DraftMessages } from "@/components/rules/draft-controls";
import { EditorHeader } from "@/components/rules/editor-header";
import { useDraftEditor } from "@/components/rules/use-draft-editor";
import { VersionHistory } from "@/components/rules/version-history";
import { PLAYS_HREF } from "./paths";
import { formFromDefinition } from "./play-form";
import { PlayFormCards, type PlayEditorOptions } from "./play-form-cards";
import { PublishPlayDialog } from "./publish-play-dialog";
import { usePlayForm } from "./use-play-form";

/** "Runs 1 Mar 2026 – 30 Jun 2026", "Runs from 1 Mar 2026", or nothing when open-ended. */
function dates(definition: Pick<PlayDefinition, "startsOn" | "endsOn">): string | null {
  const { startsOn, endsOn } = definition;
  if (startsOn && endsOn) return `Runs ${formatDate(startsOn)} – ${formatDate(endsOn)}`;
  if (startsOn) return `Runs from ${formatDate(startsOn)}`;
  if (endsOn) return `Runs until ${formatDate(endsOn)}`;
  return null;
}

/** What archiving does, for the confirmation. */
function archiveConsequence(members: number): string {
  const leave = members === 0 ? "" : members === 1 ? "Its 1 account leaves the audience now, and " : `Its ${plural(members, "account")} leave the audience now, and `;
  const disappears = "the play disappears from reps’ worklists and account pages.";
  return `${leave ? leave + disappears : disappears.charAt(0).toUpperCase() + disappears.slice(1)} Recorded outcomes are kept. `;
}

/**
 * The play editor: the form with its live preview, save (with conflict detection), publish with
 * the audience diff and a note, version history with restore, and archive. The page remounts it
 * (key = published version) after a publish or restore.
 */
export function PlayEditor({ play, options }: { play: PlayEditorData; options: PlayEditorOptions }) {
  const state = usePlayForm(formFromDefinition(play.draft), play.id);
  const draft = useDraftEditor({
    flashScope: `play-${play.id}`,
    stored: play,
    text: { rule: state.text },
    changed: "membership",
    validate: () => state.definition !== null,
    saveDraft: async (baseRevision) =>
      state.definition ? savePlayDraft(play.id, state.definition, baseRevision) : { ok: false, error: "Fix the highlighted problems before saving." },
    onSaveRefused: (result) => result.code !== "CONFLICT" && state.showRefusal(result.fieldErrors),
    restore: (version, note) => restorePlay(play.id, version, note),
  });
  const runs = dates(play.draft);

  return (
    <div className="space-y-6">
      <EditorHeader
        crumbs={[{ href: PLAYS_HREF, label: "Plays" }]}
        title={state.form.name.trim() || play.draft.name}
        publishedVersion={play.publishedVersion}
        unpublished={draft.unpublished}
        dirty={draft.dirty}
        meta={
          <>
            {play.publishedVersion ? `${plural(play.members, "account")} in the audience now` : "Not published yet: reps do not see it"}
            {runs ? ` · ${runs}` : ""} · Draft saved {formatDateTime(draft.saved.at)}
            {draft.saved.by ? ` by ${draft.saved.by}` : ""}
          </>
        }
        actions={
          <>
            <ArchiveButton
              what="play"
              name={play.draft.name}
              consequence={archiveConsequence(play.members)}
              archive={() => archivePlay(play.id)}
              onArchived={() => draft.leaveTo(PLAYS_HREF)}
            />
            <DraftButtons draft={draft} />
          </>
        }
      />

      <DraftMessages draft={draft} />

      <PlayFormCards
        state={state}
        options={options}
        revealAll={draft.revealAll}
        after={
          <VersionHistory
            what="play"
            versions={play.versions.map((v) => ({ ...v, summary: v.audienceText }))}
            currentVersion={play.publishedVersion}
            disabled={draft.busy !== null}
            onRestore={draft.onRestore}
          />
        }
      />

      <PublishPlayDialog
        open={draft.publishOpen}
        onOpenChange={draft.setPublishOpen}
        playId={play.id}
        playName={state.form.name.trim() || play.draft.name}
        definitionText={draft.saved.text.rule}
        revision={draft.revision}
        nextVersion={draft.nextVersion}
        onPublished={draft.onPublished}
      />
    </div>
  );
}
