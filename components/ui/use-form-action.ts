"use client";

import { startTransition, useActionState } from "react";

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
