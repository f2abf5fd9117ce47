/**
 * The one error model. Expected failures are AppErrors: a code, a message safe to show, and
 * optionally the form fields they are about. Server actions turn them into an ActionResult
 * (lib/actions/client.ts), route handlers into a JSON error with HTTP_STATUS (lib/http/route.ts).
 * Anything else is unexpected: logged on the server, shown as a generic message.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "DUPLICATE_NAME"
  | "INVALID"
  | "TOO_LARGE"
  | "RATE_LIMITED"
  | "MALFORMED"
  | "SERVICE_UNAVAILABLE";

/** One code -> HTTP status table for every route handler (and the public API). */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE_NAME: 409,
  INVALID: 422,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  // A request that cannot be read at all (broken JSON, a bad header); INVALID is for readable input that breaks a rule.
  MALFORMED: 400,
  // The database cannot be reached (restarting, failing over): worth retrying in a moment.
  SERVICE_UNAVAILABLE: 503,
};

/** Messages per form field (the first problem of each), shown next to the field. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly fieldErrors?: FieldErrors;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors } = {},
  ) {
    super(message);
    this.name = "AppError";
    if (options.fieldErrors && Object.keys(options.fieldErrors).length > 0) this.fieldErrors = options.fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** An INVALID error about one form field: the message is shown next to that field. */
export function fieldError(field: string, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: message } });
}

/** Shown for anything unexpected; the details go to the server log. */
/**
 * A route handler's error answer (lib/http/route.ts), with the status from HTTP_STATUS:
 *   { "error": { "code": "NOT_FOUND", "message": "…", "details"?: { "fieldErrors": { … } } } }
 */
export interface ErrorBody {
  error: { code: AppErrorCode | "INTERNAL"; message: string; details?: { fieldErrors?: FieldErrors } };
}

export const GENERIC_ERROR = "Something went wrong on our side. Nothing was changed; try again in a moment.";

/** Shown while the database cannot be reached (lib/db/unavailable.ts decides which errors mean that). */
export const UNAVAILABLE_ERROR = "Tierwise cannot reach its database right now. Nothing was changed; try again in a moment.";

/**
 * The digest of a page error caused by an unreachable database. Next.js keeps an error's own
 * digest and sends only the digest to the browser, so the error pages tell this case apart by it.
 */
export const UNAVAILABLE_DIGEST = "TIERWISE_DATABASE_UNAVAILABLE";
