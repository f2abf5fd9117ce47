"use client";

import { Lightbulb, Loader2 } from "lucide-react";
import { Popover } from "radix-ui";
import { useEffect, useId, useState } from "react";
import { suggestThresholds } from "@/lib/actions/backtest";
import { DEFAULT_PER_REP, MAX_PER_REP, directionOf, type Distribution } from "@/lib/backtest/suggest";
import type { NumericFieldDefinition } from "@/lib/segmentation/fields";
import { formatMoney, formatMoneyCompact, formatNumber, plural } from "@/lib/utils/format";
import { Histogram } from "./histogram";
import { useThresholdScope } from "./threshold-scope";

const SHOWN_PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/**
 * "Suggest" beside a number / money condition (>=, >, <=, <, between): the field's distribution
 * over the accounts that reach this tier, and thresholds to apply in one click.
 */
export function ThresholdSuggestions({ field, operator, onApply }: { field: NumericFieldDefinition; operator: string; onApply: (value: number) => void }) {
  const scope = useThresholdScope();
  const direction = directionOf(operator);
  const [open, setOpen] = useState(false);
  if (!scope || !direction) return null;
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={`Suggest a threshold for ${field.label}`}
        className="inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <Lightbulb className="h-4 w-4" aria-hidden />
        Suggest
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          collisionPadding={12}
          aria-label={`Suggested thresholds for ${field.label}`}
          // Focus the panel, not the capacity box (the only control until the numbers arrive).
          tabIndex={-1}
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement | null)?.focus();
          }}
          className="z-50 w-[22rem] max-w-[calc(100vw-24px)] rounded-lg bg-white p-4 shadow-xl ring-1 ring-slate-200 focus:outline-none"
        >
          {open && (
            <SuggestionsBody
              field={field}
              direction={direction}
              earlier={scope.earlier}
              what={scope.what}
              onApply={(value) => {
                onApply(value);
                setOpen(false);
              }}
            />
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function SuggestionsBody({
  field,
  direction,
  earlier,
  what,
  onApply,
}: {
  field: NumericFieldDefinition;
  direction: "high" | "low";
  earlier: unknown[] | null;
  what: string;
  onApply: (value: number) => void;
}) {
  const id = useId();
  const [perRep, setPerRep] = useState(DEFAULT_PER_REP);
  const [state, setState] = useState<{ data: Distribution | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const format = (value: number) => (field.type === "money" ? formatMoney(value) : formatNumber(value));

  useEffect(() => {
    if (earlier === null) return;
    let live = true;
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, loading: true }));
      const answer = await suggestThresholds(earlier, { field: field.key, direction, perRep }).catch(() => null);
      if (!live) return;
      if (answer?.ok) setState({ data: answer.data, error: null, loading: false });
      else setState((s) => ({ data: s.data, error: answer?.error ?? "The suggestions could not be loaded.", loading: false }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [earlier, field.key, direction, perRep]);

  if (earlier === null) return <p className="text-sm text-slate-700">Finish the rules of the tiers above first: the suggestions look at the accounts they leave for this tier.</p>;
  const d = state.data;
  return (
    <div className="space-y-3 text-sm" aria-busy={state.loading || undefined}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{field.label}</h3>
        {state.loading && <Loader2 className="h-4 w-4 animate-spin text-brand-600" aria-label="Loading" />}
      </div>
      {state.error && <p className="text-red-700">{state.error}</p>}
      {d && (
        <>
          <p className="text-slate-600">
            Over the {formatNumber(d.population)} {what}
            {earlier.length > 0 ? " (not caught by an earlier tier)" : ""}
            {d.withValue < d.population ? ` (${formatNumber(d.withValue)} with a value)` : ""}, owned by {plural(d.reps, "rep")}.
          </p>
          {d.histogram.length > 0 && <Histogram bins={d.histogram} format={format} />}
          <dl className="grid grid-cols-5 gap-1 text-center text-xs">
            {d.percentiles
              .filter((p) => SHOWN_PERCENTILES.includes(p.p))
              .map((p) => (
                <div key={p.p} className="rounded bg-slate-50 px-1 py-1">
                  <dt className="text-slate-500">p{Math.round(p.p * 100)}</dt>
                  <dd className="tabular truncate font-medium text-slate-800">{field.type === "money" ? formatMoneyCompact(p.value) : formatNumber(p.value)}</dd>
                </div>
              ))}
          </dl>
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Suggested thresholds">
            {d.suggestions.map((s) => (
              <li key={s.key} className="flex items-center justify-between gap-2 px-2.5 py-1.5">
                <div className="min-w-0">
                  <div className="font-medium text-slate-900">
                    {s.label}: <span className="tabular">{format(s.value)}</span>
                  </div>
                  <div className="text-xs text-slate-500">{s.detail}</div>
                </div>
                <button
                  type="button"
                  onClick={() => onApply(s.value)}
                  aria-label={`Apply ${s.label}: ${format(s.value)}`}
                  className="shrink-0 rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                >
                  Apply
                </button>
              </li>
            ))}
            {d.suggestions.length === 0 && <li className="px-2.5 py-1.5 text-slate-600">None of these accounts has a value yet.</li>}
          </ul>
        </>
      )}
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <label htmlFor={`${id}-per-rep`}>Capacity: at most</label>
        <input
          id={`${id}-per-rep`}
          type="number"
          min={1}
          max={MAX_PER_REP}
          value={perRep}
          onChange={(e) => {
            const n = Math.trunc(Number(e.target.value));
            if (n >= 1 && n <= MAX_PER_REP) setPerRep(n);
          }}
          className="h-7 w-16 rounded-md border-0 px-1.5 text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
        <span>accounts per rep</span>
      </div>
    </div>
  );
}
