/**
 * Display formatting shared by the trace, plain-language text and gaps: money in whole US
 * dollars, numbers with thousands separators, dates as "12 Mar 2026".
 */
import { staticOptions, type FieldDefinition } from "@/lib/segmentation/fields";
import { TECH_CATEGORY_OPTIONS } from "@/lib/segmentation/options";
import { formatDate, formatDays, formatMoney } from "@/lib/utils/format";

/** Names for ids that live in the database; missing names fall back to "#id". */
export interface NameLookups {
  technologyName?: (id: number) => string | undefined;
  userName?: (id: string) => string | undefined;
}

export { formatMoney, formatDate, formatDays };

const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Rule values may have decimals ("2.5 orders"), unlike the app's whole-number displays. */
export function formatNumber(value: number): string {
  return plain.format(value);
}

export function formatNumeric(field: FieldDefinition, value: number): string {
  return field.type === "money" ? formatMoney(value) : formatNumber(value);
}

/** The label of an enum or tag value; unknown values (e.g. free tags) show as themselves. */
export function optionLabel(field: FieldDefinition, value: string, lookups: NameLookups = {}): string {
  if (field.type === "enum" && field.options.kind === "dynamic") return lookups.userName?.(value) ?? `user ${value}`;
  return staticOptions(field).find((option) => option.value === value)?.label ?? value;
}

export function categoryLabel(category: string): string {
  return TECH_CATEGORY_OPTIONS.find((option) => option.value === category)?.label ?? category;
}

export function technologyLabel(id: number, lookups: NameLookups = {}): string {
  return lookups.technologyName?.(id) ?? `technology #${id}`;
}

/** "a", "a or b", "a, b or c". */
export function joinWords(items: readonly string[], conjunction: "and" | "or"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** Lower-case a label's first letter for use mid-sentence, keeping acronyms and brands ("CRM", "DevOps"). */
export function lowerFirst(label: string): string {
  const firstWord = label.split(" ")[0] ?? "";
  if (/[A-Z]/.test(firstWord.slice(1))) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
