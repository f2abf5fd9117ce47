"use client";

import { CatalogProvider, type RuleCatalog } from "@/components/rules/catalog";
import { EditorColumns } from "@/components/rules/draft-controls";
import { AudienceFields, type AudienceOptions } from "./audience-fields";
import { DetailsFields } from "./details-fields";
import { PitchFields } from "./pitch-fields";
import { isAudienceEmpty } from "./play-form";
import { AudienceFirst, PlayPreviewPanel } from "./play-preview-panel";
import { visibleIssues } from "./play-issues";
import type { PlayFormState } from "./use-play-form";

/** What the play editor offers to choose from: tiers and segments, and the rule builder's catalogue. */
export interface PlayEditorOptions extends AudienceOptions {
  catalog: RuleCatalog;
}

/**
 * The play's form (details, audience, pitch) with the live preview beside it; shared by the new
 * play and the edit screens. `after` goes below the form (the version history). Problems with no
 * place in the form come back with a refused save, whose banner shows them.
 */
export function PlayFormCards({
  state,
  options,
  revealAll,
  after,
}: {
  state: PlayFormState;
  options: PlayEditorOptions;
  /** Show every problem, also on fields nobody has filled yet (after a save was tried). */
  revealAll: boolean;
  after?: React.ReactNode;
}) {
  const shown = visibleIssues(state.issues, state.form, revealAll);
  return (
    <CatalogProvider catalog={options.catalog}>
      <EditorColumns
        preview={isAudienceEmpty(state.form) ? <AudienceFirst /> : <PlayPreviewPanel preview={state.preview} problems={state.audienceProblems} />}
      >
        <DetailsFields state={state} issues={shown} />
        <AudienceFields state={state} options={options} issues={shown} revealAll={revealAll} />
        <PitchFields state={state} issues={shown} />
        {after}
      </EditorColumns>
    </CatalogProvider>
  );
}
