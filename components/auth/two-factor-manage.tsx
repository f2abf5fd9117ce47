"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFormAction, useFormActionThen } from "@/components/ui/use-form-action";
import type { FormResult } from "@/lib/actions/result";
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/lib/actions/two-factor";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { RecoveryCodes } from "./recovery-codes";

const CODE_HINT = "The 6-digit code from your app, or an unused recovery code.";

function CodeField({ error }: { error?: string }) {
  return (
    <Field label="Code" name="code" error={error} hint={CODE_HINT}>
      {(p) => <input {...p} type="text" autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} maxLength={64} className={`${p.className} max-w-56 font-mono`} required />}
    </Field>
  );
}

/** New recovery codes (the old ones stop working), for a code from the app. */
function Regenerate() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [state, onSubmit, pending] = useFormActionThen<{ recoveryCodes: string[] }>(regenerateRecoveryCodesAction, (data) => setCodes(data.recoveryCodes));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (codes) return <RecoveryCodes codes={codes} doneText="Done" onDone={() => setCodes(null)} />;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="New recovery codes">
      <FormError message={state && !state.ok && !errors ? state.error : undefined} />
      <CodeField error={errors?.code} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Checking…" : "Make new recovery codes"}
      </Button>
    </form>
  );
}

/** Switching it off takes the current password and a code. */
function Disable() {
  const [state, onSubmit, pending] = useFormAction<FormResult>(disableTwoFactorAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Turn off two-factor sign-in">
      <FormError message={state && !state.ok && !errors ? state.error : undefined} />
      <Field label="Current password" name="currentPassword" error={errors?.currentPassword}>
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} required />}
      </Field>
      <CodeField error={errors?.code} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Turning off…" : "Turn off two-factor sign-in"}
      </Button>
    </form>
  );
}

export function TwoFactorManage({ required }: { required: boolean }) {
  return (
    <div className="space-y-6">
      <section className="space-y-3" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading" className="text-base font-semibold text-slate-900">
          Recovery codes
        </h2>
        <p className="text-sm text-slate-600">Lost them, or used most? Make 10 new ones; the old ones stop working.</p>
        <Regenerate />
      </section>
      <section className="space-y-3 border-t border-slate-200 pt-6" aria-labelledby="disable-heading">
        <h2 id="disable-heading" className="text-base font-semibold text-slate-900">
          Turn off
        </h2>
        {required ? (
          <p className="text-sm text-slate-600">Admins must use two-factor sign-in in this organisation, so it cannot be turned off.</p>
        ) : (
          <Disable />
        )}
      </section>
    </div>
  );
}
