import type { KeyStatus } from "@/lib/api/keys";
import { actionsColumn, DataTable, type Column } from "@/components/ui/table";
import type { ApiKeySummary } from "@/lib/data/api-keys";
import { cn } from "@/lib/utils/cn";
import { formatDate, formatDateTime } from "@/lib/utils/format";
import { RevokeKeyButton } from "./revoke-key-button";

const STATUS: Record<KeyStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  expired: { label: "Expired", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  revoked: { label: "Revoked", className: "bg-slate-100 text-slate-600 ring-slate-200" },
};

const muted = <span className="text-slate-400">—</span>;

const COLUMNS: Column<ApiKeySummary>[] = [
  {
    key: "name",
    header: "Name",
    rowHeader: true,
    className: "whitespace-nowrap",
    cell: (key) => (
      <>
        <span className="font-medium text-slate-900">{key.name}</span>
        <code className="block font-mono text-xs text-slate-500">{key.prefix}_…</code>
      </>
    ),
  },
  {
    key: "scopes",
    header: "Scopes",
    cell: (key) => (
      <ul className="flex flex-wrap gap-1" aria-label="Scopes">
        {key.scopes.map((scope) => (
          <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
            {scope}
          </li>
        ))}
      </ul>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (key) => (
      <span className={cn("inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS[key.status].className)}>
        {STATUS[key.status].label}
      </span>
    ),
  },
  {
    key: "created",
    header: "Created",
    className: "whitespace-nowrap text-slate-600",
    cell: (key) => (
      <>
        {formatDate(key.createdAt)}
        {key.createdBy && <span className="block text-xs text-slate-500">by {key.createdBy}</span>}
      </>
    ),
  },
  {
    key: "expires",
    header: "Expires",
    className: "whitespace-nowrap text-slate-600",
    // Stored as the instant after the chosen day; the admin picked the day before it.
    cell: (key) => (key.expiresAt ? formatDate(new Date(key.expiresAt.getTime() - 1)) : <span className="text-slate-400">Never</span>),
  },
  {
    key: "lastUsed",
    header: "Last used",
    className: "whitespace-nowrap text-slate-600",
    cell: (key) => <span data-testid="last-used">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, { zone: true }) : <span className="text-slate-400">Never</span>}</span>,
  },
  {
    key: "revoked",
    header: "Revoked",
    className: "whitespace-nowrap text-slate-600",
    cell: (key) =>
      key.revokedAt ? (
        <>
          {formatDate(key.revokedAt)}
          {key.revokedBy && <span className="block text-xs text-slate-500">by {key.revokedBy}</span>}
        </>
      ) : (
        muted
      ),
  },
  actionsColumn((key) => (key.status === "revoked" ? null : <RevokeKeyButton id={key.id} name={key.name} prefix={key.prefix} />), "py-2"),
];

export function ApiKeysTable({ keys }: { keys: ApiKeySummary[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={keys}
      rowKey={(key) => key.id}
      caption="API keys, newest first"
      testId="api-keys-table"
      frame="inset"
      // Positioned, so the visually hidden "Actions" header scrolls with the table instead of widening a phone's page.
      className="relative"
      rowClassName={(key) => key.status !== "active" && "text-slate-500"}
    />
  );
}
