import type { ImportImpact } from "./impact";
import type { RunPhase } from "./job";
import type { RowError } from "./rows";
import type { RunInput, RunOutcome } from "./run";

/** A run's report from its counts (a refused commit reports nothing written). */
export function buildOutcome(args: {
  input: RunInput;
  startedAt: Date;
  rows: number;
  validRows: number;
  errorCount: number;
  errors: RowError[];
  counts: { created: number; updated: number };
  touched: number;
  impact: ImportImpact;
  schemeVersion: number | null;
  refused: boolean;
  phases: Partial<Record<RunPhase, number>>;
  steps: Record<string, number>;
}): RunOutcome {
  const finishedAt = new Date();
  const { created, updated } = args.counts;
  return {
    refused: args.refused,
    errors: args.errors,
    report: {
      mode: args.input.mode,
      mapping: args.input.mapping,
      startedAt: args.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - args.startedAt.getTime(),
      rows: args.rows,
      validRows: Math.max(0, args.validRows),
      errorCount: args.errorCount,
      created,
      updated,
      unchanged: args.refused ? 0 : Math.max(0, args.validRows - created - updated),
      accountsAffected: args.touched,
      impact: args.impact,
      schemeVersion: args.schemeVersion,
      phaseMs: args.phases,
      stepMs: { ...args.steps },
    },
  };
}
