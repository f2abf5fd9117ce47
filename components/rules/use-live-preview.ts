"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";

export interface LivePreview<R> {
  /** The newest answer (possibly for an older input while a new one is on its way). */
  result: R | null;
  /** An action failure (network, session ended), not a validation result. */
  error: string | null;
  /** True while the on-screen input has not been previewed yet. */
  pending: boolean;
}

/** A random id for this editor's previews (not a secret: the server scopes it to the user). */
function newPreviewKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Ask the server for a preview of `input` once edits pause for `delay` ms. `input` null means
 * "not valid yet": the last answer stays (shown as out of date) and nothing is sent. Answers
 * that arrive out of order are dropped. `run` gets this editor's preview key, with which the
 * server cancels the query of the editor's older preview still running (the admin kept typing);
 * that preview's answer is dropped too, never shown as an error.
 */
export function useLivePreview<I, R>(
  input: I | null,
  run: (input: I, previewKey: string) => Promise<ActionResult<R>>,
  delay = 400,
): LivePreview<R> {
  const key = input === null ? null : JSON.stringify(input);
  const [previewKey] = useState(newPreviewKey);
  const [state, setState] = useState<{ key: string | null; result: R | null; error: string | null }>({ key: null, result: null, error: null });
  const latest = useRef(0);
  const runRef = useRef(run);
  const inputRef = useRef(input);

  useEffect(() => {
    runRef.current = run;
    inputRef.current = input;
  });

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      const current = inputRef.current;
      if (current === null) return;
      try {
        const answer = await runRef.current(current, previewKey);
        if (ticket !== latest.current || (!answer.ok && answer.error === PREVIEW_SUPERSEDED)) return;
        setState(answer.ok ? { key, result: answer.data, error: null } : (s) => ({ key, result: s.result, error: answer.error }));
      } catch {
        if (ticket === latest.current) setState((s) => ({ key, result: s.result, error: "The preview could not be loaded. Check your connection; it retries on the next edit." }));
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay, previewKey]);

  return { result: state.result, error: state.error, pending: key !== null && state.key !== key };
}
