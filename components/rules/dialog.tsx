"use client";

import { X } from "lucide-react";
import { Dialog } from "radix-ui";
import { useId } from "react";
import { publishNoteSchema } from "@/lib/validation/segment";
import { cn } from "@/lib/utils/cn";

/** A centred modal: focus is trapped, Escape and the × close it, the title names it. */
export function DialogShell({
  open,
  onOpenChange,
  title,
  description,
  size = "md",
  trigger,
  children,
  footer,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  size?: "md" | "lg" | "xl";
  trigger?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px]" />
        <Dialog.Content
          className={cn(
            "fixed left-1/2 top-1/2 z-50 flex max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-2xl ring-1 ring-slate-200 focus:outline-none",
            size === "md" ? "max-w-md" : size === "lg" ? "max-w-2xl" : "max-w-5xl",
          )}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 py-4">
            <div className="min-w-0">
              <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
              {description && <Dialog.Description className="mt-1 text-sm text-slate-600">{description}</Dialog.Description>}
            </div>
            <Dialog.Close
              aria-label="Close"
              className="-mr-2 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <X className="h-4 w-4" aria-hidden />
            </Dialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
          {footer && <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 bg-slate-50/60 px-6 py-3.5">{footer}</div>}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The required "why" note of a publish or restore, with its error right under it. */
export function NoteField({
  value,
  onChange,
  error,
  label = "Note",
  hint = "Say why, in a sentence. It appears in the version history and on every affected account's history.",
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  label?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label} <span className="font-normal text-slate-500">(required)</span>
      </label>
      <textarea
        id={id}
        name="note"
        rows={3}
        value={value}
        maxLength={500}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-required="true"
        className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        placeholder="e.g. Raise the Tier 1 bar to focus reps on the largest accounts"
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The message for a note that cannot be published, or null when it is fine. */
export function noteProblem(note: string): string | null {
  const parsed = publishNoteSchema.safeParse(note);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "Write a short note saying why.");
}

/** A banner for a failed action; CONFLICT gets a Reload link (edits stay on screen until then). */
export function ActionBanner({ message, conflict = false, tone = "error" }: { message: string; conflict?: boolean; tone?: "error" | "success" | "info" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "flex flex-wrap items-center justify-between gap-3 rounded-lg px-4 py-2.5 text-sm ring-1 ring-inset",
        tone === "error" && "bg-red-50 text-red-900 ring-red-200",
        tone === "success" && "bg-emerald-50 text-emerald-900 ring-emerald-200",
        tone === "info" && "bg-slate-50 text-slate-800 ring-slate-200",
      )}
    >
      <span>{message}</span>
      {conflict && (
        <a
          href=""
          className="rounded-md bg-white px-2.5 py-1 font-medium text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700"
        >
          Reload
        </a>
      )}
    </div>
  );
}
