"use client";

import { startTransition, useActionState } from "react";
import type { FormResult } from "@/lib/actions/result";

/**
 * useActionState for forms whose inputs must survive a failed submit. Passing the
 * action to <form action> makes React reset the form afterwards, which also
 * snaps controlled selects back to their first option (a role select showing
 * "Admin" while the state says "Sales rep"). Submitting through onSubmit avoids that;
 * the clicked button's name/value (e.g. intent=confirm) is still sent.
 */
export function useFormAction<S>(action: (prev: Awaited<S>, formData: FormData) => Promise<S>, initial: Awaited<S>) {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
  return [state, onSubmit, pending] as const;
}

/**
 * useFormAction for an action whose success ends the form's job (a dialog closes, the next step
 * shows): `onSuccess` gets the result's data and the state goes back to empty; a failure stays
 * in the state for the form to show.
 */
export function useFormActionThen<T = void>(
  action: (prev: FormResult<T>, formData: FormData) => Promise<FormResult<T>>,
  onSuccess: (data: T) => void,
) {
  return useFormAction<FormResult<T>>(async (prev, formData) => {
    const result = await action(prev, formData);
    if (result?.ok) {
      onSuccess(result.data);
      return null;
    }
    return result;
  }, null);
}
