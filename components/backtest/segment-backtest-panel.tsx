"use client";

import { backtestSegment } from "@/lib/actions/backtest";
import { ActionBanner } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { BacktestControls } from "./backtest-controls";
import { FieldHistoryNote } from "./field-history-note";
import { OutcomeChart } from "./outcome-chart";
import { OutcomeTable } from "./outcome-table";
import { useBacktest } from "./use-backtest";

/** The segment editor's backtest: the rule on screen as of a past day, members against non-members. */
export function SegmentBacktestPanel({ rule }: { rule: unknown }) {
  const backtest = useBacktest(rule, (r, options) => backtestSegment(r, options));
  const result = backtest.result;
  const groups = result ? [result.members, result.others] : [];
  return (
    <Card
      title="Backtest"
      id="segment-backtest-heading"
      testId="segment-backtest"
      description="Evaluate this rule as of a past day and see what its members bought next, against everyone else."
    >
      <div className="space-y-4">
        <BacktestControls
          options={backtest.options}
          onChange={backtest.setOptions}
          started={backtest.started}
          onStart={backtest.start}
          running={backtest.running}
          elapsedMs={backtest.elapsedMs}
          disabled={rule === null}
        />
        {backtest.error && <ActionBanner message={backtest.error} />}
        {result && (
          <div className={cn("space-y-4 transition-opacity", backtest.running && "opacity-60")} aria-busy={backtest.running || undefined}>
            <p className="rounded-lg bg-brand-50 px-3 py-2.5 text-sm font-medium text-brand-900 ring-1 ring-inset ring-brand-100" data-testid="backtest-verdict">
              {result.verdict}
            </p>
            <OutcomeChart title="Members and non-members" groups={groups} />
            <OutcomeTable caption="Members and non-members" groups={groups} testId="backtest-segment" />
            <FieldHistoryNote fields={result.fields} createdAfter={result.createdAfter} asOf={result.asOf} horizonEnd={result.horizonEnd} truncated={result.truncated} />
          </div>
        )}
      </div>
    </Card>
  );
}
