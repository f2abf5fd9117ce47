"use client";

import { LoaderCircle } from "lucide-react";
import { PHASE_LABELS, RUN_PHASES, type ImportJobView } from "@/lib/import/job";
import { formatNumber } from "@/lib/utils/format";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "./ui";

/** A running dry run or commit: rows read so far, then the phase it is in. */
export function RunProgress({ job }: { job: ImportJobView }) {
  const progress = job.summary.progress;
  const commit = progress?.mode === "commit" || job.status === "COMMITTING";
  const phase = progress?.phase ?? "waiting";
  const reading = phase === "reading" || phase === "waiting";
  const total = job.totalRows;
  const processed = reading ? job.processed : total;
  const step = RUN_PHASES.indexOf(phase);
  return (
    <Card
      title={commit ? "Committing the import" : "Dry run in progress"}
      description={commit ? "Every row is written in one transaction: if anything fails, nothing is kept." : "Every row is checked and the changes are computed, then rolled back. Nothing is written."}
    >
      <div className="space-y-3" aria-live="polite" aria-busy="true">
        <div className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <LoaderCircle className="h-4 w-4 animate-spin text-brand-600" aria-hidden />
          {PHASE_LABELS[phase]}
          <span className="text-slate-500">
            (step {Math.max(1, step)} of {RUN_PHASES.length - 1})
          </span>
        </div>
        <ProgressBar value={processed} max={total || null} label={commit ? "Commit progress" : "Dry run progress"} />
        <p className="tabular text-sm text-slate-600" data-testid="run-progress-rows">
          {formatNumber(processed)} of {formatNumber(total)} rows read
        </p>
      </div>
    </Card>
  );
}
