/**
 * Dates in imported cells:
 * - dates: ISO "2026-03-12" (a time after it is ignored for date columns), "2026/03/12",
 *   slashed/dotted "03/12/2026" read as month/day/year or day/month/year (the mapping's choice),
 *   or with a month name: "12 Mar 2026", "March 12, 2026". Years 1900-2100, four digits.
 * - date-times: a date as above, optionally followed by "14:05" or "14:05:30", with "Z" or an
 *   offset (+02:00); without one the time is UTC.
 */
import type { DateFormat } from "../kinds";
import { fail, ok, quote, type Parsed } from "./parsed";

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
