import { createLoader, createSerializer, parseAsNumberLiteral, parseAsString, type inferParserType } from "nuqs/server";
import { addDays, daysBetween, isIsoDate, type IsoDate } from "@/lib/segmentation/dates";

/**
 * /admin/plays' period in the URL: a preset (`days=7`, 30 by default, 90) or a custom range
 * (`from=2026-11-01&to=2026-11-30`, calendar days in UTC like every date in the app, both ends
 * included). The page loads it, the period picker writes it.
 */
export const PERIOD_PRESETS = [7, 30, 90] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PERIOD_DAYS: PeriodPreset = 30;
/** Longest custom range: two years keeps the grouped queries bounded and the chart meaningful. */
export const MAX_PERIOD_DAYS = 731;

export const playsPeriodParsers = {
  days: parseAsNumberLiteral(PERIOD_PRESETS),
  from: parseAsString,
  to: parseAsString,
};

export type PlaysPeriodQuery = inferParserType<typeof playsPeriodParsers>;

export const loadPlaysPeriodQuery = createLoader(playsPeriodParsers);
export const serializePlaysPeriodQuery = createSerializer(playsPeriodParsers);

export interface PlaysPeriod {
  /** First day, included. */
  from: IsoDate;
  /** Last day, included. */
  to: IsoDate;
  /** Days in the period. */
  days: number;
  /** The preset chosen, null for a custom range. */
  preset: PeriodPreset | null;
}

export interface ResolvedPeriod {
  period: PlaysPeriod;
  /** Why the custom range in the URL was not used (the default period is shown instead), by field. */
  errors: { from?: string; to?: string };
  /** The dates as typed, so the form can show them back next to their error. */
  typed: { from: string; to: string };
}

function presetPeriod(days: PeriodPreset, today: IsoDate): PlaysPeriod {
  return { from: addDays(today, -(days - 1)), to: today, days, preset: days };
}

/**
 * The period to report on. A custom range needs at least one valid end: a missing start is the
 * default length before the end, a missing end is today. A bad date or range falls back to the
 * default period, with the reason next to the field.
 */
export function resolvePlaysPeriod(query: PlaysPeriodQuery, today: IsoDate): ResolvedPeriod {
  const typed = { from: query.from?.trim() ?? "", to: query.to?.trim() ?? "" };
  const fallback = presetPeriod(query.days ?? DEFAULT_PERIOD_DAYS, today);
  if (!typed.from && !typed.to) return { period: fallback, errors: {}, typed };

  const errors: ResolvedPeriod["errors"] = {};
  if (typed.from && !isIsoDate(typed.from)) errors.from = "Enter the start as a date (YYYY-MM-DD).";
  if (typed.to && !isIsoDate(typed.to)) errors.to = "Enter the end as a date (YYYY-MM-DD).";
  if (errors.from || errors.to) return { period: fallback, errors, typed };

  const to = typed.to || (typed.from > today ? typed.from : today);
  const from = typed.from || addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) return { period: fallback, errors: { to: "The end date is before the start date." }, typed };
  if (days > MAX_PERIOD_DAYS) return { period: fallback, errors: { from: "Choose a period of at most two years." }, typed };
  return { period: { from, to, days, preset: null }, errors: {}, typed };
}
