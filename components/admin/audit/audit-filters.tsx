"use client";

import { useQueryStates, type Nullable } from "nuqs";
import { useTransition } from "react";
import { ClearFiltersButton, FilterField, PendingStatus, SearchBox, filterControlClass } from "@/components/ui/filter-bar";
import { useUrlText } from "@/components/ui/use-url-text";
import { humanize } from "@/lib/utils/format";
import { AUDIT_ACTIONS, auditQueryParsers, hasAuditFilter, type AuditQuery } from "@/lib/validation/audit-query";

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/** Action, actor and date filters; every change goes into the URL and re-renders the log on the server. */
export function AuditFilters() {
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(auditQueryParsers, { shallow: false, startTransition, history: "push" });
  const set = (patch: Partial<Nullable<AuditQuery>>) => void setQuery({ ...patch, page: null });
  const [actor, setActor] = useUrlText(query.actor, (text) => set({ actor: text || null }));
  const rangeError = query.from && query.to && query.from > query.to ? "The end date is before the start date." : undefined;

  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={isPending}>
      <FilterField id="audit-action" label="Action">
        <select
          id="audit-action"
          value={query.action ?? ""}
          onChange={(e) => set({ action: AUDIT_ACTIONS.find((a) => a === e.target.value) ?? null })}
          className={filterControlClass}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {humanize(a)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-actor" label="Actor e-mail">
        <SearchBox id="audit-actor" value={actor} onChange={setActor} placeholder="Contains…" className="w-56" />
      </FilterField>
      <DateFilter id="audit-from" label="From" value={query.from} max={query.to} onChange={(from) => set({ from })} />
      <DateFilter id="audit-to" label="To" value={query.to} min={query.from} onChange={(to) => set({ to })} error={rangeError ? "audit-range-error" : undefined} />
      {hasAuditFilter(query) && (
        <ClearFiltersButton
          onClick={() => {
            setActor("");
            set({ action: null, actor: null, from: null, to: null });
          }}
        >
          Clear filters
        </ClearFiltersButton>
      )}
      <PendingStatus pending={isPending} className="py-1.5" />
      {rangeError && (
        <p id="audit-range-error" className="w-full text-sm text-red-700">
          {rangeError}
        </p>
      )}
    </div>
  );
}

/** A day picker bounded by the other end of the range; `error` is the id of the message it is invalid by. */
function DateFilter({ id, label, value, min, max, onChange, error }: {
  id: string;
  label: string;
  value: Date | null;
  min?: Date | null;
  max?: Date | null;
  onChange: (day: Date | null) => void;
  error?: string;
}) {
  return (
    <FilterField id={id} label={label}>
      <input
        id={id}
        type="date"
        value={isoDay(value)}
        min={isoDay(min ?? null) || undefined}
        max={isoDay(max ?? null) || undefined}
        onChange={(e) => onChange(e.currentTarget.valueAsDate)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error}
        className={filterControlClass}
      />
    </FilterField>
  );
}
