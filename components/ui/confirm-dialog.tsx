"use client";

import { AlertDialog } from "radix-ui";
import type { FormEvent, ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";

/**
 * The body of a confirmation (an AlertDialog inside its Root, after the caller's Trigger): the
 * question, what it does, the action's error, Cancel and the confirming button.
 */
export function ConfirmDialogContent({
  title,
  description,
  error,
  onSubmit,
  pending,
  confirmLabel,
  pendingLabel,
  variant = "primary",
}: {
  title: string;
  description: ReactNode;
  error?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  confirmLabel: string;
  pendingLabel: string;
  variant?: "primary" | "danger";
}) {
  return (
    <AlertDialog.Portal>
      <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200">
        <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
        <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
        <form onSubmit={onSubmit} className="mt-4 space-y-4">
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClass("secondary")}>Cancel</AlertDialog.Cancel>
            <Button type="submit" variant={variant} disabled={pending}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </form>
      </AlertDialog.Content>
    </AlertDialog.Portal>
  );
}
