/**
 * Text-like cells: free text, industries, countries, tags (separated by ";" or "|", lower-cased,
 * duplicates dropped), and "did you mean" suggestions for names.
 */
import { INDUSTRIES } from "@/lib/domain/industries";
import { findCountry, type KnownCountry } from "../countries";
import { fail, looseKey, ok, quote, type Parsed } from "./parsed";

export function parseText(raw: string, max: number): Parsed<string> {
  const s = raw.trim().replace(/\s+/g, " ");
  if (s.length > max) return fail(`is longer than ${max} characters`);
  return ok(s);
}

const INDUSTRY_SYNONYMS: Record<string, string> = {
  computersoftware: "Software", technology: "Software", informationtechnologyandservices: "Software", internet: "Software",
  it: "Software", saas: "Software",
  finance: "Financial Services", banking: "Financial Services", insurance: "Financial Services", financial: "Financial Services",
  healthcare: "Healthcare", hospitalhealthcare: "Healthcare", health: "Healthcare", medical: "Healthcare", pharmaceuticals: "Healthcare",
  industrial: "Manufacturing", machinery: "Manufacturing", automotive: "Manufacturing",
  ecommerce: "Retail", consumergoods: "Retail",
  highereducation: "Education", educationmanagement: "Education", elearning: "Education",
  entertainment: "Media", publishing: "Media", marketingandadvertising: "Media",
  transportation: "Logistics", transportationtruckingrailroad: "Logistics", logisticsandsupplychain: "Logistics",
  oilenergy: "Energy", utilities: "Energy", renewables: "Energy",
  consulting: "Professional Services", managementconsulting: "Professional Services", legalservices: "Professional Services",
  accounting: "Professional Services",
  telecom: "Telecommunications", telecommunication: "Telecommunications", wireless: "Telecommunications",
  governmentadministration: "Government", publicsector: "Government",
};
const INDUSTRY_LOOKUP = new Map<string, string>([
  ...Object.entries(INDUSTRY_SYNONYMS),
  ...INDUSTRIES.map((name) => [looseKey(name), name] as [string, string]),
]);

/** One of the Tierwise industries (any case), or a common CRM name for one. */
export function parseIndustry(raw: string): Parsed<string> {
  const value = INDUSTRY_LOOKUP.get(looseKey(raw));
  return value ? ok(value) : fail(`${quote(raw)} is not a Tierwise industry (use ${INDUSTRIES.join(", ")})`);
}

/** A country: canonical name and region when known; otherwise the text as given and no region. */
export function parseCountry(raw: string): Parsed<{ name: string; region: KnownCountry["region"] | null }> {
  const known = findCountry(raw);
  if (known) return ok({ name: known.name, region: known.region });
  const text = parseText(raw, 100);
  if (!text.ok) return text;
  return ok({ name: text.value, region: null });
}

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** "Security; Scalability | security" -> ["security", "scalability"]. */
export function parseTags(raw: string): Parsed<string[]> {
  const tags = [...new Set(raw.split(/[;|]/).map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter(Boolean))];
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) return fail(`has a tag longer than ${MAX_TAG_LENGTH} characters (${quote(long)}); separate tags with ; or |`);
  if (tags.length > MAX_TAGS) return fail(`has more than ${MAX_TAGS} tags`);
  return ok(tags);
}

// ---- Suggestions ---------------------------------------------------------

/** Levenshtein distance, for "did you mean" on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest name, when it is close enough to be a likely typo. */
export function closest(raw: string, names: readonly string[]): string | undefined {
  const target = raw.trim().toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = distance(target, name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(target.length / 4)) ? best.name : undefined;
}
