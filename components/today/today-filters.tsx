"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { ClearFiltersButton, PendingStatus } from "@/components/ui/filter-bar";
import { MultiSelect } from "@/components/ui/multi-select";
import type { Option } from "@/lib/data/lookups";
import { CLEARED_TODAY_FILTERS, hasTodayFilter, todayQueryParsers } from "@/lib/validation/today-query";

export interface TodayFilterChoices {
  play: Option[];
  tier: Option[];
  segment: Option[];
}

/** Play, tier and segment dropdowns; every change goes into the URL and re-renders the plan on the server. */
export function TodayFilters({ choices }: { choices: TodayFilterChoices }) {
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(todayQueryParsers, { shallow: false, startTransition, history: "push" });
  const ids = (values: string[]) => values.map(Number);

  return (
    <div className="flex flex-wrap items-center gap-2" aria-busy={isPending}>
      {choices.play.length > 0 && (
        <MultiSelect label="Play" options={choices.play} selected={query.play.map(String)} onChange={(v) => void setQuery({ play: ids(v) })} searchable={choices.play.length > 8} />
      )}
      <MultiSelect label="Tier" options={choices.tier} selected={query.tier} onChange={(v) => void setQuery({ tier: v })} />
      {choices.segment.length > 0 && (
        <MultiSelect label="Segment" options={choices.segment} selected={query.segment.map(String)} onChange={(v) => void setQuery({ segment: ids(v) })} searchable={choices.segment.length > 8} />
      )}
      {hasTodayFilter(query) && <ClearFiltersButton onClick={() => void setQuery(CLEARED_TODAY_FILTERS)}>Clear filters</ClearFiltersButton>}
      <PendingStatus pending={isPending} />
    </div>
  );
}
