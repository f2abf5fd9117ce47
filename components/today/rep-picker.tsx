"use client";

import { useQueryStates } from "nuqs";
import { useId, useTransition } from "react";
import { filterControlClass, PendingStatus } from "@/components/ui/filter-bar";
import type { Option } from "@/lib/data/lookups";
import { todayQueryParsers } from "@/lib/validation/today-query";

/** Managers and admins: whose day plan to show (?rep=). */
export function RepPicker({ reps }: { reps: Option[] }) {
  const id = useId();
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(todayQueryParsers, { shallow: false, startTransition, history: "push" });
  const known = reps.some((r) => r.value === query.rep);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Sales rep
      </label>
      <select id={id} value={known ? (query.rep ?? "") : ""} onChange={(e) => void setQuery({ rep: e.target.value || null })} className={`${filterControlClass} min-w-48 pr-8`}>
        <option value="">Choose a rep…</option>
        {reps.map((rep) => (
          <option key={rep.value} value={rep.value}>
            {rep.label}
          </option>
        ))}
      </select>
      <PendingStatus pending={isPending} />
    </div>
  );
}
