"use client";

import { createContext, useContext, useMemo } from "react";
import type { Option } from "@/lib/data/lookups";
import type { NameLookups } from "@/lib/segmentation/format";

/**
 * What rule values can refer to that lives in the database: the technology catalogue
 * (value = id, group = category) and the users who can own accounts (value = user id).
 */
export interface RuleCatalog {
  technologies: Option[];
  owners: Option[];
}

const CatalogContext = createContext<RuleCatalog>({ technologies: [], owners: [] });

export function CatalogProvider({ catalog, children }: { catalog: RuleCatalog; children: React.ReactNode }) {
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

export function useCatalog(): RuleCatalog {
  return useContext(CatalogContext);
}

/** Names for the plain-language text of a rule (describeRule) from the catalogue. */
export function useNameLookups(): NameLookups {
  const { technologies, owners } = useCatalog();
  return useMemo(() => {
    const tech = new Map(technologies.map((t) => [Number(t.value), t.label]));
    const users = new Map(owners.map((o) => [o.value, o.label]));
    return { technologyName: (id: number) => tech.get(id), userName: (id: string) => users.get(id) };
  }, [technologies, owners]);
}
