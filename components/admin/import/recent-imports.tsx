import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/table";
import { STATUS_LABELS, type ImportJobView, type ImportStatus } from "@/lib/import/job";
import { KIND_LABELS } from "@/lib/import/kinds";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatNumber, plural } from "@/lib/utils/format";

const STATUS_STYLES: Record<ImportStatus, string> = {
  UPLOADING: "bg-slate-100 text-slate-700 ring-slate-200",
  UPLOADED: "bg-slate-100 text-slate-700 ring-slate-200",
  CHECKING: "bg-brand-50 text-brand-700 ring-brand-200",
  CHECKED: "bg-brand-50 text-brand-700 ring-brand-200",
  HAS_ERRORS: "bg-amber-50 text-amber-800 ring-amber-200",
  COMMITTING: "bg-brand-50 text-brand-700 ring-brand-200",
  COMMITTED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  FAILED: "bg-red-50 text-red-800 ring-red-200",
  DISCARDED: "bg-slate-100 text-slate-500 ring-slate-200",
};

function outcome(job: ImportJobView): string {
  const commit = job.summary.commit;
  if (commit) return `${formatNumber(commit.created)} created · ${formatNumber(commit.updated)} updated · ${formatNumber(commit.unchanged)} unchanged`;
  const dryRun = job.summary.dryRun;
  if (dryRun && dryRun.errorCount > 0) return `${plural(dryRun.errorCount, "problem")} found`;
  if (dryRun) return `Would create ${formatNumber(dryRun.created)} · update ${formatNumber(dryRun.updated)}`;
  if (job.summary.failure) return job.summary.failure.message;
  return "Not checked yet";
}

const COLUMNS: Column<ImportJobView>[] = [
  {
    key: "when",
    header: "When (UTC)",
    headerClassName: "whitespace-nowrap",
    className: "tabular whitespace-nowrap",
    cell: (job) => <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>,
  },
  {
    key: "file",
    header: "File",
    className: "max-w-64",
    cell: (job) => (
      <Link href={`/admin/import?job=${job.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline" title={job.fileName}>
        {job.fileName}
      </Link>
    ),
  },
  { key: "kind", header: "Kind", className: "whitespace-nowrap", cell: (job) => KIND_LABELS[job.kind].title },
  { key: "by", header: "By", className: "whitespace-nowrap", cell: (job) => job.createdBy?.name ?? <span className="text-slate-400">Unknown</span> },
  {
    key: "status",
    header: "Status",
    className: "whitespace-nowrap",
    cell: (job) => (
      <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS_STYLES[job.status])}>
        {job.stale ? "Interrupted" : STATUS_LABELS[job.status]}
      </span>
    ),
  },
  { key: "rows", header: "Rows", align: "right", className: "tabular whitespace-nowrap", cell: (job) => formatNumber(job.totalRows) },
  { key: "result", header: "Result", headerClassName: "w-full min-w-64", cell: outcome },
];

/** The latest imports: who, when, which file, and how it went. */
export function RecentImports({ jobs, currentId }: { jobs: ImportJobView[]; currentId?: string }) {
  return (
    <section aria-labelledby="recent-imports-heading" className="space-y-3">
      <h2 id="recent-imports-heading" className="text-lg font-semibold text-slate-900">
        Recent imports
      </h2>
      {jobs.length === 0 ? (
        <p className="rounded-lg bg-white px-5 py-8 text-center text-sm text-slate-600 ring-1 ring-slate-200">No imports yet. They appear here once a file is uploaded.</p>
      ) : (
        <DataTable
          columns={COLUMNS}
          rows={jobs}
          rowKey={(job) => job.id}
          rowClassName={(job) => job.id === currentId && "bg-brand-50/50 hover:bg-brand-50/50"}
          caption="Recent imports, newest first"
          testId="recent-imports"
          valign="top"
        />
      )}
    </section>
  );
}
