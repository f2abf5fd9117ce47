"use client";

import { useId } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * A labelled group of controls that is not one input (checkboxes, a chip picker, a list), with
 * its hint or its errors right under it. The children get the ids to point aria-describedby at.
 */
export function FieldGroup({
  legend,
  hint,
  errors = [],
  className,
  children,
}: {
  legend: string;
  hint?: React.ReactNode;
  errors?: readonly string[];
  className?: string;
  children: (props: { describedBy: string | undefined; invalid: boolean; labelId: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = errors.length ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <fieldset className={cn("min-w-0 space-y-1.5", className)} aria-describedby={describedBy}>
      <legend id={`${id}-legend`} className="mb-1.5 block text-sm font-medium text-slate-700">
        {legend}
      </legend>
      {children({ describedBy, invalid: errors.length > 0, labelId: `${id}-legend` })}
      <FieldMessages id={id} hint={hint} errors={errors} />
    </fieldset>
  );
}

/** A control's errors (all of them, each on its line), or else its hint. */
export function FieldMessages({ id, hint, errors }: { id: string; hint?: React.ReactNode; errors: readonly string[] }) {
  if (errors.length) {
    return (
      <ul id={`${id}-error`} className="space-y-0.5 text-sm text-red-700">
        {errors.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}
