"use client";

import { AlertDialog } from "radix-ui";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialogContent } from "@/components/ui/confirm-dialog";
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
      <ConfirmDialogContent
        title={`Revoke “${name}”?`}
        description={
          <>
            Every request with <code className="font-mono">{prefix}_…</code> is refused from now on (401). A revoked key cannot be restored; the system using it needs a new key.
          </>
        }
        error={error}
        onSubmit={(event) => {
          event.preventDefault();
          revoke();
        }}
        pending={pending}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        variant="danger"
      />
    </AlertDialog.Root>
  );
}
