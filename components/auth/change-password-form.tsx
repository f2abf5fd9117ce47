"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { PasswordInput } from "@/components/admin/users/password-input";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction } from "@/lib/actions/password";
import type { FormResult } from "@/lib/actions/result";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

/** Current password, new password twice. `forced`: an admin set the password; done, the app opens. */
export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [state, onSubmit, pending] = useFormAction<FormResult<{ message: string }>>(async (prev, formData) => {
    setNotice(null);
    const result = await changePasswordAction(prev, formData);
    if (result?.ok) {
      formRef.current?.reset();
      if (forced) router.replace("/");
      else setNotice(result.data.message);
      return null;
    }
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={state && !state.ok && !errors ? state.error : undefined} />
      <p role="status" className="text-sm text-emerald-700 empty:hidden">
        {notice}
      </p>
      <Field label="Current password" name="currentPassword" error={errors?.currentPassword}>
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH} required />}
      </Field>
      <Field label="New password" name="newPassword" error={errors?.newPassword} hint={PASSWORD_HINT}>
        {(p) => <PasswordInput {...p} maxLength={PASSWORD_MAX_LENGTH} required />}
      </Field>
      <Field label="New password again" name="confirmPassword" error={errors?.confirmPassword}>
        {(p) => <PasswordInput {...p} maxLength={PASSWORD_MAX_LENGTH} required />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
