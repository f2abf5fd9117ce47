"use client";

import { useQueryStates } from "nuqs";
import { useEffect, useState, useTransition } from "react";
import { humanize } from "@/lib/utils/format";
import { AUDIT_ACTIONS, auditQueryParsers } from "@/lib/validation/audit-query";

const controlClass =
  "block rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500";
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/** Action, actor and date filters; every change goes into the URL and re-renders the log on the server. */
export function AuditFilters() {
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(auditQueryParsers, { shallow: false, startTransition, history: "push" });
  const [actor, setActor] = useState(query.actor);
  // When the URL changes (back button, "Clear filters"), the box follows it.
  const [urlActor, setUrlActor] = useState(query.actor);
  if (urlActor !== query.actor) {
    setUrlActor(query.actor);
    setActor(query.actor);
  }
  useEffect(() => {
    if (actor === query.actor) return;
    const timer = setTimeout(() => void setQuery({ actor: actor || null, page: null }), 300);
    return () => clearTimeout(timer);
  }, [actor, query.actor, setQuery]);

  const rangeError = query.from && query.to && query.from > query.to ? "The end date is before the start date." : undefined;
  const anyFilter = query.action || query.actor || query.from || query.to;

  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={isPending}>
      <div className="space-y-1">
        <label htmlFor="audit-action" className="block text-xs font-medium text-slate-600">
          Action
        </label>
        <select
          id="audit-action"
          value={query.action ?? ""}
          onChange={(e) => void setQuery({ action: (e.target.value || null) as (typeof AUDIT_ACTIONS)[number] | null, page: null })}
          className={controlClass}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {humanize(a)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-actor" className="block text-xs font-medium text-slate-600">
          Actor e-mail
        </label>
        <input
          id="audit-actor"
          type="search"
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          placeholder="Contains…"
          className={`${controlClass} w-56`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className="block text-xs font-medium text-slate-600">
          From
        </label>
        <input
          id="audit-from"
          type="date"
          value={isoDay(query.from)}
          max={isoDay(query.to) || undefined}
          onChange={(e) => void setQuery({ from: e.currentTarget.valueAsDate, page: null })}
          className={controlClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className="block text-xs font-medium text-slate-600">
          To
        </label>
        <input
          id="audit-to"
          type="date"
          value={isoDay(query.to)}
          min={isoDay(query.from) || undefined}
          onChange={(e) => void setQuery({ to: e.currentTarget.valueAsDate, page: null })}
          aria-invalid={rangeError ? true : undefined}
          aria-describedby={rangeError ? "audit-range-error" : undefined}
          className={controlClass}
        />
      </div>
      {anyFilter && (
        <button
          type="button"
          onClick={() => {
            setActor("");
            void setQuery({ action: null, actor: null, from: null, to: null, page: null });
          }}
          className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          Clear filters
        </button>
      )}
      {isPending && (
        <span role="status" className="py-1.5 text-sm text-slate-500">
          Updating…
        </span>
      )}
      {rangeError && (
        <p id="audit-range-error" className="w-full text-sm text-red-700">
          {rangeError}
        </p>
      )}
    </div>
  );
}
