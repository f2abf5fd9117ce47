/**
 * Numbers in imported cells:
 * - money: US dollars, optional "$"/"USD", thousands separated by commas in groups of three,
 *   a decimal point, up to the column's range; "€1,200" and "12,5" are refused with the reason.
 * - whole numbers: "1,200", "1200", "1200.0"; ranges such as "51-200" are refused.
 * - confidence: 0-1 ("0.85") or a percentage ("85%"; a bare number above 1 is read as a percentage).
 */
import { INT4_MAX } from "@/lib/validation/ids";
import { fail, ok, quote, type Parsed } from "./parsed";

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

export function parseInteger(raw: string, max = INT4_MAX): Parsed<number> {
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
