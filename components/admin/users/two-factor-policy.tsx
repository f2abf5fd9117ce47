"use client";

import { ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult, FormResult } from "@/lib/actions/result";

/**
 * "Require two-factor sign-in for admins": when on, an admin without it is sent to set it up
 * right after signing in and can open no other page until done. `toggle` is the server action
 * bound to the opposite of `required`.
 */
export function TwoFactorPolicy({ required, toggle }: { required: boolean; toggle: (prev: FormResult, formData: FormData) => Promise<ActionResult> }) {
  const [state, onSubmit, pending] = useFormAction<FormResult>(toggle, null);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center justify-between gap-3" data-testid="two-factor-policy">
      <div className="flex items-start gap-3">
        <ShieldCheck className="mt-0.5 h-5 w-5 shrink-0 text-brand-700" aria-hidden />
        <div>
          <p className="text-sm font-medium text-slate-900">Require two-factor sign-in for admins</p>
          <p className="text-sm text-slate-600">
            {required
              ? "On: admins without it are sent to set it up right after signing in, and can use nothing else until they have."
              : "Off: two-factor sign-in is optional for everyone (each user turns it on from the header)."}
          </p>
        </div>
      </div>
      <div className="space-y-2">
        <FormError message={state && !state.ok ? state.error : undefined} />
        <Button type="submit" variant={required ? "secondary" : "primary"} disabled={pending} aria-pressed={required}>
          {pending ? "Saving…" : required ? "Stop requiring" : "Require for admins"}
        </Button>
      </div>
    </form>
  );
}
