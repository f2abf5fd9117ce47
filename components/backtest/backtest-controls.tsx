"use client";

import { Loader2, Play } from "lucide-react";
import { useId } from "react";
import { AS_OF_PRESETS, HORIZON_PRESETS, monthsAgo, type BacktestOptions } from "@/lib/backtest/options";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** As-of presets (months ago) or a date, the horizon, and the button that starts the first run. */
export function BacktestControls({
  options,
  onChange,
  started,
  onStart,
  running,
  elapsedMs,
  disabled,
}: {
  options: BacktestOptions;
  onChange: (options: BacktestOptions) => void;
  started: boolean;
  onStart: () => void;
  running: boolean;
  elapsedMs: number;
  /** The draft is not valid yet. */
  disabled: boolean;
}) {
  const id = useId();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-medium text-slate-700">As of</legend>
        <div className="flex flex-wrap items-center gap-1.5">
          {AS_OF_PRESETS.map((months) => {
            const day = monthsAgo(months);
            const active = options.asOf === day;
            return (
              <button
                key={months}
                type="button"
                aria-pressed={active}
                onClick={() => onChange({ ...options, asOf: day })}
                className={cn(
                  "h-9 rounded-md px-2.5 text-sm font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-brand-600",
                  active ? "bg-brand-50 text-brand-700 ring-brand-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                )}
              >
                {months} months ago
              </button>
            );
          })}
          <label htmlFor={`${id}-date`} className="sr-only">
            As-of date
          </label>
          <input
            id={`${id}-date`}
            type="date"
            value={options.asOf}
            max={today}
            onChange={(e) => e.target.value && e.target.value < today && onChange({ ...options, asOf: e.target.value })}
            className="h-9 rounded-md border-0 px-2.5 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          />
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-horizon`} className="mb-1 block text-sm font-medium text-slate-700">
          Horizon
        </label>
        <select
          id={`${id}-horizon`}
          value={options.horizonMonths}
          onChange={(e) => onChange({ ...options, horizonMonths: Number(e.target.value) })}
          className="h-9 rounded-md border-0 py-0 pl-2.5 pr-8 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        >
          {HORIZON_PRESETS.map((months) => (
            <option key={months} value={months}>
              next {months} months
            </option>
          ))}
        </select>
      </div>
      {!started ? (
        <Button type="button" onClick={onStart} disabled={disabled}>
          <Play className="h-4 w-4" aria-hidden />
          Run backtest
        </Button>
      ) : (
        <p role="status" aria-live="polite" className="flex h-9 items-center gap-1.5 text-sm text-slate-600">
          {running && (
            <>
              <Loader2 className="h-4 w-4 animate-spin text-brand-600" aria-hidden />
              {elapsedMs >= 1000 ? `Backtesting… ${(elapsedMs / 1000).toFixed(1)} s` : "Updating…"}
            </>
          )}
        </p>
      )}
    </div>
  );
}
