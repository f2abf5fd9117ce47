import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/table";
import type { JobsOverview, JobState, JobView } from "@/lib/jobs/view";
import { formatDateTime } from "@/lib/utils/format";
import { RetryButton } from "./retry-button";

function when(value: string | null) {
  return value ? <time dateTime={value}>{formatDateTime(value)}</time> : "—";
}

/** "0.4 s", "12 s", "3 min": how long a completed job's last attempt took. */
function duration(job: JobView): string {
  if (!job.startedAt || !job.finishedAt) return "—";
  const ms = Math.max(0, Date.parse(job.finishedAt) - Date.parse(job.startedAt));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function attempts(job: JobView): string {
  return job.maxAttempts ? `${job.attempts} of ${job.maxAttempts}` : String(job.attempts);
}

const COLUMNS = {
  job: {
    key: "job",
    header: "Job",
    headerClassName: "w-full min-w-56",
    rowHeader: true,
    cell: (job) => (
      <span className="block">
        <span className="font-medium text-slate-900">{job.label}</span>
        {job.about && <span className="block text-xs text-slate-500">{job.about}</span>}
      </span>
    ),
  },
  attempts: { key: "attempts", header: "Attempts", align: "right", className: "tabular whitespace-nowrap", cell: attempts },
  queued: { key: "queued", header: "Queued (UTC)", className: "tabular whitespace-nowrap", cell: (job) => when(job.queuedAt) },
  due: { key: "due", header: "Starts (UTC)", className: "tabular whitespace-nowrap", cell: (job) => (job.runAt && Date.parse(job.runAt) > Date.now() ? when(job.runAt) : "Now") },
  started: { key: "started", header: "Started (UTC)", className: "tabular whitespace-nowrap", cell: (job) => when(job.startedAt) },
  finished: { key: "finished", header: "Finished (UTC)", className: "tabular whitespace-nowrap", cell: (job) => when(job.finishedAt) },
  took: { key: "took", header: "Took", align: "right", className: "tabular whitespace-nowrap", cell: duration },
  error: {
    key: "error",
    header: "Last error",
    className: "max-w-96",
    cell: (job) =>
      job.lastError ? (
        <span className="block truncate text-red-800" title={job.lastError}>
          {job.lastError}
        </span>
      ) : (
        <span className="text-slate-400">None</span>
      ),
  },
  retry: { key: "retry", header: <span className="sr-only">Actions</span>, align: "right", cell: (job) => <RetryButton jobId={job.id} label={`${job.label}, ${job.about}`} /> },
} satisfies Record<string, Column<JobView>>;

type ColumnKey = keyof typeof COLUMNS;

const SECTIONS: { state: JobState & keyof JobsOverview; title: string; description: string; empty: string; columns: ColumnKey[] }[] = [
  { state: "running", title: "Running", description: "Taken by a worker in one of the app instances.", empty: "Nothing is running.", columns: ["job", "started", "attempts", "queued"] },
  {
    state: "queued",
    title: "Queued",
    description: "Waiting for a worker; a retry waits a little longer after each failed attempt.",
    empty: "Nothing is waiting.",
    columns: ["job", "queued", "due", "attempts", "error"],
  },
  { state: "failed", title: "Failed", description: "Every attempt failed; nothing more happens until someone retries.", empty: "No failed jobs.", columns: ["job", "queued", "attempts", "error", "retry"] },
  { state: "completed", title: "Recently completed", description: "The latest jobs that finished, newest first.", empty: "No job has completed yet.", columns: ["job", "started", "finished", "took", "attempts"] },
];

/** The queue as four cards: running, queued, failed (with Retry) and recently completed jobs. */
export function JobSections({ jobs }: { jobs: JobsOverview }) {
  return (
    <div className="space-y-6">
      {SECTIONS.map((section) => {
        const rows = jobs[section.state];
        const id = `jobs-${section.state}`;
        return (
          <Card key={section.state} id={id} title={`${section.title} (${rows.length})`} description={section.description} bodyClassName="p-0" testId={id}>
            <DataTable
              frame="inset"
              columns={section.columns.map((key) => COLUMNS[key] as Column<JobView>)}
              rows={rows}
              rowKey={(job) => `${section.state}-${job.id}`}
              caption={`${section.title} jobs`}
              region={`${section.title} jobs table`}
              placeholder={section.empty}
            />
          </Card>
        );
      })}
    </div>
  );
}
