/**
 * AccountFacts: what the in-memory evaluator knows about one account. One property per registry
 * field read as a "property" (derived from the registry, so adding a field adds a fact), plus the id.
 * Dates are "YYYY-MM-DD"; money is a number; daysSinceLastOrder is not stored here but computed
 * from lastOrderAt and the evaluation date, exactly as the SQL compiler does.
 */
import type { IsoDate } from "@/lib/segmentation/dates";
import type { FIELD_LIST } from "@/lib/segmentation/fields";

export interface TechnologyFact {
  technologyId: number;
  category: string;
  firstDetectedAt: IsoDate;
  lastDetectedAt: IsoDate;
}

type Field = (typeof FIELD_LIST)[number];
type PropertyField = Extract<Field, { facts: { kind: "property" } }>;

type OrNull<F, T> = F extends { nullable: true } ? T | null : T;
type FactValue<F> = F extends { type: "number" | "money" }
  ? OrNull<F, number>
  : F extends { type: "date" }
    ? OrNull<F, IsoDate>
    : F extends { type: "enum" }
      ? OrNull<F, string>
      : F extends { type: "text" }
        ? string
        : F extends { type: "tags" }
          ? readonly string[]
          : F extends { type: "technology" }
            ? readonly TechnologyFact[]
            : never;

export type AccountFacts = { readonly id: number } & {
  readonly [F in PropertyField as F["key"]]: FactValue<F>;
};
