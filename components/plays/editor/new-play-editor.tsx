"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { createPlay } from "@/lib/actions/plays";
import { EditorHeader } from "@/components/rules/editor-header";
import { setFlash } from "@/components/rules/flash";
import { useSaveShortcut } from "@/components/rules/use-save-shortcut";
import { useUnsavedChangesWarning } from "@/components/rules/use-unsaved-changes";
import { PLAYS_HREF, playHref } from "./paths";
import { newPlayForm } from "./play-form";
import { PlayFormCards, type PlayEditorOptions } from "./play-form-cards";
import { usePlayForm } from "./use-play-form";

const FIX_FIRST = "Fix the highlighted problems before creating the play.";

/**
 * A new play: the whole form and the live preview of its audience; "Create draft" saves it
 * (nobody sees it yet) and opens its editor, where it is published.
 */
export function NewPlayEditor({ options }: { options: PlayEditorOptions }) {
  const router = useRouter();
  const [initial] = useState(newPlayForm);
  const state = usePlayForm(initial, null);
  const [initialText] = useState(state.text);
  const [revealAll, setRevealAll] = useState(false);
  // FIX_FIRST goes away by itself once the form is valid; a server's refusal stays until the next try.
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState(false);

  useUnsavedChangesWarning(!created && state.text !== initialText);

  const create = async () => {
    if (busy) return;
    if (!state.definition) {
      setRevealAll(true);
      setFailure(FIX_FIRST);
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await createPlay(state.definition);
    if (result.ok) {
      setCreated(true);
      setFlash(`play-${result.data.id}`, "Play created as a draft. Reps see it once you publish it.");
      router.push(playHref(result.data.id));
      return;
    }
    setBusy(false);
    // A taken name (or an id gone since the page loaded) belongs next to its field.
    if (!state.showRefusal(result.fieldErrors)) setFailure(result.error);
  };

  useSaveShortcut(() => void create());

  return (
    <div className="space-y-6">
      <EditorHeader
        crumbs={[{ href: PLAYS_HREF, label: "Plays" }]}
        title={state.form.name.trim() || "New play"}
        publishedVersion={null}
        unpublished
        dirty={false}
        meta="Define the offer, who it is for and what the rep says. Creating saves a draft; reps see it once you publish it."
        actions={
          <Button type="button" onClick={() => void create()} disabled={busy || created}>
            <Plus className="h-4 w-4" aria-hidden />
            {busy || created ? "Creating…" : "Create draft"}
          </Button>
        }
      />
      {failure && !(failure === FIX_FIRST && state.definition) && <ActionBanner message={failure} />}
      <PlayFormCards state={state} options={options} revealAll={revealAll} />
    </div>
  );
}
