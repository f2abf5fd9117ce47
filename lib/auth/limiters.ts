import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * The sign-in limiters: rate-limiter-flexible counters in PostgreSQL (table sign_in_limits, made
 * by a Prisma migration), so every app instance shares them. Each consume is one atomic upsert
 * returning the count after it, so parallel requests can never all see the last free slot.
 * The policy that uses them is lib/auth/throttle.ts.
 */
export const LIMITS = {
  /** Consecutive failures for one e-mail from one client address, then a lock of that pair. */
  pair: { points: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  /** Failures from one client address over all e-mails (password spraying), then a block. */
  address: { points: 100, windowSeconds: 60 * 60 },
  /** Failures for one e-mail from anywhere that pass freely; past them, attempts are spaced out. */
  email: { free: 10, windowSeconds: 60 * 60, firstDelaySeconds: 5, maxDelaySeconds: 60 },
  /** Password checks per minute for the whole app: bcrypt is what an attacker would exhaust. */
  global: { points: 300, windowSeconds: 60 },
} as const;

const TABLE = "sign_in_limits";

const globalForPool = globalThis as unknown as { tierwiseSignInPool?: pg.Pool };

function pool(): pg.Pool {
  // Its own small pool: the limiter speaks pg directly (named statements), not through Prisma.
  globalForPool.tierwiseSignInPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 3 });
  return globalForPool.tierwiseSignInPool;
}

function limiter(keyPrefix: string, points: number, duration: number, clearExpired = false): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool(),
    tableName: TABLE,
    tableCreated: true,
    keyPrefix,
    points,
    duration,
    // Every limiter shares the table: one of them deletes rows expired an hour ago, every 5 minutes.
    clearExpiredByTimeout: clearExpired,
  });
}

function create() {
  return {
    pair: limiter("pair", LIMITS.pair.points, LIMITS.pair.windowSeconds, true),
    address: limiter("address", LIMITS.address.points, LIMITS.address.windowSeconds),
    email: limiter("email", 1_000_000, LIMITS.email.windowSeconds),
    /** One slot per delay window once an e-mail is past its free failures (the delay is per call). */
    emailGate: limiter("email-gate", 1, 1),
    global: limiter("global", LIMITS.global.points, LIMITS.global.windowSeconds),
    /** How many failures for unknown e-mails an address made this hour: the audit log summarises them. */
    unknown: limiter("unknown", 1_000_000_000, 60 * 60),
    /** Refused attempts per e-mail this hour, summarised in the audit log the same way. */
    refused: limiter("refused", 1_000_000_000, 60 * 60),
  };
}

export type Limiters = ReturnType<typeof create>;
const globalForLimiters = globalThis as unknown as { tierwiseSignInLimiters?: Limiters };

export function limiters(): Limiters {
  globalForLimiters.tierwiseSignInLimiters ??= create();
  return globalForLimiters.tierwiseSignInLimiters;
}

/** Consume points; a refusal comes back as a value, a database error is thrown. */
export async function take(
  from: RateLimiterPostgres,
  key: string,
  options?: { customDuration?: number },
): Promise<{ allowed: boolean; res: RateLimiterRes }> {
  try {
    return { allowed: true, res: await from.consume(key, 1, options) };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { allowed: false, res: error };
    throw error;
  }
}

/** Delete rows that expired before `beforeMs` (the limiters also do it every 5 minutes). */
export async function deleteExpiredLimits(beforeMs = Date.now()): Promise<number> {
  const result = await pool().query(`DELETE FROM ${TABLE} WHERE expire < $1`, [beforeMs]);
  return result.rowCount ?? 0;
}

/** Forget an e-mail's failures (every address) after an admin resets its password. */
export async function clearEmailLimits(email: string): Promise<void> {
  await pool().query(`DELETE FROM ${TABLE} WHERE key = ANY($1) OR starts_with(key, $2)`, [
    [`email:${email}`, `email-gate:${email}`],
    `pair:${email}|`,
  ]);
}

export async function closeLimiterPool(): Promise<void> {
  await globalForPool.tierwiseSignInPool?.end();
  globalForPool.tierwiseSignInPool = undefined;
  globalForLimiters.tierwiseSignInLimiters = undefined;
}
