/**
 * Rendering a parsed template for one account, with the formatting the rest of the UI uses
 * (lib/utils/format.ts and the registry's option labels): "$1,250,000", "12 Mar 2026", "1,200",
 * "On-premise". Numbers are bare (no unit): the author writes "{{orderCount}} orders".
 *
 * The result is plain text. Values are substituted once and never parsed again, so account data
 * such as "{{name}}" or "<script>" comes out verbatim; React escapes it when rendering the text.
 * There is deliberately no HTML variant.
 */
import { UNTIERED } from "@/lib/domain/tiers";
import { daysBetween, toIsoDate } from "@/lib/segmentation/dates";
import type { AccountFacts } from "@/lib/segmentation/facts";
import { getField, type FieldDefinition } from "@/lib/segmentation/fields";
import { categoryLabel, joinWords, lowerFirst, optionLabel, technologyLabel, type NameLookups } from "@/lib/segmentation/format";
import { formatDate, formatMoney, formatNumber } from "@/lib/utils/format";
import { scanTemplate, type ParsedTemplate, type TemplateSegment } from "@/lib/plays/template";

/** How a missing value shows, as everywhere in the UI. */
export const MISSING = "—";

export interface RenderContext {
  /** The evaluation date: `{{daysSinceLastOrder}}` is counted to its UTC day, as rules do. */
  asOf: Date;
  /** Technology and user names (ids are all the facts hold). */
  lookups?: NameLookups;
  /** `{{tier}}`: the account's tier name; null means untiered ("Untiered"); omitted shows "—". */
  tierName?: string | null;
}

export function renderTemplate(template: ParsedTemplate, facts: AccountFacts, context: RenderContext): string {
  return template.segments.map((segment) => renderSegment(segment, facts, context)).join("");
}

/**
 * Render template text as stored. Invalid placeholders (possible only if the registry changed
 * after the text was saved, since saving rejects them) are left as written instead of failing.
 */
export function renderTemplateSource(source: string, facts: AccountFacts, context: RenderContext): string {
  return renderTemplate({ segments: scanTemplate(source).segments }, facts, context);
}

function renderSegment(segment: TemplateSegment, facts: AccountFacts, context: RenderContext): string {
  switch (segment.kind) {
    case "text":
      return segment.text;
    case "tier":
      if (context.tierName === undefined) return MISSING;
      return context.tierName ?? UNTIERED.label;
    case "category":
      return categoryTechnologies(facts, segment.category, context.lookups);
    case "field":
      return renderField(getField(segment.key), facts, context);
  }
}

/** "SAP S/4HANA and Oracle NetSuite", or "no ERP on record". */
function categoryTechnologies(facts: AccountFacts, category: string, lookups: NameLookups = {}): string {
  const ids = facts.technologies.filter((technology) => technology.category === category).map((t) => t.technologyId);
  if (ids.length === 0) return `no ${lowerFirst(categoryLabel(category))} on record`;
  return technologyNames(ids, lookups);
}

function technologyNames(ids: readonly number[], lookups: NameLookups): string {
  // Sorted by name so the sentence does not depend on the order rows came from the database.
  const names = [...new Set(ids)].map((id) => technologyLabel(id, lookups)).sort((a, b) => a.localeCompare(b, "en"));
  return joinWords(names, "and");
}

function renderField(field: FieldDefinition, facts: AccountFacts, context: RenderContext): string {
  const value = readFact(facts, field, context.asOf);
  switch (field.type) {
    case "money":
      return typeof value === "number" ? formatMoney(value) : MISSING;
    case "number":
      return typeof value === "number" ? formatNumber(value) : MISSING;
    case "date":
      return typeof value === "string" ? formatDate(value) : MISSING;
    case "enum":
      return typeof value === "string" ? optionLabel(field, value, context.lookups) : MISSING;
    case "text":
      return typeof value === "string" && value.trim() !== "" ? value : MISSING;
    case "tags": {
      const tags = stringList(value);
      return tags.length === 0 ? MISSING : joinWords(tags.map((tag) => optionLabel(field, tag)), "and");
    }
    case "technology": {
      const ids = facts.technologies.map((technology) => technology.technologyId);
      return ids.length === 0 ? "no technologies on record" : technologyNames(ids, context.lookups ?? {});
    }
  }
}

/**
 * The fact behind a field, as the evaluator reads it: the property of the same name, or a day
 * count derived from a date property and the evaluation date (daysSinceLastOrder).
 */
function readFact(facts: AccountFacts, field: FieldDefinition, asOf: Date): unknown {
  if ((field.type === "number" || field.type === "money") && field.facts.kind === "daysSince") {
    const from = facts[field.facts.from];
    return from === null ? null : daysBetween(from, toIsoDate(asOf));
  }
  return (facts as unknown as Readonly<Record<string, unknown>>)[field.key];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
