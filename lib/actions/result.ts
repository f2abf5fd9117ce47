import type { AppErrorCode, FieldErrors } from "@/lib/errors";

/**
 * What every server action returns (client-safe: components import this type). Failures carry a
 * message for the user, the AppError code (none for unexpected errors) and, for forms, one
 * message per field.
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: AppErrorCode; fieldErrors?: FieldErrors };

/** The state a form's `useActionState` starts with: nothing submitted yet. */
export type FormResult<T = null> = ActionResult<T> | null;
