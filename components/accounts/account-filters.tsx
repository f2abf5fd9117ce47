"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { ClearFiltersButton, PendingStatus, SearchBox } from "@/components/ui/filter-bar";
import { MultiSelect } from "@/components/ui/multi-select";
import { useUrlText } from "@/components/ui/use-url-text";
import { ACCOUNT_FILTERS, type FilterKey } from "@/lib/accounts/list-columns";
import { enumLabel } from "@/lib/domain/enums";
import type { Option } from "@/lib/data/lookups";
import { accountQueryParsers, CLEARED_FILTERS, hasAnyFilter } from "@/lib/validation/account-query";

/** Choices the page loads from the database (tiers, segments, owners, technologies), by filter. */
export type FilterChoices = Partial<Record<FilterKey, Option[]>>;

/** Fixed choices (the fields' options), made once. */
const FIXED_CHOICES: FilterChoices = Object.fromEntries(
  ACCOUNT_FILTERS.filter((c) => c.filter.values === "options").map((c) => [c.key, [...c.options]]),
);

/** Filters that say what they keep (list-columns' `explain`), one line each while they are in use. */
function FilterExplanations({ query }: { query: Record<FilterKey, readonly (string | number)[]> }) {
  const lines = ACCOUNT_FILTERS.flatMap(({ key, filter }) => {
    const chosen = query[key];
    if (!filter.explain || chosen.length === 0) return [];
    const labels = chosen.map((value) => FIXED_CHOICES[key]?.find((o) => o.value === String(value))?.label ?? String(value));
    return [{ key, text: filter.explain(labels) }];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-slate-600" data-testid="filter-explanations">
      {lines.map((line) => (
        <li key={line.key}>{line.text}</li>
      ))}
    </ul>
  );
}

/**
 * Search box and one dropdown per filter of lib/accounts/list-columns.ts, in its order; every
 * change goes into the URL and re-renders the list on the server.
 */
export function AccountFilters({ choices }: { choices: FilterChoices }) {
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(accountQueryParsers, { shallow: false, startTransition, history: "push" });
  const [search, setSearch] = useUrlText(query.q, (q) => void setQuery({ q: q || null, page: null }));

  // MultiSelect speaks strings; id filters hold numbers in the URL state.
  const select = (key: FilterKey, ids: boolean, values: string[]) =>
    void setQuery({ ...Object.fromEntries([[key, ids ? values.map(Number) : values]]), page: null });

  return (
    <div className="space-y-3" aria-busy={isPending}>
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-72">
          <label htmlFor="account-search" className="sr-only">
            Search accounts by name or domain
          </label>
          <SearchBox id="account-search" value={search} onChange={setSearch} placeholder="Search name or domain…" className="w-full" />
        </div>
        {ACCOUNT_FILTERS.map(({ key, label, filter }) => {
          const options = FIXED_CHOICES[key] ?? choices[key] ?? [];
          if (options.length < (filter.minChoices ?? 1)) return null;
          const groupedBy = filter.groupedBy;
          return (
            <MultiSelect
              key={key}
              label={label}
              options={options}
              selected={query[key].map(String)}
              onChange={(values) => select(key, filter.values === "ids", values)}
              searchable={filter.searchable}
              groupLabel={groupedBy ? (group) => enumLabel(groupedBy, group) : undefined}
            />
          );
        })}
        {hasAnyFilter(query) && (
          <ClearFiltersButton
            onClick={() => {
              setSearch("");
              void setQuery({ ...CLEARED_FILTERS, page: null });
            }}
          >
            Clear all
          </ClearFiltersButton>
        )}
        <PendingStatus pending={isPending} />
      </div>
      <FilterExplanations query={query} />
    </div>
  );
}
