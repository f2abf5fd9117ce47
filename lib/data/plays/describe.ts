import type { PlayAudience } from "@/lib/plays/definition";
import { ENUM_LABELS } from "@/lib/domain/enums";
import type { NameLookups } from "@/lib/segmentation/format";
import { describeRule } from "@/lib/segmentation/text";
import type { AudienceNames } from "./context";

/** The audience in plain language: "Tier 1 or Tier 2 · in CRM users · lacking Marketing automation · and <rule>". */
export function describeAudience(audience: PlayAudience, names: AudienceNames, lookups: NameLookups): string {
  const parts: string[] = [];
  const or = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);
  const and = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
  if (audience.tiers.length) parts.push(`In ${or(audience.tiers.map((k) => names.tiers.get(k)?.name ?? k))}`);
  if (audience.segmentsAll.length) parts.push(`in ${and(audience.segmentsAll.map((id) => `“${names.segments.get(id)?.name ?? `segment ${id}`}”`))}`);
  if (audience.segmentsAny.length) parts.push(`in ${or(audience.segmentsAny.map((id) => `“${names.segments.get(id)?.name ?? `segment ${id}`}”`))}`);
  if (audience.whitespace.length) {
    parts.push(`lacking ${or(audience.whitespace.map((c) => ENUM_LABELS.techCategory[c].toLowerCase()))} that most of their peers run`);
  }
  if (audience.rule.children.length) parts.push(`where ${describeRule(audience.rule, lookups)}`);
  const text = parts.join(", ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "Every account";
}
