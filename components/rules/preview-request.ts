import type { ActionResult } from "@/lib/actions/result";
import type { ErrorBody } from "@/lib/errors";
import type { PreviewRequest } from "@/lib/validation/preview-request";

/** The message when the preview's answer is not the JSON the handler writes (a proxy's error page). */
const UNREADABLE = "The preview could not be loaded. Check your connection; it retries on the next edit.";

/**
 * Ask app/api/rules/preview for a live preview, answered as the preview actions answer
 * (ActionResult). `signal` aborts the request when a newer draft replaces it; the abort then
 * rejects, as fetch does.
 */
export async function requestPreview<R>(request: PreviewRequest, signal?: AbortSignal): Promise<ActionResult<R>> {
  const response = await fetch("/api/rules/preview", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    signal,
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body !== null) return { ok: true, data: body as R };
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (!error) return { ok: false, error: UNREADABLE };
  return { ok: false, error: error.message, ...(error.code !== "INTERNAL" ? { code: error.code } : {}), ...(error.details?.fieldErrors ? { fieldErrors: error.details.fieldErrors } : {}) };
}
