import { Webhook } from "lucide-react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";
import { formatDateTime, plural } from "@/lib/utils/format";
import type { WebhookAttemptView, WebhookEndpointView } from "@/lib/webhooks/view";
import { AttemptLog } from "./attempt-log";
import { EndpointActions } from "./endpoint-actions";
import { NewEndpointDialog } from "./new-endpoint-dialog";

function Status({ endpoint }: { endpoint: WebhookEndpointView }) {
  const [label, className] = endpoint.active
    ? endpoint.failingSince
      ? ["Failing", "bg-amber-50 text-amber-800 ring-amber-200"]
      : ["Active", "bg-emerald-50 text-emerald-800 ring-emerald-200"]
    : ["Inactive", "bg-slate-100 text-slate-600 ring-slate-200"];
  return <span className={cn("inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", className)}>{label}</span>;
}

function EndpointPanel({ endpoint, attempts }: { endpoint: WebhookEndpointView; attempts: WebhookAttemptView[] }) {
  return (
    <li className="border-t border-slate-200 first:border-t-0" data-testid="webhook-endpoint">
      <div className="space-y-2 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <code className="break-all font-mono text-sm font-medium text-slate-900">{endpoint.url}</code>
          <Status endpoint={endpoint} />
          {endpoint.pending > 0 && <span className="text-xs text-slate-600">{plural(endpoint.pending, "delivery")} pending</span>}
        </div>
        {endpoint.description && <p className="text-sm text-slate-700">{endpoint.description}</p>}
        <ul className="flex flex-wrap gap-1" aria-label="Events">
          {endpoint.events.map((event) => (
            <li key={event} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
              {event}
            </li>
          ))}
        </ul>
        {!endpoint.active && endpoint.disabledReason && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="webhook-disabled-reason">
            {endpoint.disabledReason} {endpoint.disabledAt && <span className="text-red-700">({formatDateTime(new Date(endpoint.disabledAt))})</span>}
          </p>
        )}
        {endpoint.active && endpoint.failingSince && (
          <p className="text-sm text-amber-800">Every attempt has failed since {formatDateTime(new Date(endpoint.failingSince))}; after 24 hours the endpoint is deactivated.</p>
        )}
        <p className="text-xs text-slate-500">
          Registered by {endpoint.createdBy} on {formatDateTime(new Date(endpoint.createdAt))}
        </p>
        <EndpointActions id={endpoint.id} url={endpoint.url} active={endpoint.active} />
      </div>
      <details className="group border-t border-slate-100" open={attempts.length > 0}>
        <summary className="cursor-pointer px-5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">Delivery log ({attempts.length})</summary>
        <AttemptLog attempts={attempts} />
      </details>
    </li>
  );
}

/** The webhooks part of the "API & webhooks" admin page. */
export function WebhooksSection({ endpoints, attempts }: { endpoints: WebhookEndpointView[]; attempts: Record<string, WebhookAttemptView[]> }) {
  return (
    <Card
      id="webhooks-heading"
      title="Webhooks"
      description="Tier, segment and play changes, with their reason, POSTed to your systems as they happen: signed (Standard Webhooks), batched, retried for 24 hours."
      actions={<NewEndpointDialog />}
      bodyClassName="p-0"
    >
      {endpoints.length > 0 ? (
        <ul>
          {endpoints.map((endpoint) => (
            <EndpointPanel key={endpoint.id} endpoint={endpoint} attempts={attempts[endpoint.id] ?? []} />
          ))}
        </ul>
      ) : (
        <div className="px-6 py-12 text-center" data-testid="webhooks-empty">
          <span className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-full bg-brand-50 text-brand-700">
            <Webhook className="h-5 w-5" aria-hidden />
          </span>
          <h3 className="text-sm font-semibold text-slate-900">No webhook endpoints yet</h3>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Register the URL of a receiver (a CRM sync, an automation tool) to have every tier and segment change pushed to it. See docs/crm-write-back.md.
          </p>
        </div>
      )}
    </Card>
  );
}
