"use client";

import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SecretShownOnce, useCreateWithSecret } from "@/components/ui/secret-once";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import { API_SCOPE_LABELS, API_SCOPES } from "@/lib/api/scopes";
import type { NewApiKey } from "@/lib/data/api-keys";
import { API_KEY_NAME_MAX, scopeField } from "@/lib/validation/api-key";

const today = () => new Date().toISOString().slice(0, 10);

/** The key, once: after this dialog closes nobody can see it again (only its hash is kept). */
function KeyShownOnce({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  return (
    <SecretShownOnce
      testId="new-key-secret"
      inputId="new-api-key"
      valueTestId="api-key-value"
      label={<>API key “{created.name}”</>}
      value={created.key}
      warning={
        <>
          Copy this key now and store it where the integration keeps its secrets. <strong>You will not see it again</strong>: Tierwise keeps only a hash of it.
        </>
      }
      hint={
        <>
          Send it as <code className="font-mono">Authorization: Bearer {created.prefix}_…</code>
        </>
      }
      doneText="I have stored the key"
      onDone={onDone}
    />
  );
}

export function NewKeyDialog() {
  const { open, created, state, onSubmit, pending, errors, close, onOpenChange } = useCreateWithSecret<NewApiKey>(createApiKeyAction);

  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={created ? "Your new API key" : "New API key"}
      description={created ? undefined : "Name it after the system that will use it, and give it only the scopes that system needs."}
      trigger={
        <Button type="button">
          <KeyRound className="h-4 w-4" aria-hidden />
          New key
        </Button>
      }
    >
      {created ? (
        <KeyShownOnce created={created} onDone={close} />
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={state && !state.ok && !state.fieldErrors ? state.error : undefined} />
          <Field label="Name" name="name" error={errors?.name} hint="e.g. Salesforce sync, Data warehouse">
            {(p) => <input {...p} autoComplete="off" maxLength={API_KEY_NAME_MAX} required />}
          </Field>
          <fieldset className="space-y-2" aria-describedby={errors?.scopes ? "scopes-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">Scopes</legend>
            {API_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2.5 rounded-md px-1 py-0.5 text-sm">
                <input type="checkbox" name={scopeField(scope)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" />
                <span>
                  <code className="font-mono text-slate-900">{scope}</code>
                  <span className="block text-slate-600">{API_SCOPE_LABELS[scope]}</span>
                </span>
              </label>
            ))}
            {errors?.scopes && (
              <p id="scopes-error" className="text-sm text-red-700">
                {errors.scopes}
              </p>
            )}
          </fieldset>
          <Field label="Expires (optional)" name="expiresOn" error={errors?.expiresOn} hint="The key stops working after this day (UTC). Leave empty for a key that lasts until revoked.">
            {(p) => <input {...p} type="date" min={today()} />}
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create key"}
            </Button>
          </div>
        </form>
      )}
    </DialogShell>
  );
}
