import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * Requests per API key per fixed one-minute window, counted in PostgreSQL so that every app
 * instance shares one budget: one atomic upsert per request (INSERT … ON CONFLICT DO UPDATE
 * returns the count after this request, so two instances can never both take the last slot).
 * Windows follow the database clock, not each instance's.
 */
export const RATE_WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
  allowed: boolean;
}

type Client = Pick<typeof db, "$queryRaw" | "$executeRaw">;

export async function consumeRateLimit(keyId: string, options: { limit?: number; client?: Client } = {}): Promise<RateLimitState> {
  const limit = options.limit ?? env().TIERWISE_API_RATE_LIMIT;
  const client = options.client ?? db;
  const [row] = await client.$queryRaw<{ count: number; reset: number }[]>`
    INSERT INTO api_rate_windows (key_id, window_start, count)
    VALUES (${keyId}, date_trunc('minute', clock_timestamp() AT TIME ZONE 'UTC'), 1)
    ON CONFLICT (key_id, window_start) DO UPDATE SET count = api_rate_windows.count + 1
    RETURNING count,
      ceil(extract(epoch FROM window_start + make_interval(secs => ${RATE_WINDOW_SECONDS}) - clock_timestamp() AT TIME ZONE 'UTC'))::int AS reset`;
  if (!row) throw new Error("rate limit upsert returned no row");
  if (row.count === 1) {
    // A new window for this key: the ones before it are finished.
    await client.$executeRaw`DELETE FROM api_rate_windows WHERE key_id = ${keyId} AND window_start < date_trunc('minute', clock_timestamp() AT TIME ZONE 'UTC')`;
  }
  return { limit, remaining: Math.max(0, limit - row.count), resetSeconds: Math.max(1, row.reset), allowed: row.count <= limit };
}

/** The draft-standard RateLimit headers, sent on every answer to a known key. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=${RATE_WINDOW_SECONDS}`,
    ...(state.allowed ? {} : { "Retry-After": String(state.resetSeconds) }),
  };
}
