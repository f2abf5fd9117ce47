"use client";

import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ImportJobView, RunReport } from "@/lib/import/job";
import { KIND_LABELS, type ImportKind } from "@/lib/import/kinds";
import { formatDateTime, formatNumber } from "@/lib/utils/format";
import { ErrorTable } from "./error-table";
import { ImpactView } from "./impact-view";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/utils/format";
import { Alert } from "@/components/ui/alert";
import { Stat } from "./ui";

const NOUNS: Record<ImportKind, [string, string]> = {
  accounts: ["account", "accounts"],
  orders: ["order", "orders"],
  events: ["event", "events"],
  technologies: ["detected technology", "detected technologies"],
};

export function nounFor(kind: ImportKind, n: number): string {
  const [one, many] = NOUNS[kind];
  return plural(n, one, many);
}

export function RowCounts({ kind, report, tense }: { kind: ImportKind; report: RunReport; tense: "future" | "past" }) {
  const manyNoun = NOUNS[kind][1];
  const many = manyNoun.charAt(0).toUpperCase() + manyNoun.slice(1);
  const future = tense === "future";
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="row-counts">
      <Stat label="Rows in file" value={report.rows} />
      <Stat label="Valid rows" value={report.validRows} tone={report.validRows === report.rows ? "good" : "default"} />
      <Stat label="Rows with problems" value={report.errorCount} tone={report.errorCount ? "bad" : "muted"} />
      <Stat label={future ? `${many} to create` : `${many} created`} value={report.created} />
      <Stat label={future ? `${many} to update` : `${many} updated`} value={report.updated} />
      <Stat label="Unchanged" value={report.unchanged} tone="muted" hint="Identical to what Tierwise has" />
    </dl>
  );
}

/** The two ways to fix what a run found: map the columns differently, or upload a corrected file. */
function FixButtons({ onChangeMapping, onReplaceFile, pending }: { onChangeMapping: () => void; onReplaceFile: () => void; pending: boolean }) {
  return (
    <>
      <Button variant="secondary" onClick={onChangeMapping} disabled={pending}>
        Change mapping
      </Button>
      <Button variant="secondary" onClick={onReplaceFile} disabled={pending}>
        Upload a corrected file
      </Button>
    </>
  );
}

export function DryRunReport({
  job,
  pending,
  actionError,
  onCommit,
  onChangeMapping,
  onReplaceFile,
  onRerun,
  onDiscard,
}: {
  job: ImportJobView;
  pending: boolean;
  actionError: string | null;
  onCommit: () => void;
  onChangeMapping: () => void;
  onReplaceFile: () => void;
  onRerun: () => void;
  onDiscard: () => void;
}) {
  const report = job.summary.dryRun;
  const failure = job.summary.failure;
  const canCommit = job.status === "CHECKED" && report !== null && report.errorCount === 0 && !failure?.fileGone;

  if (!report && failure?.fileGone) {
    return (
      <div className="space-y-4">
        <Alert tone="error" title="The dry run did not finish">
          <p>{failure.message}</p>
        </Alert>
        <div className="flex flex-wrap gap-2">
          <Button onClick={onReplaceFile} disabled={pending}>
            Upload the file again
          </Button>
        </div>
      </div>
    );
  }

  if (!report) {
    return (
      <div className="space-y-4">
        <Alert tone="error" title={job.stale ? "The run was interrupted" : "The dry run did not finish"}>
          <p>{job.stale ? "The server stopped while it was running. Nothing was written." : (failure?.message ?? "Something went wrong. Nothing was written.")}</p>
        </Alert>
        <div className="flex flex-wrap gap-2">
          <Button onClick={onRerun} disabled={pending}>
            Run the dry run again
          </Button>
          <FixButtons onChangeMapping={onChangeMapping} onReplaceFile={onReplaceFile} pending={pending} />
        </div>
      </div>
    );
  }

  const noun = KIND_LABELS[job.kind].title.toLowerCase();
  return (
    <div className="space-y-5">
      {failure && (
        <Alert tone="error" title={failure.mode === "commit" ? "The commit did not go through" : "The last run did not finish"}>
          <p>{failure.message}</p>
        </Alert>
      )}
      {job.stale && (
        <Alert tone="error" title="The run was interrupted">
          <p>The server stopped while it was running. Nothing was written; run the dry run again.</p>
        </Alert>
      )}
      {report.errorCount > 0 ? (
        <Alert tone="error" title={`${plural(report.errorCount, "problem")} in ${plural(report.rows - report.validRows, "row")}: nothing can be imported yet`}>
          <p>Every row must be valid before the {noun} file can be committed. Fix the file and upload it again, or change the mapping if a column was matched to the wrong field.</p>
        </Alert>
      ) : (
        <Alert tone="success" title={`All ${plural(report.rows, "row")} are valid`}>
          <p>This is what committing will do. Nothing has been written yet.</p>
        </Alert>
      )}

      <Card
        title="Dry run results"
        description={
          <>
            {job.fileName} · checked {formatDateTime(report.finishedAt, { zone: true })} in {(report.durationMs / 1000).toFixed(1)} s
            {report.errorCount > 0 && report.validRows > 0 && <> · changes below are for the {plural(report.validRows, "valid row")}</>}
          </>
        }
      >
        <div className="space-y-6">
          <RowCounts kind={job.kind} report={report} tense="future" />
          {report.accountsAffected > 0 ? (
            <ImpactView impact={report.impact} tense="future" created={job.kind === "accounts" ? report.created : 0} />
          ) : (
            <p className="text-sm text-slate-600">No account would change{report.validRows > 0 ? ": Tierwise already has this data." : "."}</p>
          )}
        </div>
      </Card>

      {report.errorCount > 0 && (
        <Card>
          <ErrorTable jobId={job.id} total={report.errorCount} version={report.finishedAt} />
        </Card>
      )}

      {actionError && (
        <Alert tone="error" title="That did not work">
          <p>{actionError}</p>
        </Alert>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-2">
          <FixButtons onChangeMapping={onChangeMapping} onReplaceFile={onReplaceFile} pending={pending} />
          <Button variant="ghost" onClick={onDiscard} disabled={pending}>
            Discard
          </Button>
        </div>
        <div className="flex flex-col items-end gap-1">
          <Button onClick={onCommit} disabled={!canCommit || pending} aria-describedby={canCommit ? undefined : "commit-blocked"}>
            {pending && <LoaderCircle className="h-4 w-4 animate-spin" aria-hidden />}
            {canCommit ? `Commit: import ${nounFor(job.kind, report.created + report.updated)}` : "Commit"}
          </Button>
          {!canCommit && (
            <p id="commit-blocked" className="text-xs text-slate-500">
              Fix every problem and run the dry run again to commit.
            </p>
          )}
          {canCommit && report.created + report.updated === 0 && <p className="text-xs text-slate-500">Nothing would change; committing records the import.</p>}
        </div>
      </div>
      <p className="sr-only" aria-live="polite">
        Dry run finished: {formatNumber(report.errorCount)} problems.
      </p>
    </div>
  );
}
