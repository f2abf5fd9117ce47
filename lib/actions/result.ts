import { isAppError } from "@/lib/errors";

export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string; code?: string };

/**
 * Run an action body: expected failures (AppError) become a message for the user; anything
 * else is logged on the server and shown as a generic message, never a stack trace.
 */
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code };
    console.error(`action ${name} failed`, error);
    return { ok: false, error: "Something went wrong on our side. Your changes are still on screen; try again." };
  }
}
