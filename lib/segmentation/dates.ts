/**
 * Calendar dates as "YYYY-MM-DD" strings. Rules compare calendar days, not instants, so the
 * evaluator and PostgreSQL (`date` columns) agree whatever the server's time zone.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function utcMidnight(year: number, month: number, day: number): Date {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = utcMidnight(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day of an instant: the evaluation date `asOf` of every rule. */
export function toIsoDate(date: Date): IsoDate {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(iso: IsoDate): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return Math.round(utcMidnight(Number(match[1]), Number(match[2]), Number(match[3])).getTime() / MS_PER_DAY);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date((dayNumber(iso) + days) * MS_PER_DAY));
}

/** Whole days from `from` to `to` (positive when `to` is later), like SQL `to - from` on dates. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}
