"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { DEFAULT_AS_OF_MONTHS, DEFAULT_HORIZON_MONTHS, monthsAgo, type BacktestOptions } from "@/lib/backtest/options";

export interface Backtest<R> {
  options: BacktestOptions;
  setOptions: (options: BacktestOptions) => void;
  /** Run once by hand; from then on it follows the draft and the options. */
  started: boolean;
  start: () => void;
  result: R | null;
  error: string | null;
  /** True while the on-screen draft and options have not been backtested yet. */
  running: boolean;
  /** Milliseconds since the running backtest was sent (for the progress note past 1 s). */
  elapsedMs: number;
}

/**
 * Backtest `input` (the draft on screen; null while it is not valid) with the chosen options:
 * after the first run, again whenever either changes (debounced). Answers that arrive out of
 * order are dropped; the last answer stays on screen while a new one is computed.
 */
export function useBacktest<I, R>(input: I | null, run: (input: I, options: BacktestOptions) => Promise<ActionResult<R>>, delay = 600): Backtest<R> {
  const [options, setOptions] = useState<BacktestOptions>(() => ({ asOf: monthsAgo(DEFAULT_AS_OF_MONTHS), horizonMonths: DEFAULT_HORIZON_MONTHS }));
  const [started, setStarted] = useState(false);
  const [state, setState] = useState<{ key: string | null; result: R | null; error: string | null }>({ key: null, result: null, error: null });
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const latest = useRef(0);
  const runRef = useRef(run);
  const inputRef = useRef(input);
  useEffect(() => {
    runRef.current = run;
    inputRef.current = input;
  });

  const key = started && input !== null ? JSON.stringify([input, options]) : null;

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      const current = inputRef.current;
      if (current === null) return;
      setSentAt(Date.now());
      try {
        const answer = await runRef.current(current, options);
        if (ticket !== latest.current) return;
        setState(answer.ok ? { key, result: answer.data, error: null } : (s) => ({ key, result: s.result, error: answer.error }));
      } catch {
        if (ticket === latest.current) setState((s) => ({ key, result: s.result, error: "The backtest could not be run. Check your connection and try again." }));
      } finally {
        if (ticket === latest.current) setSentAt(null);
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [key, options, delay]);

  // A clock for the progress note, ticking only while a backtest is on its way.
  useEffect(() => {
    if (sentAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [sentAt]);

  return {
    options,
    setOptions,
    started,
    start: () => setStarted(true),
    result: state.result,
    error: state.error,
    running: key !== null && state.key !== key,
    elapsedMs: sentAt === null ? 0 : Math.max(0, now - sentAt),
  };
}
