"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createUserAction } from "@/lib/actions/users";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { ENUM_LABELS } from "@/lib/domain/enums";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { PasswordInput } from "./password-input";
import { useFormActionThen } from "@/components/ui/use-form-action";

const EMPTY = { name: "", email: "", role: "REP" };

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const [state, onSubmit, pending] = useFormActionThen<{ message: string }>(createUserAction, (data) => {
    setOpen(false);
    setValues(EMPTY);
    setNotice(data.message);
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <p role="status" className="text-sm text-emerald-700">
        {notice}
      </p>
      <DialogShell
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setNotice(null);
        }}
        title="Add a user"
        description="They sign in with this e-mail address and the initial password you give them."
        trigger={<Button type="button">Add user</Button>}
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={state && !state.ok ? state.error : undefined} />
          <Field label="Name" name="name" error={errors?.name}>
            {(p) => <input {...p} value={values.name} onChange={set("name")} autoComplete="off" maxLength={100} required />}
          </Field>
          <Field label="E-mail" name="email" error={errors?.email}>
            {(p) => <input {...p} type="email" value={values.email} onChange={set("email")} autoComplete="off" required />}
          </Field>
          <Field label="Role" name="role" error={errors?.role}>
            {(p) => (
              <select {...p} value={values.role} onChange={set("role")}>
                {Object.entries(ENUM_LABELS.role).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Initial password" name="password" error={errors?.password} hint={PASSWORD_HINT}>
            {(p) => <PasswordInput {...p} maxLength={PASSWORD_MAX_LENGTH} />}
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Adding…" : "Add user"}
            </Button>
          </div>
        </form>
      </DialogShell>
    </div>
  );
}
