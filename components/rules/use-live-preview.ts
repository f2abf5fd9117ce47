"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";

export interface LivePreview<R> {
  /** The newest answer (possibly for an older input while a new one is on its way). */
  result: R | null;
  /** An action failure (network, session ended), not a validation result. */
  error: string | null;
  /** True while the on-screen input has not been previewed yet. */
  pending: boolean;
}

/**
 * Ask the server for a preview of `input` once edits pause for `delay` ms. `input` null means
 * "not valid yet": the last answer stays (shown as out of date) and nothing is sent. Answers
 * that arrive out of order are dropped.
 */
export function useLivePreview<I, R>(input: I | null, run: (input: I) => Promise<ActionResult<R>>, delay = 400): LivePreview<R> {
  const key = input === null ? null : JSON.stringify(input);
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
        const answer = await runRef.current(current);
        if (ticket !== latest.current) return;
        setState(answer.ok ? { key, result: answer.data, error: null } : (s) => ({ key, result: s.result, error: answer.error }));
      } catch {
        if (ticket === latest.current) setState((s) => ({ key, result: s.result, error: "The preview could not be loaded. Check your connection; it retries on the next edit." }));
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay]);

  return { result: state.result, error: state.error, pending: key !== null && state.key !== key };
}
