"use client";

import { signInWithPassword } from "@/lib/actions/sign-in";
import type { SignInState } from "@/lib/validation/sign-in";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * E-mail and password; for a user with two-factor sign-in, a second step asks for the code. The
 * e-mail and password fields stay in the form (hidden), so the second step sends them again
 * without re-typing; submitting through onSubmit keeps React from resetting them.
 */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, onSubmit, pending] = useFormAction<SignInState>(signInWithPassword, {});
  const codeStep = state.step === "code";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.error}
        </p>
      )}
      <div hidden={codeStep} className="space-y-4">
        <Field label="E-mail" name="email" error={state.fieldErrors?.email}>
          {(props) => <input {...props} type="email" autoComplete="username" defaultValue={state.email} required />}
        </Field>
        <Field label="Password" name="password" error={state.fieldErrors?.password}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required />}
        </Field>
      </div>
      {codeStep && (
        <>
          <p className="text-sm text-slate-700" data-testid="two-factor-step">
            Two-factor sign-in is on for <span className="font-medium text-slate-900">{state.email}</span>. Enter the 6-digit code
            from your authenticator app, or one of your recovery codes.
          </p>
          <Field label="Code" name="code" error={state.fieldErrors?.code}>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="text"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={64}
                className={`${props.className} font-mono tracking-wider`}
                autoFocus
                required
              />
            )}
          </Field>
        </>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (codeStep ? "Checking…" : "Signing in…") : codeStep ? "Verify and sign in" : "Sign in"}
      </Button>
      {codeStep && (
        <p className="text-center text-sm">
          <a href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Start over with another account
          </a>
        </p>
      )}
    </form>
  );
}
