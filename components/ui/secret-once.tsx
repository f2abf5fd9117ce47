"use client";

import { TriangleAlert } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useFormActionThen } from "@/components/ui/use-form-action";
import type { FormResult } from "@/lib/actions/result";

/**
 * A secret shown once (an API key, a webhook signing secret): the warning, the value selectable
 * with a copy button, and the button that closes it. After that nobody can see it again.
 */
export function SecretShownOnce(props: {
  testId: string;
  inputId: string;
  valueTestId: string;
  label: ReactNode;
  value: string;
  warning: ReactNode;
  hint?: ReactNode;
  doneText: string;
  onDone: () => void;
}) {
  return (
    <div className="space-y-4" data-testid={props.testId}>
      <p className="flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        <span>{props.warning}</span>
      </p>
      <div className="space-y-1">
        <label htmlFor={props.inputId} className="block text-sm font-medium text-slate-700">
          {props.label}
        </label>
        <div className="flex gap-2">
          <input
            id={props.inputId}
            readOnly
            value={props.value}
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full min-w-0 rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
            data-testid={props.valueTestId}
          />
          <CopyButton text={props.value} />
        </div>
        {props.hint && <p className="text-xs text-slate-500">{props.hint}</p>}
      </div>
      <div className="flex justify-end">
        <Button type="button" onClick={props.onDone}>
          {props.doneText}
        </Button>
      </div>
    </div>
  );
}

/**
 * A dialog whose form creates something that comes back with a secret: the form's state, the
 * created thing (then the dialog shows its secret instead of the form) and closing, which forgets it.
 */
export function useCreateWithSecret<T>(create: (previous: FormResult<T>, formData: FormData) => Promise<FormResult<T>>) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<T | null>(null);
  const [state, onSubmit, pending] = useFormActionThen<T>(create, (data) => setCreated(data));
  const close = () => {
    setOpen(false);
    setCreated(null);
  };
  return {
    open,
    created,
    state,
    onSubmit,
    pending,
    errors: state && !state.ok ? state.fieldErrors : undefined,
    close,
    onOpenChange: (next: boolean) => (next ? setOpen(true) : close()),
  };
}
