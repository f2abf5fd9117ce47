import { DataTable, type Column } from "@/components/ui/table";
import { cn } from "@/lib/utils/cn";
import { formatDateTime } from "@/lib/utils/format";
import type { WebhookAttemptView } from "@/lib/webhooks/view";
import { RedeliverButton } from "./endpoint-actions";

const DELIVERY_STATUS: Record<string, string> = { PENDING: "Retrying", DELIVERED: "Delivered", FAILED: "Failed" };

const COLUMNS: Column<WebhookAttemptView>[] = [
  { key: "at", header: "Time", className: "whitespace-nowrap", cell: (a) => formatDateTime(new Date(a.at)) },
  {
    key: "status",
    header: "Result",
    className: "whitespace-nowrap",
    cell: (a) => (
      <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", a.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200")}>
        {a.statusCode ?? "No answer"}
      </span>
    ),
  },
  { key: "latency", header: "Latency", align: "right", className: "whitespace-nowrap tabular-nums", cell: (a) => `${a.latencyMs} ms` },
  {
    key: "delivery",
    header: "Delivery",
    cell: (a) => (
      <>
        <span className="text-slate-900">
          {a.delivery.eventTypes.join(", ")} · {a.delivery.eventCount} {a.delivery.eventCount === 1 ? "event" : "events"}
        </span>
        <code className="block font-mono text-xs text-slate-500">{a.delivery.messageId}</code>
        <span className="text-xs text-slate-600">
          {DELIVERY_STATUS[a.delivery.status] ?? a.delivery.status} after {a.delivery.attempts} {a.delivery.attempts === 1 ? "attempt" : "attempts"}
          {a.delivery.nextAttemptAt ? `, next ${formatDateTime(new Date(a.delivery.nextAttemptAt))}` : ""}
        </span>
      </>
    ),
  },
  {
    key: "response",
    header: "Response",
    className: "max-w-xs",
    cell: (a) => (
      <>
        {a.error && <span className="block text-xs text-red-700">{a.error}</span>}
        {a.responseSnippet && <code className="block truncate font-mono text-xs text-slate-600" title={a.responseSnippet}>{a.responseSnippet}</code>}
      </>
    ),
  },
  { key: "actions", header: <span className="sr-only">Actions</span>, align: "right", cell: (a) => <RedeliverButton deliveryId={a.delivery.id} /> },
];

/** An endpoint's newest attempts: when, the HTTP status, latency, the first 4 KiB of the answer or the error. */
export function AttemptLog({ attempts }: { attempts: WebhookAttemptView[] }) {
  if (attempts.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">No deliveries yet. Send a test event to check the receiver.</p>;
  return <DataTable columns={COLUMNS} rows={attempts} rowKey={(a) => a.id} frame="inset" caption="Delivery attempts, newest first" />;
}
