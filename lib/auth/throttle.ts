import { db } from "@/lib/db/client";

/** Failures after which each further attempt is delayed. */
export const SLOW_AFTER = 3;
/** Failures (within WINDOW_MS) after which the address is locked for LOCK_MS. */
export const LOCK_AFTER = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export type ThrottleState = { locked: true; until: Date } | { locked: false; delayMs: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Where this address stands before a password is checked. */
export async function throttleState(email: string, now = new Date()): Promise<ThrottleState> {
  const row = await db.signInThrottle.findUnique({ where: { email: normaliseEmail(email) } });
  if (!row) return { locked: false, delayMs: 0 };
  if (row.lockedUntil && row.lockedUntil > now) return { locked: true, until: row.lockedUntil };
  if (now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS) return { locked: false, delayMs: 0 };
  const over = row.failures - SLOW_AFTER + 1;
  return { locked: false, delayMs: over > 0 ? Math.min(500 * 2 ** (over - 1), 4000) : 0 };
}

/** Count a failure; returns the lock end when this failure locked the address. */
export async function recordFailure(email: string, now = new Date()): Promise<Date | null> {
  const key = normaliseEmail(email);
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  // One statement so concurrent failures on several instances cannot under-count.
  const rows = await db.$queryRaw<{ failures: number; locked_until: Date | null }[]>`
    INSERT INTO sign_in_throttles (email, failures, last_failure_at, locked_until)
    VALUES (${key}, 1, ${now}::timestamp, NULL)
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE
        WHEN sign_in_throttles.last_failure_at < ${windowStart}::timestamp
          OR (sign_in_throttles.locked_until IS NOT NULL AND sign_in_throttles.locked_until <= ${now}::timestamp)
        THEN 1 ELSE sign_in_throttles.failures + 1 END,
      last_failure_at = ${now}::timestamp,
      locked_until = CASE
        WHEN sign_in_throttles.last_failure_at >= ${windowStart}::timestamp
          AND (sign_in_throttles.locked_until IS NULL OR sign_in_throttles.locked_until > ${now}::timestamp)
          AND sign_in_throttles.failures + 1 >= ${LOCK_AFTER}
        THEN ${new Date(now.getTime() + LOCK_MS)}::timestamp ELSE NULL END
    RETURNING failures, locked_until`;
  return rows[0]?.locked_until ?? null;
}

export async function clearFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { email: normaliseEmail(email) } });
}
