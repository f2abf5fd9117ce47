/**
 * What a backtest asks for: the as-of day and the horizon after it. Client-safe (the editor's
 * presets and the action's schema share it).
 */
import { z } from "@/lib/validation/zod";
import { isIsoDate, toIsoDate, type IsoDate } from "@/lib/segmentation/dates";

/** As-of presets, in months before today. */
export const AS_OF_PRESETS = [3, 6, 12, 24] as const;
export const DEFAULT_AS_OF_MONTHS = 12;
export const HORIZON_PRESETS = [3, 6, 12] as const;
export const DEFAULT_HORIZON_MONTHS = 6;
export const MAX_HORIZON_MONTHS = 24;
/** Far enough back for any history worth testing against, near enough to keep dates sane. */
const EARLIEST = "2000-01-01";

/** The calendar day `months` months after `day` (negative: before), clamped to the month's end. */
export function addMonths(day: IsoDate, months: number): IsoDate {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return toIsoDate(first);
}

export function monthsAgo(months: number, today: Date = new Date()): IsoDate {
  return addMonths(toIsoDate(today), -months);
}

export interface BacktestOptions {
  asOf: IsoDate;
  horizonMonths: number;
}

export const backtestOptionsSchema = z.strictObject({
  asOf: z
    .string()
    .refine(isIsoDate, "Pick a date (YYYY-MM-DD).")
    .refine((day) => day >= EARLIEST, `Pick a date after ${EARLIEST}.`)
    .refine((day) => day < toIsoDate(new Date()), "Pick a date in the past: the backtest looks at what happened after it."),
  horizonMonths: z.number().int().min(1, "At least one month.").max(MAX_HORIZON_MONTHS, `At most ${MAX_HORIZON_MONTHS} months.`),
});

/** The horizon's last day: `horizonMonths` after asOf, but never after today (then it is cut short). */
export function horizonEnd(options: BacktestOptions, today: Date = new Date()): { end: IsoDate; truncated: boolean } {
  const end = addMonths(options.asOf, options.horizonMonths);
  const now = toIsoDate(today);
  return end > now ? { end: now, truncated: true } : { end, truncated: false };
}
