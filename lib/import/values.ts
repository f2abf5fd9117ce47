/**
 * Reading one cell of an imported file. Every parser returns the value in the form the database
 * takes, or a reason that reads after the column name: "Amount: '12,5x' is not a number".
 *
 * Accepted formats (documented on the mapping screen too):
 * - money: US dollars, optional "$"/"USD", thousands separated by commas in groups of three,
 *   a decimal point, up to the column's range; "€1,200" and "12,5" are refused with the reason.
 * - whole numbers: "1,200", "1200", "1200.0"; ranges such as "51-200" are refused.
 * - dates: ISO "2026-03-12" (a time after it is ignored for date columns), "2026/03/12",
 *   slashed/dotted "03/12/2026" read as month/day/year or day/month/year (the mapping's choice),
 *   or with a month name: "12 Mar 2026", "March 12, 2026". Years 1900-2100, four digits.
 * - date-times: a date as above, optionally followed by "14:05" or "14:05:30", with "Z" or an
 *   offset (+02:00); without one the time is UTC.
 * - enums: the value or its label in any case, ignoring spaces, hyphens and underscores
 *   ("On-premise", "ON_PREMISE", "on premise"), plus a few common synonyms.
 * - tags: separated by ";" or "|", lower-cased, duplicates dropped.
 * - confidence: 0-1 ("0.85") or a percentage ("85%"; a bare number above 1 is read as a percentage).
 */
import { ENUM_LABELS } from "@/lib/domain/enums";
import { INDUSTRIES } from "@/lib/domain/industries";
import { findCountry, type KnownCountry } from "./countries";
import type { DateFormat, ImportEnum } from "./kinds";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** The cell as quoted in a message: 'x', cut to a readable length. */
export function quote(raw: string): string {
  const text = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return `'${text}'`;
}

/** Letters and digits only, lower case: the form labels and values are compared in. */
export function looseKey(value: string): string {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

// ---- Domains -------------------------------------------------------------

const HOSTNAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A company's domain as Tierwise stores it: lower case, without scheme, "www.", port, path,
 * query or trailing dot; international names in their ASCII (punycode) form.
 * "https://www.Acme.com/about?x=1" -> "acme.com".
 */
export function parseDomain(raw: string): Parsed<string> {
  let s = raw.trim().toLowerCase();
  if (!s) return fail("is empty");
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "");
  s = s.split(/[/?#\\]/, 1)[0] ?? "";
  s = s.replace(/^[^@]*@/, "").replace(/:\d*$/, "").replace(/\.$/, "");
  s = s.replace(/^www\d?\./, "");
  if (/[^\x00-\x7f]/.test(s)) {
    try {
      s = new URL(`http://${s}`).hostname;
    } catch {
      return fail(`${quote(raw)} is not a web domain`);
    }
  }
  if (!HOSTNAME.test(s)) return fail(`${quote(raw)} is not a web domain (expected something like acme.com)`);
  return ok(s);
}

// ---- Numbers -------------------------------------------------------------

const PLAIN = /^\d+(?:\.\d+)?$|^\.\d+$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SCIENTIFIC = /^\d+(?:\.\d+)?e[+-]?\d+$/i;
const FOREIGN_CURRENCY = /^(?:€|£|¥|eur|gbp|jpy|chf|cad|aud|inr)|(?:€|£|¥|eur|gbp|jpy|chf|cad|aud|inr)$/i;

/**
 * A non-negative decimal number as a plain string ("1250.5"), from "$1,250.50", "1250.5",
 * "1.2E+06" (as spreadsheets write large numbers) or "USD 300".
 */
function parseDecimal(raw: string, { currency }: { currency: boolean }): Parsed<string> {
  let s = raw.trim().replace(/\u00a0/g, " ");
  if (currency && FOREIGN_CURRENCY.test(s)) return fail(`${quote(raw)} is in another currency: amounts are in US dollars`);
  if (currency) s = s.replace(/^(?:us\$|\$|usd)\s*/i, "").replace(/\s*(?:usd|\$)$/i, "");
  if (s.startsWith("-") || (s.startsWith("(") && s.endsWith(")"))) return fail(`${quote(raw)} must not be negative`);
  s = s.replace(/^\+/, "");
  if (PLAIN.test(s)) return ok(s.startsWith(".") ? `0${s}` : s);
  if (GROUPED.test(s)) return ok(s.replace(/,/g, ""));
  if (SCIENTIFIC.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n)) return ok(String(n));
  }
  if (/^\d+,\d{1,2}$/.test(s)) return fail(`${quote(raw)} is not a number (use a point for decimals, e.g. ${s.replace(",", ".")})`);
  if (/^\d+\s*[-–]\s*\d+$/.test(s)) return fail(`${quote(raw)} is a range: give one number`);
  return fail(`${quote(raw)} is not a number`);
}

