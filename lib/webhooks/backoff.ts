/**
 * When a failed delivery is tried again: the first retry after TIERWISE_WEBHOOK_RETRY_MS (30 s),
 * each next one twice as late (capped at 4 hours), with ±10% jitter so deliveries that failed
 * together do not come back together, until 24 hours after the delivery was created (or
 * redelivered): with the defaults, about 15 attempts.
 */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_DELAY_MS = 4 * 60 * 60 * 1000;

/** The delay after the `attempt`-th failed attempt (from 1). */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const delay = Math.min(baseMs * 2 ** Math.min(attempt - 1, 30), MAX_DELAY_MS);
  return Math.round(delay * (0.9 + 0.2 * random()));
}

/** The next attempt's time, or null when it would fall after the retry window (the delivery failed). */
export function nextAttemptAt(attempt: number, now: Date, retryUntil: Date, baseMs: number, random?: () => number): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(attempt, baseMs, random));
  return next > retryUntil ? null : next;
}
