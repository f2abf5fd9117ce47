"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import type { ActionResult, FormResult } from "@/lib/actions/result";
import { CAPACITY_MAX, CAPACITY_MIN } from "@/lib/domain/capacity";

type BoundAction = (prev: FormResult<{ dailyCapacity: number }>, formData: FormData) => Promise<ActionResult<{ dailyCapacity: number }>>;

/** "Plays per day": the rep's own (or, for an admin, the shown rep's) daily capacity. */
export function CapacityForm({ capacity, save, own }: { capacity: number; save: BoundAction; own: boolean }) {
  const [state, onSubmit, pending] = useFormAction<FormResult<{ dailyCapacity: number }>>(save, null);
  const fieldError = state && !state.ok ? state.fieldErrors?.capacity : undefined;
  const formError = state && !state.ok && !fieldError ? state.error : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-1">
      <div className="flex items-center gap-2">
        <label htmlFor="daily-capacity" className="whitespace-nowrap text-sm font-medium text-slate-700">
          {own ? "My daily capacity" : "Daily capacity"}
        </label>
        <input
          id="daily-capacity"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={CAPACITY_MIN}
          max={CAPACITY_MAX}
          defaultValue={capacity}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "daily-capacity-error" : undefined}
          className="block w-20 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        />
        <Button type="submit" variant="secondary" className="px-2.5 py-1 shadow-none" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {state?.ok && (
          <span role="status" className="text-sm text-emerald-700">
            Saved
          </span>
        )}
      </div>
      {fieldError && (
        <p id="daily-capacity-error" className="text-sm text-red-700">
          {fieldError}
        </p>
      )}
      <FormError message={formError} />
    </form>
  );
}
