"use client";

import { useQueryStates } from "nuqs";
import { useEffect, useState, useTransition } from "react";
import { MultiSelect } from "@/components/ui/multi-select";
import { ENUM_LABELS, enumLabel } from "@/lib/domain/enums";
import { INDUSTRIES } from "@/lib/domain/industries";
import type { Option } from "@/lib/data/lookups";
import { accountQueryParsers } from "@/lib/validation/account-query";

const enumOptions = (name: keyof typeof ENUM_LABELS): Option[] =>
  Object.entries(ENUM_LABELS[name]).map(([value, label]) => ({ value, label }));

export interface FilterOptions {
  owners: Option[];
  technologies: Option[];
  tiers: Option[];
  segments: Option[];
}

/** Search box and filter dropdowns; every change goes into the URL and re-renders the list on the server. */
export function AccountFilters({ options }: { options: FilterOptions }) {
  const [isPending, startTransition] = useTransition();
  const [query, setQuery] = useQueryStates(accountQueryParsers, { shallow: false, startTransition, history: "push" });
  const [search, setSearch] = useState(query.q);
  // When the URL's search changes from outside (back button, "Clear all"), show it in the box.
  const [lastUrlSearch, setLastUrlSearch] = useState(query.q);
  if (query.q !== lastUrlSearch) {
    setLastUrlSearch(query.q);
    setSearch(query.q);
  }
  useEffect(() => {
    if (search === query.q) return;
    const timer = setTimeout(() => void setQuery({ q: search || null, page: null }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, setQuery]);

  const set = (patch: Partial<Record<keyof typeof accountQueryParsers, unknown>>) =>
    void setQuery({ ...(patch as object), page: null });

  const anyFilter =
    query.q ||
    [query.industry, query.region, query.stage, query.loyalty, query.usage, query.hosting, query.adoption, query.device, query.tech, query.category, query.owner, query.tier, query.segment].some(
      (v) => v.length > 0,
    );

  return (
    <div className="space-y-3" aria-busy={isPending}>
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-72">
          <label htmlFor="account-search" className="sr-only">
            Search accounts by name or domain
          </label>
          <input
            id="account-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search name or domain…"
            className="block w-full rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600"
          />
        </div>
        {options.tiers.length > 1 && (
          <MultiSelect label="Tier" options={options.tiers} selected={query.tier} onChange={(v) => set({ tier: v })} />
        )}
        {options.segments.length > 0 && (
          <MultiSelect
            label="Segment"
            options={options.segments}
            selected={query.segment.map(String)}
            onChange={(v) => set({ segment: v.map(Number) })}
            searchable
          />
        )}
        {options.owners.length > 0 && (
          <MultiSelect label="Owner" options={options.owners} selected={query.owner} onChange={(v) => set({ owner: v })} />
        )}
        <MultiSelect
          label="Industry"
          options={INDUSTRIES.map((i) => ({ value: i, label: i }))}
          selected={query.industry}
          onChange={(v) => set({ industry: v })}
        />
        <MultiSelect label="Region" options={enumOptions("region")} selected={query.region} onChange={(v) => set({ region: v })} />
        <MultiSelect label="Journey stage" options={enumOptions("journeyStage")} selected={query.stage} onChange={(v) => set({ stage: v })} />
        <MultiSelect label="Loyalty" options={enumOptions("loyaltyStatus")} selected={query.loyalty} onChange={(v) => set({ loyalty: v })} />
        <MultiSelect label="Usage" options={enumOptions("usageRate")} selected={query.usage} onChange={(v) => set({ usage: v })} />
        <MultiSelect
          label="Technology"
          options={options.technologies}
          selected={query.tech.map(String)}
          onChange={(v) => set({ tech: v.map(Number) })}
          searchable
          groupLabel={(g) => enumLabel("techCategory", g)}
        />
        <MultiSelect label="Tech category" options={enumOptions("techCategory")} selected={query.category} onChange={(v) => set({ category: v })} />
        <MultiSelect label="Hosting" options={enumOptions("hostingPreference")} selected={query.hosting} onChange={(v) => set({ hosting: v })} />
        <MultiSelect label="Devices" options={enumOptions("devicePreference")} selected={query.device} onChange={(v) => set({ device: v })} />
        <MultiSelect label="Adoption" options={enumOptions("techAdoption")} selected={query.adoption} onChange={(v) => set({ adoption: v })} />
        {anyFilter && (
          <button
            type="button"
            onClick={() => {
              setSearch("");
              void setQuery({
                q: null, industry: null, region: null, stage: null, loyalty: null, usage: null, hosting: null,
                adoption: null, device: null, tech: null, category: null, owner: null, tier: null, segment: null, page: null,
              });
            }}
            className="rounded-md px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
          >
            Clear all
          </button>
        )}
        {isPending && (
          <span role="status" className="text-sm text-slate-500">
            Updating…
          </span>
        )}
      </div>
    </div>
  );
}
