"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import type { FormResult } from "@/lib/actions/result";
import { API_SCOPE_LABELS, API_SCOPES } from "@/lib/api/scopes";
import type { NewApiKey } from "@/lib/data/api-keys";
import { API_KEY_NAME_MAX, scopeField } from "@/lib/validation/api-key";
import { CopyButton } from "./copy-button";

const today = () => new Date().toISOString().slice(0, 10);

/** The key, once: after this dialog closes nobody can see it again (only its hash is kept). */
function SecretOnce({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  return (
    <div className="space-y-4" data-testid="new-key-secret">
      <p className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        <span>
          Copy this key now and store it where the integration keeps its secrets. <strong>You will not see it again</strong>: Tierwise keeps only a hash of it.
        </span>
      </p>
      <div className="space-y-1">
        <label htmlFor="new-api-key" className="block text-sm font-medium text-slate-700">
          API key “{created.name}”
        </label>
        <div className="flex gap-2">
          <input
            id="new-api-key"
            readOnly
            value={created.key}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full min-w-0 rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
            data-testid="api-key-value"
          />
          <CopyButton text={created.key} />
        </div>
        <p className="text-xs text-slate-500">
          Send it as <code className="font-mono">Authorization: Bearer {created.prefix}_…</code>
        </p>
      </div>
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>
          I have stored the key
        </Button>
      </div>
    </div>
  );
}

export function NewKeyDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [state, onSubmit, pending] = useFormAction<FormResult<NewApiKey>>(async (prev, formData) => {
    const result = await createApiKeyAction(prev, formData);
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
        <SecretOnce created={created} onDone={close} />
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
