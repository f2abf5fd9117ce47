import { DataTable, type Column } from "@/components/ui/table";
import type { AuditRow } from "@/lib/data/audit-log";
import { cn } from "@/lib/utils/cn";
import { humanize } from "@/lib/utils/format";

const timestamp = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

function actionStyle(action: string): string {
  if (action.endsWith("_FAILED") || action === "USER_DEACTIVATED") return "bg-red-50 text-red-800 ring-red-200";
  if (action.startsWith("SIGN_")) return "bg-slate-100 text-slate-700 ring-slate-200";
  if (action.startsWith("USER_") || action === "PASSWORD_RESET") return "bg-brand-50 text-brand-700 ring-brand-200";
  if (action === "EXPORT" || action === "IMPORT_COMMITTED") return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  return "bg-amber-50 text-amber-800 ring-amber-200";
}

/** One line for the closed <details>: the first few simple values ("rows: 300 · status: complete"). */
function summarize(details: unknown): string {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return JSON.stringify(details);
  const parts = Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v))
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${String(v)}`);
  const more = Object.keys(details).length - parts.length;
  return [...parts, ...(more > 0 ? [`+${more} more`] : [])].join(" · ") || "Details";
}

const COLUMNS: Column<AuditRow>[] = [
  {
    key: "at",
    header: "Time (UTC)",
    headerClassName: "whitespace-nowrap",
    className: "tabular whitespace-nowrap",
    cell: (row) => <time dateTime={row.at.toISOString()}>{timestamp.format(row.at)}</time>,
  },
  {
    key: "action",
    header: "Action",
    cell: (row) => (
      <span className={cn("inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", actionStyle(row.action))}>
        {humanize(row.action)}
      </span>
    ),
  },
  { key: "actor", header: "Actor", className: "whitespace-nowrap", cell: (row) => row.actorEmail ?? <span className="text-slate-400">Unknown</span> },
  { key: "target", header: "Target", className: "whitespace-nowrap", cell: (row) => row.target ?? <span className="text-slate-400">—</span> },
  {
    key: "details",
    header: "Details",
    headerClassName: "w-full",
    cell: (row) =>
      row.details == null ? (
        <span className="text-slate-400">—</span>
      ) : (
        <details className="group">
          <summary className="cursor-pointer text-slate-700 marker:text-slate-400 hover:text-slate-900">
            <span className="break-words">{summarize(row.details)}</span>
          </summary>
          <pre className="mt-2 max-h-80 max-w-2xl overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
            {JSON.stringify(row.details, null, 2)}
          </pre>
        </details>
      ),
  },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable columns={COLUMNS} rows={rows} rowKey={(row) => row.id} caption="Audit log entries, newest first" region="Audit log table" testId="audit-table" valign="top" />;
}
