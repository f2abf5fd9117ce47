"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFormActionThen } from "@/components/ui/use-form-action";
import { confirmTwoFactorEnrolmentAction, startTwoFactorEnrolmentAction } from "@/lib/actions/two-factor";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { RecoveryCodes } from "./recovery-codes";

interface Enrolment {
  qrCode: string;
  secret: string;
}

/** Step 1: the current password, so a borrowed session cannot add its own phone. */
function PasswordStep({ onStarted }: { onStarted: (enrolment: Enrolment) => void }) {
  const [state, onSubmit, pending] = useFormActionThen<Enrolment>(startTwoFactorEnrolmentAction, (data) => onStarted(data));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={state && !state.ok && !errors ? state.error : undefined} />
      <Field label="Current password" name="currentPassword" error={errors?.currentPassword}>
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} required />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Continue"}
      </Button>
    </form>
  );
}

/** Step 2: scan the QR code (or type the secret), then confirm with the code the app shows. */
function ScanStep({ enrolment, onConfirmed }: { enrolment: Enrolment; onConfirmed: (codes: string[]) => void }) {
  const [state, onSubmit, pending] = useFormActionThen<{ recoveryCodes: string[] }>(confirmTwoFactorEnrolmentAction, (data) => onConfirmed(data.recoveryCodes));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password…).</li>
        <li>Scan this QR code, or enter the key below by hand.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        {/* A data URL drawn on the server: next/image would add nothing here. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={enrolment.qrCode} alt="QR code to add Tierwise to an authenticator app" width={192} height={192} className="h-48 w-48 shrink-0 rounded-md ring-1 ring-slate-200" />
        <div className="min-w-0 space-y-1">
          <p className="text-sm font-medium text-slate-700">Key for manual entry</p>
          <p className="break-words font-mono text-sm tracking-wide text-slate-900" data-testid="totp-secret">
            {enrolment.secret}
          </p>
          <p className="text-xs text-slate-600">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </div>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={state && !state.ok && !errors ? state.error : undefined} />
        <Field label="Code from the app" name="code" error={errors?.code}>
          {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} className={`${p.className} max-w-40 font-mono tracking-widest`} required />}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
      </form>
    </div>
  );
}

/** Enrolment: password, QR code and a first code, then the recovery codes (shown once). */
export function TwoFactorEnrol({ forced }: { forced: boolean }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm font-medium text-emerald-700">
          Two-factor sign-in is on.
        </p>
        <RecoveryCodes
          codes={codes}
          doneText={forced ? "Continue to Tierwise" : "Done"}
          onDone={() => {
            if (forced) router.replace("/");
            else router.refresh();
          }}
        />
      </div>
    );
  }
  if (enrolment) return <ScanStep enrolment={enrolment} onConfirmed={setCodes} />;
  return <PasswordStep onStarted={setEnrolment} />;
}
