"use client";

import { useActionState } from "react";
import { signInWithPassword } from "@/lib/actions/sign-in";
import type { SignInState } from "@/lib/validation/sign-in";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {state.error}
        </p>
      )}
      <Field label="E-mail" name="email" error={state.fieldErrors?.email}>
        {(props) => <input {...props} type="email" autoComplete="username" defaultValue={state.email} required />}
      </Field>
      <Field label="Password" name="password" error={state.fieldErrors?.password}>
        {(props) => <input {...props} type="password" autoComplete="current-password" required />}
      </Field>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
