"use client";

import { Webhook } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SecretShownOnce, useCreateWithSecret } from "@/components/ui/secret-once";
import { createWebhookEndpointAction } from "@/lib/actions/webhooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { eventField, WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from "@/lib/webhooks/schema";
import type { NewWebhookEndpoint } from "@/lib/webhooks/view";

/** The signing secret, once: the receiver needs it to verify signatures; the page never shows it again. */
function SigningSecretShownOnce({ created, onDone }: { created: NewWebhookEndpoint; onDone: () => void }) {
  return (
    <SecretShownOnce
      testId="new-webhook-secret"
      inputId="new-webhook-secret"
      valueTestId="webhook-secret-value"
      label={<>Signing secret for {created.endpoint.url}</>}
      value={created.secret}
      warning={
        <>
          Copy the signing secret into the receiver now. <strong>You will not see it again.</strong> Verify each request with a Standard Webhooks library
          (<code className="font-mono">webhook-id</code>, <code className="font-mono">webhook-timestamp</code>, <code className="font-mono">webhook-signature</code>).
        </>
      }
      doneText="I have stored the secret"
      onDone={onDone}
    />
  );
}

export function NewEndpointDialog() {
  const { open, created, state, onSubmit, pending, errors, close, onOpenChange } = useCreateWithSecret<NewWebhookEndpoint>(createWebhookEndpointAction);

  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
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
        <SigningSecretShownOnce created={created} onDone={close} />
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
