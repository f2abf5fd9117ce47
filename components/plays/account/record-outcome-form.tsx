"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { recordPlayOutcome } from "@/lib/actions/play-outcomes";
import type { FormResult } from "@/lib/actions/result";
import { isOutcomeKind, OUTCOME_DETAIL, OUTCOME_KIND_OPTIONS, type OutcomeKind } from "@/lib/plays/kinds";

const REASON_LABELS: Partial<Record<OutcomeKind, string>> = {
  LOST: "Why was it lost?",
  NOT_A_FIT: "Why is it not a fit?",
  CONTACTED: "Note (optional)",
  MEETING_BOOKED: "Note (optional)",
};

const EMPTY = { amount: "", reason: "", until: "" };

/**
 * "Record outcome" for one play on this account: the outcome and the one detail it needs (the
 * amount won, a reason, the snooze date), each error next to its field. Values survive a failed
 * submit; a success clears them and says what was recorded.
 */
export function RecordOutcomeForm({ accountId, playId, playName, snooze }: { accountId: number; playId: number; playName: string; snooze: { min: string; max: string } }) {
  const [kind, setKind] = useState<OutcomeKind>("CONTACTED");
  const [values, setValues] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  // Errors belong to the kind they were made for: choosing another kind hides them until the next submit.
  const [errorsHidden, setErrorsHidden] = useState(false);
  const [state, onSubmit, pending] = useFormAction<FormResult<{ accountId: number; message: string }>>(async (prev, formData) => {
    setNotice(null);
    setErrorsHidden(false);
    const result = await recordPlayOutcome(accountId, playId, prev, formData);
    if (result.ok) {
      setValues(EMPTY);
      setNotice(result.data.message);
      return null;
    }
    return result;
  }, null);
  const detail = OUTCOME_DETAIL[kind];
  const failure = state && !state.ok && !errorsHidden ? state : null;
  const errors = failure?.fieldErrors;
  // A failure about no field (the account left the audience, the play was archived) goes on top.
  const formError = failure && !errors ? failure.error : undefined;
  const chooseKind = (value: string) => {
    if (!isOutcomeKind(value)) return;
    setKind(value);
    setNotice(null);
    setErrorsHidden(true);
  };
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Record an outcome for ${playName}`} data-testid="record-outcome">
      {formError && (
        <div className="mb-3">
          <FormError message={formError} />
        </div>
      )}
      <div className="grid items-start gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto]">
        <Field label="Outcome" name="kind" error={errors?.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => chooseKind(e.target.value)}>
              {OUTCOME_KIND_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {detail === "amount" && (
          <Field label="Amount won (USD)" name="amount" error={errors?.amount}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" placeholder="48,000" value={values.amount} onChange={set("amount")} required />}
          </Field>
        )}
        {detail === "until" && (
          <Field label="Snooze until" name="until" error={errors?.until}>
            {(p) => <input {...p} type="date" min={snooze.min} max={snooze.max} value={values.until} onChange={set("until")} required />}
          </Field>
        )}
        {(detail === "reason" || detail === null) && (
          <Field label={REASON_LABELS[kind] ?? "Reason"} name="reason" error={errors?.reason}>
            {(p) => <input {...p} autoComplete="off" maxLength={500} value={values.reason} onChange={set("reason")} required={detail === "reason"} />}
          </Field>
        )}
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending} className="w-full sm:w-auto">
            {pending ? "Saving…" : "Record outcome"}
          </Button>
        </div>
      </div>
      {/* Always rendered, so screen readers announce the message when it appears. */}
      <p role="status" className={notice ? "mt-2 text-sm text-emerald-700" : undefined}>
        {notice}
      </p>
    </form>
  );
}