/** Money in US dollars, rounded to cents, below `max` (the column's capacity). */
export function parseMoney(raw: string, max = 1e12): Parsed<string> {
  const parsed = parseDecimal(raw, { currency: true });
  if (!parsed.ok) return parsed;
  const n = Number(parsed.value);
  if (!(n < max)) return fail(`${quote(raw)} is too large (the most is ${max.toLocaleString("en-US")})`);
  return ok((Math.round(n * 100) / 100).toFixed(2));
}

export const INT_MAX = 2_147_483_647;

export function parseInteger(raw: string, max = INT_MAX): Parsed<number> {
  const parsed = parseDecimal(raw, { currency: false });
  if (!parsed.ok) return parsed;
  const n = Number(parsed.value);
  if (!Number.isInteger(n)) return fail(`${quote(raw)} is not a whole number`);
  if (n > max) return fail(`${quote(raw)} is too large (the most is ${max.toLocaleString("en-US")})`);
  return ok(n);
}

/** 0..1, from "0.85", "85%" or "85" (a bare number above 1 is a percentage). */
export function parseConfidence(raw: string): Parsed<number> {
  const s = raw.trim();
  const percent = s.endsWith("%");
  const parsed = parseDecimal(percent ? s.slice(0, -1) : s, { currency: false });
  if (!parsed.ok) return fail(`${quote(raw)} is not a confidence (use 0 to 1, or a percentage such as 85%)`);
  let n = Number(parsed.value);
  if (percent || n > 1) n /= 100;
  if (n > 1) return fail(`${quote(raw)} is more than 100%`);
  return ok(Math.round(n * 10_000) / 10_000);
}

// ---- Dates ---------------------------------------------------------------

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

interface DayParts {
  year: number;
  month: number;
  day: number;
  /** The text after the date (a time, perhaps). */
  rest: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index === -1 ? undefined : index + 1;
}

type DateProblem = { kind: "format" } | { kind: "invalid"; hint?: string } | { kind: "century" };

/** Split a cell into calendar parts, or say why not. */
function dayParts(raw: string, format: DateFormat): DayParts | DateProblem {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), rest: m[4] ?? "" };

  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(.*)$/.exec(s);
  if (m) {
    if (m[3]!.length !== 4) return { kind: "century" };
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [month, day] = format === "MDY" ? [a, b] : [b, a];
    if (!isRealDay(year, month, day)) {
      const [otherMonth, otherDay] = [day, month];
      const hint = isRealDay(year, otherMonth, otherDay)
        ? ` — it looks like ${format === "MDY" ? "day/month/year" : "month/day/year"}: change “Dates in this file” on the mapping screen`
        : "";
      return { kind: "invalid", hint: ` (read as ${format === "MDY" ? "month/day/year" : "day/month/year"})${hint}` };
    }
    return { year, month, day, rest: m[4] ?? "" };
  }

  // 12 Mar 2026, 12-Mar-2026, 12 March 2026
  m = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{4})(.*)$/i.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) return { year: Number(m[3]), month, day: Number(m[1]), rest: m[4] ?? "" };
  }
  // Mar 12, 2026 / March 12 2026
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(.*)$/i.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month) return { year: Number(m[3]), month, day: Number(m[2]), rest: m[4] ?? "" };
  }
  return { kind: "format" };
}

function dateProblem(raw: string, problem: DateProblem): Parsed<never> {
  switch (problem.kind) {
    case "century":
      return fail(`${quote(raw)} has a two-digit year: write the year in full (2026, not 26)`);
    case "invalid":
      return fail(`${quote(raw)} is not a valid date${problem.hint ?? ""}`);
    case "format":
      return fail(`${quote(raw)} is not a date (use 2026-03-12, 03/12/2026 or 12 Mar 2026)`);
  }
}

function checkedDay(raw: string, parts: DayParts): Parsed<string> {
  if (!isRealDay(parts.year, parts.month, parts.day)) return fail(`${quote(raw)} is not a valid date`);
  if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) return fail(`${quote(raw)} is outside the years ${MIN_YEAR}-${MAX_YEAR}`);
  return ok(`${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`);
}

/** A calendar day as "YYYY-MM-DD". A time after an ISO date is ignored (the column holds days). */
export function parseDate(raw: string, format: DateFormat): Parsed<string> {
  const parts = dayParts(raw, format);
  if ("kind" in parts) return dateProblem(raw, parts);
  const rest = parts.rest.trim();
  if (rest && !/^(?:t|\s)?\d{1,2}:\d{2}/i.test(rest) && !/^t/i.test(rest)) return dateProblem(raw, { kind: "format" });
  return checkedDay(raw, parts);
}

