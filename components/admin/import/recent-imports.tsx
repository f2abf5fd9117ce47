import Link from "next/link";
import { STATUS_LABELS, type ImportJobView, type ImportStatus } from "@/lib/import/job";
import { KIND_LABELS } from "@/lib/import/kinds";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, formatNumber } from "@/lib/utils/format";

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
  if (dryRun && dryRun.errorCount > 0) return `${formatNumber(dryRun.errorCount)} ${dryRun.errorCount === 1 ? "problem" : "problems"} found`;
  if (dryRun) return `Would create ${formatNumber(dryRun.created)} · update ${formatNumber(dryRun.updated)}`;
  if (job.summary.failure) return job.summary.failure.message;
  return "Not checked yet";
}

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
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="recent-imports">
            <caption className="sr-only">Recent imports, newest first</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <th scope="col" className="whitespace-nowrap px-3 py-2.5">When (UTC)</th>
                <th scope="col" className="px-3 py-2.5">File</th>
                <th scope="col" className="px-3 py-2.5">Kind</th>
                <th scope="col" className="px-3 py-2.5">By</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-3 py-2.5 text-right">Rows</th>
                <th scope="col" className="w-full min-w-64 px-3 py-2.5">Result</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {jobs.map((job) => (
                <tr key={job.id} className={cn("align-top", job.id === currentId ? "bg-brand-50/50" : "hover:bg-slate-50")}>
                  <td className="tabular whitespace-nowrap px-3 py-2.5 text-slate-700">
                    <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>
                  </td>
                  <td className="max-w-64 px-3 py-2.5">
                    <Link href={`/admin/import?job=${job.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline" title={job.fileName}>
                      {job.fileName}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">{KIND_LABELS[job.kind].title}</td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-slate-700">{job.createdBy?.name ?? <span className="text-slate-400">Unknown</span>}</td>
                  <td className="whitespace-nowrap px-3 py-2.5">
                    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS_STYLES[job.status])}>
                      {job.stale ? "Interrupted" : STATUS_LABELS[job.status]}
                    </span>
                  </td>
                  <td className="tabular whitespace-nowrap px-3 py-2.5 text-right text-slate-700">{formatNumber(job.totalRows)}</td>
                  <td className="px-3 py-2.5 text-slate-700">{outcome(job)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
