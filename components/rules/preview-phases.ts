import type { ActionResult } from "@/lib/actions/result";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";

/** Which answer to ask for: a quick estimate first (big databases), or the exact one. */
export type PreviewPhase = "estimate" | "exact";

/**
 * One live preview request as the editor makes it (useLivePreview, without React): ask, and show
 * the answer while the input is still the newest; when the shown answer is an estimate, ask for
 * the exact one and show it in its place. An answer for an older input is never shown, and no
 * exact answer is asked for once a newer input came; a preview a newer one cancelled on the server
 * (PREVIEW_SUPERSEDED) is dropped too. Without `isEstimate`, `ask` gets no phase (the exact answer).
 */
export async function previewInPhases<R>({
  ask,
  isEstimate,
  isCurrent,
  show,
}: {
  ask: (phase?: PreviewPhase) => Promise<ActionResult<R>>;
  isEstimate?: (result: R) => boolean;
  isCurrent: () => boolean;
  show: (answer: ActionResult<R>) => void;
}): Promise<void> {
  // Shows the answer unless it is out of date; true when it was a shown estimate.
  const accept = (answer: ActionResult<R>): boolean => {
    if (!isCurrent() || (!answer.ok && answer.error === PREVIEW_SUPERSEDED)) return false;
    show(answer);
    return answer.ok && (isEstimate?.(answer.data) ?? false);
  };
  if (accept(await ask(isEstimate ? "estimate" : undefined))) accept(await ask("exact"));
}