const TIME = /^(?:[t\s]+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(am|pm)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant as "YYYY-MM-DD HH:MM:SS.mmm" in UTC (the form a `timestamp` column takes).
 * Without a time it is midnight UTC; without an offset the time is UTC.
 */
export function parseDateTime(raw: string, format: DateFormat): Parsed<string> {
  const parts = dayParts(raw, format);
  if ("kind" in parts) return dateProblem(raw, parts);
  const day = checkedDay(raw, parts);
  if (!day.ok) return day;
  const rest = parts.rest.trim();
  if (!rest) return ok(`${day.value} 00:00:00.000`);
  const t = TIME.exec(rest);
  if (!t) return fail(`${quote(raw)} has a time that is not understood (use 14:05 or 14:05:30, optionally with Z or +02:00)`);
  let hours = Number(t[1]);
  const minutes = Number(t[2]);
  const seconds = Number(t[3] ?? 0);
  const millis = Number((t[4] ?? "0").padEnd(3, "0").slice(0, 3));
  const meridiem = t[5]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return fail(`${quote(raw)} has an hour that is not valid`);
    hours = (hours % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return fail(`${quote(raw)} has a time that is not valid`);
  let offsetMinutes = 0;
  const zone = t[6]?.toLowerCase();
  if (zone && zone !== "z" && zone !== "utc") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offsetMinutes = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, hours, minutes, seconds, millis) - offsetMinutes * 60_000;
  const iso = new Date(utc).toISOString();
  return ok(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
}

// ---- Enums ---------------------------------------------------------------

/** Extra spellings people export, by enum (keys compared with looseKey). */
const SYNONYMS: Partial<Record<ImportEnum, Record<string, string>>> = {
  region: {
    na: "NORTH_AMERICA", noram: "NORTH_AMERICA", amer: "NORTH_AMERICA", northamerica: "NORTH_AMERICA",
    latinamerica: "LATAM", southamerica: "LATAM", lacam: "LATAM",
    europe: "EMEA", europemiddleeastafrica: "EMEA", eu: "EMEA",
    asiapacific: "APAC", asia: "APAC", apj: "APAC",
  },
  hostingPreference: { onprem: "ON_PREMISE", onpremises: "ON_PREMISE", selfhosted: "ON_PREMISE", saas: "CLOUD" },
  devicePreference: { windows: "PC", win: "PC", macos: "MAC", apple: "MAC", osx: "MAC", ubuntu: "LINUX", both: "MIXED" },
  techAdoption: { earlyadopters: "EARLY_ADOPTER", innovators: "INNOVATOR", laggards: "LAGGARD" },
  loyaltyStatus: { atrisk: "AT_RISK", risk: "AT_RISK", lost: "CHURNED", churn: "CHURNED", returning: "REPEAT", promoter: "ADVOCATE" },
  journeyStage: {
    // HubSpot lifecycle stages
    subscriber: "AWARENESS", lead: "AWARENESS",
    marketingqualifiedlead: "CONSIDERATION", mql: "CONSIDERATION", salesqualifiedlead: "CONSIDERATION", sql: "CONSIDERATION",
    opportunity: "PURCHASE", customer: "RETENTION", evangelist: "ADVOCACY",
  },
  engagementType: {
    pageview: "WEB_VISIT", websitevisit: "WEB_VISIT", visit: "WEB_VISIT", webvisit: "WEB_VISIT",
    emailopened: "EMAIL_OPEN", open: "EMAIL_OPEN", opened: "EMAIL_OPEN",
    emailclicked: "EMAIL_CLICK", click: "EMAIL_CLICK", clicked: "EMAIL_CLICK",
    meetingbooked: "MEETING", call: "MEETING",
    conference: "EVENT", tradeshow: "EVENT",
  },
};

const ENUM_LOOKUP = new Map<ImportEnum, Map<string, string>>();
function lookupFor(name: ImportEnum): Map<string, string> {
  let lookup = ENUM_LOOKUP.get(name);
  if (!lookup) {
    lookup = new Map();
    for (const [value, label] of Object.entries(ENUM_LABELS[name])) {
      lookup.set(looseKey(value), value);
      lookup.set(looseKey(label), value);
    }
    for (const [spelling, value] of Object.entries(SYNONYMS[name] ?? {})) if (!lookup.has(spelling)) lookup.set(spelling, value);
    ENUM_LOOKUP.set(name, lookup);
  }
  return lookup;
}

const ENUM_NOUNS: Record<ImportEnum, string> = {
  region: "region",
  loyaltyStatus: "loyalty status",
  usageRate: "usage rate",
  journeyStage: "journey stage",
  hostingPreference: "hosting preference",
  devicePreference: "device preference",
  techAdoption: "technology adoption stage",
  engagementType: "event type",
};

function listLabels(name: ImportEnum): string {
  const labels = Object.values(ENUM_LABELS[name]) as string[];
  return `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
}

/** The database value of an enum cell: its value or label in any case, or a known synonym. */
export function parseEnum(raw: string, name: ImportEnum): Parsed<string> {
  const value = lookupFor(name).get(looseKey(raw));
  return value ? ok(value) : fail(`${quote(raw)} is not a ${ENUM_NOUNS[name]} (use ${listLabels(name)})`);
}

// ---- Text-like fields ----------------------------------------------------

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
