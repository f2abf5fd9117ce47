"use client";

import { TriangleAlert, Webhook } from "lucide-react";
import { useState } from "react";
import { CopyButton } from "@/components/admin/api/copy-button";
import { Button } from "@/components/ui/button";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormResult } from "@/lib/actions/result";
import { createWebhookEndpointAction } from "@/lib/actions/webhooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { eventField, WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from "@/lib/webhooks/schema";
import type { NewWebhookEndpoint } from "@/lib/webhooks/view";

/** The signing secret, once: the receiver needs it to verify signatures; the page never shows it again. */
function SecretOnce({ created, onDone }: { created: NewWebhookEndpoint; onDone: () => void }) {
  return (
    <div className="space-y-4" data-testid="new-webhook-secret">
      <p className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        <span>
          Copy the signing secret into the receiver now. <strong>You will not see it again.</strong> Verify each request with a Standard Webhooks library
          (<code className="font-mono">webhook-id</code>, <code className="font-mono">webhook-timestamp</code>, <code className="font-mono">webhook-signature</code>).
        </span>
      </p>
      <div className="space-y-1">
        <label htmlFor="new-webhook-secret" className="block text-sm font-medium text-slate-700">
          Signing secret for {created.endpoint.url}
        </label>
        <div className="flex gap-2">
          <input
            id="new-webhook-secret"
            readOnly
            value={created.secret}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full min-w-0 rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
            data-testid="webhook-secret-value"
          />
          <CopyButton text={created.secret} />
        </div>
      </div>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>
          I have stored the secret
        </Button>
      </div>
    </div>
  );
}

export function NewEndpointDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<NewWebhookEndpoint | null>(null);
  const [state, onSubmit, pending] = useFormAction<FormResult<NewWebhookEndpoint>>(async (prev, formData) => {
    const result = await createWebhookEndpointAction(prev, formData);
    if (result?.ok) {
      setCreated(result.data);
      return null;
    }
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const close = () => {
    setOpen(false);
    setCreated(null);
  };

  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      title={created ? "Endpoint registered" : "New webhook endpoint"}
      description={created ? undefined : "Tierwise POSTs signed batches of the chosen events to this URL as memberships change."}
      trigger={
        <Button type="button">
          <Webhook className="h-4 w-4" aria-hidden />
          New endpoint
        </Button>
      }
    >
      {created ? (
        <SecretOnce created={created} onDone={close} />
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={state && !state.ok && !state.fieldErrors ? state.error : undefined} />
          <Field label="URL" name="url" error={errors?.url} hint="https://… of the receiver. Private and loopback addresses are refused unless the server allows them.">
            {(p) => <input {...p} type="url" autoComplete="off" maxLength={WEBHOOK_URL_MAX} required placeholder="https://crm-sync.example.com/tierwise" />}
          </Field>
          <Field label="Description (optional)" name="description" error={errors?.description} hint="e.g. Salesforce sync">
            {(p) => <input {...p} autoComplete="off" maxLength={WEBHOOK_DESCRIPTION_MAX} />}
          </Field>
          <fieldset className="space-y-1.5" aria-describedby={errors?.events ? "events-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-start gap-2.5 rounded-md px-1 py-0.5 text-sm">
                <input type="checkbox" name={eventField(event)} defaultChecked={!event.includes("play")} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
                <span>
                  <code className="font-mono text-slate-900">{event}</code>
                  <span className="block text-slate-600">{WEBHOOK_EVENT_LABELS[event]}</span>
                </span>
              </label>
            ))}
            {errors?.events && (
              <p id="events-error" className="text-sm text-red-700">
                {errors.events}
              </p>
            )}
          </fieldset>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Registering…" : "Register endpoint"}
            </Button>
          </div>
        </form>
      )}
    </DialogShell>
  );
}
