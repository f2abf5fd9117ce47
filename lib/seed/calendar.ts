const DAY_MS = 86_400_000;

/** Midnight UTC of the given instant: the generator and metrics think in whole UTC days. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

/** Parse a `YYYY-MM-DD` flag value as midnight UTC; throws on anything else. */
export function parseIsoDay(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  }
  return date;
}

/**
 * Dates relative to the generation reference day. Generated data is expressed as "days before
 * asOf", so the same seed always gives the same shape of history, only shifted in time.
 * Formatted days are cached: millions of rows share about 1,500 distinct dates.
 */
export class Calendar {
  private readonly cache: string[] = [];
  private readonly asOfMs: number;

  constructor(asOf: Date) {
    this.asOfMs = startOfUtcDay(asOf).getTime();
  }

  /** `YYYY-MM-DD` of the day `daysAgo` days before asOf. */
  day(daysAgo: number): string {
    let text = this.cache[daysAgo];
    if (text === undefined) {
      text = new Date(this.asOfMs - daysAgo * DAY_MS).toISOString().slice(0, 10);
      this.cache[daysAgo] = text;
    }
    return text;
  }

  /** `YYYY-MM-DDTHH:MM:00` (UTC; no space, so it needs no quoting in array literals). */
  timestamp(daysAgo: number, minuteOfDay: number): string {
    const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, "0");
    const mm = String(minuteOfDay % 60).padStart(2, "0");
    return `${this.day(daysAgo)}T${hh}:${mm}:00`;
  }

  /** "Q3 2025" for the quarter containing the day `daysAgo` days before asOf. */
  quarter(daysAgo: number): string {
    const date = new Date(this.asOfMs - daysAgo * DAY_MS);
    return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
  }
}
