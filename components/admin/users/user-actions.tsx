"use client";

import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { ENUM_LABELS } from "@/lib/domain/enums";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { ConfirmDialogContent } from "@/components/ui/confirm-dialog";
import { DialogShell, FormError } from "@/components/ui/dialog";
import { PasswordInput } from "./password-input";
import { useFormActionThen } from "@/components/ui/use-form-action";

type BoundAction = (prev: FormResult, formData: FormData) => Promise<ActionResult>;

export interface UserActionsProps {
  user: { name: string; email: string; role: Role; active: boolean; accountsOwned: number };
  isSelf: boolean;
  /** Two-factor sign-in is on: the admin can reset it (lost phone). */
  twoFactorEnabled: boolean;
  /** Server actions bound to this user's id on the server. */
  changeRole: BoundAction;
  resetPassword: BoundAction;
  setActive: BoundAction;
  resetTwoFactor: BoundAction;
}

const smallButton = "px-2.5 py-1 text-xs shadow-none";

function ChangeRole({ user, isSelf, changeRole }: UserActionsProps) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [state, onSubmit, pending] = useFormActionThen(changeRole, () => setOpen(false));
  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRole(user.role);
      }}
      title={`Change ${user.name}'s role`}
      description="Managers see every account and can reassign owners; admins can also manage rules, users and data."
      trigger={
        <Button type="button" variant="secondary" className={smallButton} disabled={isSelf} title={isSelf ? "You cannot change your own role" : undefined}>
          Role
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={state && !state.ok ? state.error : undefined} />
        <Field label="Role" name="role" error={state && !state.ok ? state.fieldErrors?.role : undefined}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {Object.entries(ENUM_LABELS.role).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || role === user.role}>
            {pending ? "Saving…" : "Save role"}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}

function ResetPassword({ user, isSelf, resetPassword }: UserActionsProps) {
  const [open, setOpen] = useState(false);
  const [state, onSubmit, pending] = useFormActionThen(resetPassword, () => setOpen(false));
  return (
    <DialogShell
      open={open}
      onOpenChange={setOpen}
      title={`Reset ${user.name}'s password`}
      description={
        isSelf
          ? "This signs you out everywhere, this browser included; sign in again with the new password."
          : "This signs them out everywhere and lifts a sign-in lock-out. Give them the new password in person or by phone."
      }
      trigger={
        <Button type="button" variant="secondary" className={smallButton}>
          Reset password
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={state && !state.ok ? state.error : undefined} />
        <Field label="New password" name="password" error={state && !state.ok ? state.fieldErrors?.password : undefined} hint={PASSWORD_HINT}>
          {(p) => <PasswordInput {...p} maxLength={PASSWORD_MAX_LENGTH} />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Set new password"}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}

function SetActive({ user, isSelf, setActive }: UserActionsProps) {
  const [open, setOpen] = useState(false);
  const [state, onSubmit, pending] = useFormActionThen(setActive, () => setOpen(false));
  const deactivating = user.active;
  const owns = user.accountsOwned === 1 ? "1 account" : `${user.accountsOwned} accounts`;
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button
          type="button"
          variant={deactivating ? "ghost" : "secondary"}
          className={`${smallButton} ${deactivating ? "text-red-700 hover:bg-red-50 disabled:text-slate-300 disabled:hover:bg-transparent" : ""}`}
          disabled={isSelf}
          title={isSelf ? "You cannot deactivate yourself" : undefined}
        >
          {deactivating ? "Deactivate" : "Reactivate"}
        </Button>
      </AlertDialog.Trigger>
      <ConfirmDialogContent
        title={deactivating ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
        description={
          deactivating
            ? `They are signed out at once and cannot sign in again until reactivated. ${
                user.accountsOwned > 0 ? `They own ${owns}; those stay assigned to them until you reassign them below.` : ""
              }`
            : `${user.email} can sign in again with their current password.`
        }
        error={state && !state.ok ? state.error : undefined}
        onSubmit={onSubmit}
        pending={pending}
        confirmLabel={deactivating ? "Deactivate" : "Reactivate"}
        pendingLabel="Saving…"
        variant={deactivating ? "danger" : "primary"}
      />
    </AlertDialog.Root>
  );
}

/** A user lost their phone and recovery codes: remove their second factor (they set it up again). */
function ResetTwoFactor({ user, resetTwoFactor }: UserActionsProps) {
  const [open, setOpen] = useState(false);
  const [state, onSubmit, pending] = useFormActionThen(resetTwoFactor, () => setOpen(false));
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="secondary" className={smallButton}>
          Reset two-factor
        </Button>
      </AlertDialog.Trigger>
      <ConfirmDialogContent
        title={`Reset ${user.name}'s two-factor sign-in?`}
        description="Their authenticator app and recovery codes stop working; they sign in with their password alone and can set it up again. Do this only when you know it is them (a lost phone)."
        error={state && !state.ok ? state.error : undefined}
        onSubmit={onSubmit}
        pending={pending}
        confirmLabel="Reset two-factor"
        pendingLabel="Resetting…"
        variant="danger"
      />
    </AlertDialog.Root>
  );
}

export function UserActions(props: UserActionsProps) {
  return (
    <div className="flex justify-end gap-1.5">
      <ChangeRole {...props} />
      <ResetPassword {...props} />
      {props.twoFactorEnabled && !props.isSelf && <ResetTwoFactor {...props} />}
      <SetActive {...props} />
    </div>
  );
}
