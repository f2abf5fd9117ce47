/**
 * Small helpers shared by the import route handlers (app/api/import/**): error responses that
 * never leak internals, a same-origin check for the mutating routes, and the request body as chunks.
 */
import { isAppError, type AppErrorCode } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, DUPLICATE_NAME: 409, INVALID: 422 };

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

/** An AppError as { error, code } with its status; anything else is logged and answered generically. */
export function errorResponse(error: unknown, what: string): Response {
  if (isAppError(error)) return json({ error: error.message, code: error.code }, STATUS[error.code]);
  console.error(`${what} failed`, error);
  return json({ error: "Something went wrong on our side. Nothing was changed; try again." }, 500);
}

/** Browsers send Origin on POST/PUT; one from another site is refused (the session cookie is Lax, this is a second lock). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host);
  } catch {
    return false;
  }
}

export const crossOrigin = () => json({ error: "Cross-site requests are not allowed.", code: "FORBIDDEN" }, 403);

/** The request body as it arrives, chunk by chunk, never buffered whole. */
export async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value?.byteLength) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
