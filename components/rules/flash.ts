"use client";

/**
 * A one-time message that survives the editor remounting after a publish or restore (the page
 * keys the editor by published version so it reloads the new draft). Lives in module memory:
 * only for the current tab and page session.
 */
let pending: { scope: string; message: string } | null = null;

export function setFlash(scope: string, message: string): void {
  pending = { scope, message };
}

/** The message left for `scope`, if any (read it once on mount, then call clearFlash). */
export function peekFlash(scope: string): string | null {
  return pending?.scope === scope ? pending.message : null;
}

export function clearFlash(scope: string): void {
  if (pending?.scope === scope) pending = null;
}
