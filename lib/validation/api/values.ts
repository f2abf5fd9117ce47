/**
 * Zod schemas for the values an API client sends, built on the CSV import's normalisers
 * (lib/import/values/): a domain, a country, an industry, money and dates mean the same thing
 * whether they arrive in a file or in a request. Each schema reads JSON (a string or a number),
 * then normalises to the form the database takes; a value the normaliser refuses is an issue at
 * the field's path, with the normaliser's reason.
 */
import { z } from "@/lib/validation/zod";
import { ENUM_LABELS, enumValues, type EnumName } from "@/lib/domain/enums";
import { INDUSTRIES } from "@/lib/domain/industries";
import { parseDate, parseDateTime } from "@/lib/import/values/dates";
import { parseDomain } from "@/lib/import/values/domains";
import { parseInteger, parseMoney } from "@/lib/import/values/numbers";
import type { Parsed } from "@/lib/import/values/parsed";
import { parseCountry, parseIndustry, parseTags, parseText } from "@/lib/import/values/text";
import { INT4_MAX } from "@/lib/validation/ids";

/**
 * The normaliser's reason as a message on its own: reasons read after a column name
 * ("is empty", "'x' is not a number"), so those that start with a verb get the field's label.
 */
export function reasonMessage(label: string, reason: string): string {
  return reason.startsWith("'") ? reason : `${label} ${reason}`;
}

/** A string schema whose value is the normaliser's result. */
function normalised<T>(base: z.ZodType<string, string>, label: string, parse: (raw: string) => Parsed<T>) {
  return base.transform((raw, ctx) => {
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: reasonMessage(label, parsed.reason) });
    return z.NEVER;
  });
}

/** A company domain, normalised ("https://www.Acme.com/about" -> "acme.com"); one that normalises to nothing is refused. */
export const domainValue = () =>
  normalised(z.string().max(2_000), "Domain", parseDomain).meta({
    description: "A web domain or address, normalised as the CSV import does: https://www.Acme.com/about becomes acme.com.",
    example: "acme.com",
  });

export const textValue = (label: string, max: number) =>
  normalised(z.string().max(max * 4), label, (raw) => parseText(raw, max)).meta({ description: `${label}, up to ${max} characters (spaces collapsed).` });

/** Free text that must not be blank once trimmed. */
export const requiredTextValue = (label: string, max: number) =>
  normalised(z.string().max(max * 4), label, (raw) => {
    const parsed = parseText(raw, max);
    return parsed.ok && parsed.value === "" ? { ok: false, reason: "is empty" } : parsed;
  }).meta({ description: `${label}, 1 to ${max} characters (spaces collapsed).` });

export const industryValue = () =>
  normalised(z.string().max(200), "Industry", parseIndustry).meta({
    description: `One of the Tierwise industries (${INDUSTRIES.join(", ")}); common CRM names such as "Computer Software" are recognised.`,
    example: "Software",
  });

/** A country name or ISO code: the canonical name and, when Tierwise knows the country, its region. */
export const countryValue = () =>
  normalised(z.string().max(400), "Country", parseCountry).meta({
    description: "A country name or ISO code (US, GB, DE…). Known countries also set the region.",
    example: "US",
  });

/** US dollars as a JSON number, rounded to cents, below the column's capacity; the database form is a decimal string. */
export const moneyValue = (max = 1e12) =>
  z
    .number()
    .min(0, { error: "Must not be negative." })
    .transform((n, ctx) => {
      const parsed = parseMoney(String(n), max);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: reasonMessage("Amount", parsed.reason) });
      return z.NEVER;
    })
    .meta({ description: `US dollars, rounded to cents, below ${max.toLocaleString("en-US")}.`, example: 1250.5 });

export const countValue = () =>
  z
    .number()
    .int()
    .min(0)
    .max(INT4_MAX)
    .transform((n, ctx) => {
      const parsed = parseInteger(String(n));
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.reason });
      return z.NEVER;
    });

/** A calendar day, ISO 8601 ("2026-03-12"), years 1900-2100. */
export const dateValue = () =>
  normalised(z.iso.date(), "Date", (raw) => parseDate(raw, "MDY")).meta({ description: "A calendar day, ISO 8601.", example: "2026-03-12" });

/** An instant, ISO 8601 with an offset or Z; stored in UTC. */
export const dateTimeValue = () =>
  normalised(z.iso.datetime({ offset: true }), "Date", (raw) => parseDateTime(raw.replace(/(\.\d{3})\d+/, "$1"), "MDY")).meta({
    description: "An instant, ISO 8601 with Z or an offset.",
    example: "2026-03-12T14:05:00Z",
  });

/** Tags such as "security": lower-cased, duplicates dropped, at most 20 of up to 40 characters. */
export const tagsValue = () =>
  z
    .array(z.string().max(200))
    .max(100)
    .transform((tags, ctx) => {
      const parsed = parseTags(tags.join(";"));
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: reasonMessage("Benefits sought", parsed.reason.replace("; separate tags with ; or |", "")) });
      return z.NEVER;
    })
    .meta({ description: "Tags, lower-cased, duplicates dropped (at most 20, each up to 40 characters).", example: ["security", "scalability"] });

/** One of an enum's database values (as lib/domain/enums.ts lists them), documented with its labels. */
export function enumValue<N extends EnumName>(name: N) {
  const values = enumValues(name) as unknown as readonly [keyof (typeof ENUM_LABELS)[N] & string, ...(keyof (typeof ENUM_LABELS)[N] & string)[]];
  const labels = Object.entries(ENUM_LABELS[name] as Record<string, string>).map(([value, label]) => `${value} (${label})`);
  return z.enum(values).meta({
    description: `One of ${labels.join(", ")}.`,
  });
}
