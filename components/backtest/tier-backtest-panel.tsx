"use client";

import { backtestTierScheme } from "@/lib/actions/backtest";
import type { TierBacktest } from "@/lib/backtest/run";
import { ActionBanner } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { BacktestControls } from "./backtest-controls";
import { FieldHistoryNote } from "./field-history-note";
import { OutcomeChart } from "./outcome-chart";
import { OutcomeTable } from "./outcome-table";
import { useBacktest } from "./use-backtest";

/**
 * The tier scheme editor's backtest: the draft on screen and the published scheme, evaluated on
 * the accounts as they stood on a past day, and what each tier's accounts bought afterwards.
 * `definition` is null while the draft is not valid.
 */
export function TierBacktestPanel({ definition }: { definition: unknown }) {
  const backtest = useBacktest(definition, (scheme, options) => backtestTierScheme(scheme, options));
  const result = backtest.result;
  return (
    <Card
      title="Backtest"
      id="tier-backtest-heading"
      testId="tier-backtest"
      description="Would these tiers have told the buyers apart? Evaluate the draft and the published scheme as of a past day and see what their accounts bought next."
    >
      <div className="space-y-4">
        <BacktestControls
          options={backtest.options}
          onChange={backtest.setOptions}
          started={backtest.started}
          onStart={backtest.start}
          running={backtest.running}
          elapsedMs={backtest.elapsedMs}
          disabled={definition === null}
        />
        {backtest.error && <ActionBanner message={backtest.error} />}
        {result && <TierBacktestResult result={result} stale={backtest.running} />}
      </div>
    </Card>
  );
}

function TierBacktestResult({ result, stale }: { result: TierBacktest; stale: boolean }) {
  const publishedTitle = result.publishedVersion ? `Published (v${result.publishedVersion})` : "Published";
  return (
    <div className={cn("space-y-4 transition-opacity", stale && "opacity-60")} aria-busy={stale || undefined}>
      <p className="rounded-lg bg-brand-50 px-3 py-2.5 text-sm font-medium text-brand-900 ring-1 ring-inset ring-brand-100" data-testid="backtest-verdict">
        {result.verdict}
      </p>
      <div className={cn("grid gap-4", result.published && "sm:grid-cols-2")}>
        <OutcomeChart title="Draft" groups={result.draft} />
        {result.published && <OutcomeChart title={publishedTitle} groups={result.published} />}
      </div>
      <OutcomeTable caption="Draft" groups={result.draft} testId="backtest-draft" />
      {result.published ? (
        <OutcomeTable caption={publishedTitle} groups={result.published} testId="backtest-published" />
      ) : (
        <p className="text-sm text-slate-600">No scheme is published yet: there is nothing to compare the draft with.</p>
      )}
      <FieldHistoryNote fields={result.fields} createdAfter={result.createdAfter} asOf={result.asOf} horizonEnd={result.horizonEnd} truncated={result.truncated} />
    </div>
  );
}
