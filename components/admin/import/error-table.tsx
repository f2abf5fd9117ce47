"use client";

import { Download } from "lucide-react";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/table";
import type { RowError } from "@/lib/import/rows";
import { cn } from "@/lib/utils/cn";
import { formatNumber, plural } from "@/lib/utils/format";

interface Page {
  rows: RowError[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
}

const COLUMNS: Column<RowError>[] = [
  { key: "line", header: "Line", className: "tabular whitespace-nowrap font-medium text-slate-900", cell: (e) => e.line },
  { key: "column", header: "Column", className: "whitespace-nowrap", cell: (e) => e.column ?? <span className="text-slate-500">Whole row</span> },
  {
    key: "value",
    header: "Value",
    cell: (e) => (
      <span className="block max-w-48 truncate font-mono text-xs" title={e.value ?? undefined}>
        {e.value ? e.value : <span className="font-sans text-slate-500">blank</span>}
      </span>
    ),
  },
  { key: "reason", header: "Problem", headerClassName: "w-full min-w-72", className: "text-slate-800", cell: (e) => e.reason },
];

/** Every bad row of the last run, a page at a time, and the whole list as a CSV download. */
export function ErrorTable({ jobId, total, version }: { jobId: string; total: number; version: string }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/import/jobs/${jobId}/errors?page=${page}`, { cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as Page;
        if (!cancelled) {
          setData(next);
          setFailed(false);
        }
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [jobId, page, version]);

  const first = data && data.total > 0 ? (data.page - 1) * data.size + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.size) : 0;
  const pageButton = (disabled: boolean) =>
    cn("rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300", disabled ? "cursor-not-allowed text-slate-300" : "bg-white text-slate-700 hover:bg-slate-50");

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-slate-900">
          {plural(total, "problem")} to fix
        </h4>
        <a href={`/api/import/jobs/${jobId}/errors?format=csv`} download className={buttonClass("secondary")}>
          <Download className="h-4 w-4" aria-hidden />
          Download all as CSV
        </a>
      </div>
      {failed && <p className="text-sm text-red-700">The problems could not be loaded. Reload the page to try again.</p>}
      <DataTable
        columns={COLUMNS}
        rows={data?.rows ?? []}
        rowKey={(e, i) => `${e.line}-${i}`}
        caption="Rows with problems: line (the header is line 1), column, value and what is wrong"
        testId="import-errors"
        density="compact"
        valign="top"
        placeholder={!data && !failed ? "Loading…" : null}
      />
      {data && data.pageCount > 1 && (
        <nav aria-label="Problem pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
          <p className="tabular">
            Showing {formatNumber(first)}–{formatNumber(last)} of {formatNumber(data.total)}
          </p>
          <div className="flex items-center gap-2">
            <button type="button" className={pageButton(page <= 1)} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              Previous
            </button>
            <span aria-live="polite" className="tabular">
              Page {formatNumber(data.page)} of {formatNumber(data.pageCount)}
            </span>
            <button type="button" className={pageButton(page >= data.pageCount)} disabled={page >= data.pageCount} onClick={() => setPage((p) => p + 1)}>
              Next
            </button>
          </div>
        </nav>
      )}
    </div>
  );
}
