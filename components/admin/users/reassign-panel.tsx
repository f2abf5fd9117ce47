"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormResult } from "@/lib/actions/result";
import { reassignAccountsAction, type ReassignOutcome } from "@/lib/actions/users";
import type { Option } from "@/lib/data/lookups";
import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";
import { FormError } from "@/components/ui/dialog";
import { useFormAction } from "@/components/ui/use-form-action";

type Source = "segment" | "list" | "account";

const SOURCES: { value: Source; label: string }[] = [
  { value: "segment", label: "A segment" },
  { value: "list", label: "A filtered accounts list" },
  { value: "account", label: "One account" },
];

/**
 * Move accounts to a sales rep: pick what to move and to whom, see how many would
 * move, then confirm. Editing any input after the preview asks for a new preview.
 */
export function ReassignPanel({ segments, reps }: { segments: Option[]; reps: Option[] }) {
  const [values, setValues] = useState({ source: "segment" as Source, segmentId: "", listUrl: "", accountId: "", ownerId: "" });
  const [stale, setStale] = useState(true);
  const [state, onSubmit, pending] = useFormAction<FormResult<ReassignOutcome>>(async (prev, formData) => {
    const result = await reassignAccountsAction(prev, formData);
    setStale(false);
    return result;
  }, null);

  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [key]: e.target.value }));
    setStale(true);
  };
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const outcome = !stale && state?.ok ? state.data : null;
  const confirm = outcome?.step === "confirm" ? outcome : null;
  const done = outcome?.step === "done" ? outcome : null;
  const noReps = reps.length === 0;
  const cannotPreview = noReps || (values.source === "segment" && segments.length === 0);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby="reassign-help">
      <p id="reassign-help" className="text-sm text-slate-600">
        Accounts already owned by the chosen rep are left alone. Every move is recorded in the audit log.
      </p>
      <FormError message={stale ? undefined : failed?.error} />

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Move</legend>
        <div className="mt-1.5 flex flex-wrap gap-2">
          {SOURCES.map((s) => (
            <label
              key={s.value}
              className={cn(
                "flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ring-1 ring-inset",
                values.source === s.value ? "bg-brand-50 text-brand-700 ring-brand-200" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              <input type="radio" name="source" value={s.value} checked={values.source === s.value} onChange={set("source")} className="accent-brand-600" />
              {s.label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        {values.source === "segment" && (
          <Field
            label="Segment"
            name="segmentId"
            error={errors?.segmentId}
            hint={segments.length === 0 ? "No segment is published yet." : "Every account currently in the segment moves."}
          >
            {(p) => (
              <select {...p} value={values.segmentId} onChange={set("segmentId")} disabled={segments.length === 0}>
                <option value="">Choose a segment…</option>
                {segments.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {values.source === "list" && (
          <Field
            label="Accounts list address"
            name="listUrl"
            error={errors?.listUrl}
            hint="Filter the Accounts list, copy the address from the browser and paste it here. Every matching account moves, not only the first page."
          >
            {(p) => <input {...p} value={values.listUrl} onChange={set("listUrl")} placeholder="/accounts?tier=t3&region=EMEA" spellCheck={false} />}
          </Field>
        )}
        {values.source === "account" && (
          <Field label="Account ID" name="accountId" error={errors?.accountId} hint="The number at the end of the account page's address.">
            {(p) => <input {...p} value={values.accountId} onChange={set("accountId")} inputMode="numeric" placeholder="1234" />}
          </Field>
        )}
        <Field label="New owner" name="ownerId" error={errors?.ownerId} hint={noReps ? "There are no active sales reps; add one first." : undefined}>
          {(p) => (
            <select {...p} value={values.ownerId} onChange={set("ownerId")} disabled={noReps}>
              <option value="">Choose a sales rep…</option>
              {reps.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {confirm ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200" data-testid="reassign-confirm">
          {confirm.count === 0 ? (
            <p className="text-sm text-amber-900">
              Nothing to move: no account from {confirm.sourceLabel} would change owner (none, or all already {confirm.ownerName}&rsquo;s).
            </p>
          ) : (
            <p className="text-sm text-amber-900">
              <strong className="font-semibold">
                {formatNumber(confirm.count)} {confirm.count === 1 ? "account" : "accounts"}
              </strong>{" "}
              from {confirm.sourceLabel} will move to <strong className="font-semibold">{confirm.ownerName}</strong>. Their current owners lose them.
            </p>
          )}
          <div className="mt-3 flex gap-2">
            {confirm.count > 0 && (
              <Button type="submit" name="intent" value="confirm" disabled={pending}>
                {pending ? "Moving…" : `Move ${formatNumber(confirm.count)} ${confirm.count === 1 ? "account" : "accounts"}`}
              </Button>
            )}
            <Button type="button" variant="secondary" onClick={() => setStale(true)}>
              {confirm.count > 0 ? "Cancel" : "OK"}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" name="intent" value="preview" disabled={pending || cannotPreview}>
            {pending ? "Counting…" : "Review move"}
          </Button>
          {done && (
            <p role="status" className="text-sm text-emerald-700">
              {done.message}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
