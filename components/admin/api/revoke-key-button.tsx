"use client";

import { AlertDialog } from "radix-ui";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";

/** Revoke with a confirmation: the key stops working at its next request, and that cannot be undone. */
export function RevokeKeyButton({ id, name, prefix }: { id: string; name: string; prefix: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      const result = await revokeApiKeyAction(id);
      if (result.ok) setOpen(false);
      else setError(result.error);
    });
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(undefined);
      }}
    >
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="ghost" className="px-2.5 py-1 text-xs text-red-700 shadow-none hover:bg-red-50" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">Revoke “{name}”?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            Every request with <code className="font-mono">{prefix}_…</code> is refused from now on (401). A revoked key cannot be restored; the system using it needs a new key.
          </AlertDialog.Description>
          <div className="mt-4 space-y-4">
            <FormError message={error} />
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonClass("secondary")}>Cancel</AlertDialog.Cancel>
              <Button type="button" variant="danger" disabled={pending} onClick={revoke}>
                {pending ? "Revoking…" : "Revoke key"}
              </Button>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
