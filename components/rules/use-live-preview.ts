"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { previewInPhases, type PreviewPhase } from "./preview-phases";

export interface LivePreview<R> {
  /** The newest answer (possibly for an older input while a new one is on its way). */
  result: R | null;
  /** An action failure (network, session ended), not a validation result. */
  error: string | null;
  /** True while the on-screen input has not been previewed yet. */
  pending: boolean;
  /** True while the answer shown for the on-screen input is an estimate and the exact one is on its way. */
  refining: boolean;
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
 * that preview's answer is dropped too, never shown as an error. `run` also gets a signal that
 * aborts once the input changes again: a request that can be aborted (requestPreview, a fetch)
 * goes out at once and stops waiting for the older one (server actions are sent one at a time).
 *
 * With `isEstimate`, the first request asks for phase "estimate": a big database answers from a
 * sample at once (the answer says so; the panels label it), and the hook then asks for the exact
 * answer, which replaces it. A newer input drops both (and its request cancels the older query).
 * Without it, `run` gets no phase (the exact answer, as before).
 */
export function useLivePreview<I, R>(
  input: I | null,
  run: (input: I, previewKey: string, phase: PreviewPhase | undefined, signal: AbortSignal) => Promise<ActionResult<R>>,
  { delay = 400, isEstimate }: { delay?: number; isEstimate?: (result: R) => boolean } = {},
): LivePreview<R> {
  const key = input === null ? null : JSON.stringify(input);
  const [previewKey] = useState(newPreviewKey);
  const [state, setState] = useState<{ key: string | null; result: R | null; error: string | null }>({ key: null, result: null, error: null });
  const latest = useRef(0);
  const runRef = useRef(run);
  const inputRef = useRef(input);
  const isEstimateRef = useRef(isEstimate);

  useEffect(() => {
    runRef.current = run;
    inputRef.current = input;
    isEstimateRef.current = isEstimate;
  });

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    const superseded = new AbortController();
    const timer = setTimeout(async () => {
      const current = inputRef.current;
      if (current === null) return;
      try {
        await previewInPhases({
          ask: (phase) => runRef.current(current, previewKey, phase, superseded.signal),
          isEstimate: isEstimateRef.current,
          isCurrent: () => ticket === latest.current,
          show: (answer) => setState(answer.ok ? { key, result: answer.data, error: null } : (s) => ({ key, result: s.result, error: answer.error })),
        });
      } catch {
        if (ticket === latest.current) setState((s) => ({ key, result: s.result, error: "The preview could not be loaded. Check your connection; it retries on the next edit." }));
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      superseded.abort();
    };
  }, [key, delay, previewKey]);

  const pending = key !== null && state.key !== key;
  const refining = !pending && state.error === null && state.result !== null && (isEstimate?.(state.result) ?? false);
  return { result: state.result, error: state.error, pending, refining };
}
