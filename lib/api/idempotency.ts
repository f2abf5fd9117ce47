import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Idempotency-Key for batch writes (draft-ietf-httpapi-idempotency-key-header). Per API key and
 * idempotency key, the first request claims a row (an atomic INSERT … ON CONFLICT DO NOTHING, so
 * of two concurrent requests exactly one runs), runs, and stores its response; a retry with the
 * same request gets that response back and writes nothing. The same key with another request is
 * refused (422); a retry while the first still runs waits a little, then gets 409.
 * Failures are not stored: the claim is released so a corrected or later retry can run.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim this old without a response belongs to an instance that died mid-request. */
const ABANDONED_AFTER_MS = 5 * 60_000;
const WAIT_FOR_FIRST_MS = 5_000;
const POLL_MS = 100;

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** The header's value, or null when absent; 1-255 visible ASCII characters, or MALFORMED (400). */
export function idempotencyKeyOf(request: Request): string | null {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  const value = raw.trim().replace(/^"(.*)"$/, "$1");
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new AppError("MALFORMED", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
  return value;
}

/** The request as the idempotency record knows it: method, path with query, and body bytes. */
export function requestFingerprint(request: Request, body: Uint8Array): string {
  const url = new URL(request.url);
  return createHash("sha256").update(`${request.method} ${url.pathname}${url.search}\n`).update(body).digest("hex");
}

export type Claim = { kind: "run" } | { kind: "replay"; status: number; body: unknown };

type Client = Pick<typeof db, "$queryRaw" | "$executeRaw">;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function claimIdempotencyKey(keyId: string, idempotencyKey: string, fingerprint: string, client: Client = db): Promise<Claim> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claimed = await client.$queryRaw<{ claimed: boolean }[]>`
      INSERT INTO api_idempotency_keys (key_id, idempotency_key, request_hash, created_at)
      VALUES (${keyId}, ${idempotencyKey}, ${fingerprint}, clock_timestamp() AT TIME ZONE 'UTC')
      ON CONFLICT (key_id, idempotency_key) DO NOTHING
      RETURNING true AS claimed`;
    if (claimed.length > 0) {
      await client.$executeRaw`DELETE FROM api_idempotency_keys
        WHERE created_at < clock_timestamp() AT TIME ZONE 'UTC' - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
      return { kind: "run" };
    }
    const [row] = await client.$queryRaw<{ request_hash: string; status: number | null; body: unknown; age_ms: number; expired: boolean }[]>`
      SELECT request_hash, status, body,
        (extract(epoch FROM clock_timestamp() AT TIME ZONE 'UTC' - created_at) * 1000)::float8 AS age_ms,
        created_at < clock_timestamp() AT TIME ZONE 'UTC' - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}) AS expired
      FROM api_idempotency_keys WHERE key_id = ${keyId} AND idempotency_key = ${idempotencyKey}`;
    if (!row) continue; // released between the two statements: claim again
    if (row.expired || (row.status === null && row.age_ms > ABANDONED_AFTER_MS)) {
      await client.$executeRaw`DELETE FROM api_idempotency_keys
        WHERE key_id = ${keyId} AND idempotency_key = ${idempotencyKey} AND request_hash = ${row.request_hash} AND status IS NOT DISTINCT FROM ${row.status}::int`;
      continue;
    }
    if (row.request_hash !== fingerprint) {
      throw new AppError("INVALID", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
    }
    if (row.status !== null) return { kind: "replay", status: row.status, body: row.body };
    if (Date.now() >= deadline) {
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment to get its response.");
    }
    await sleep(POLL_MS);
  }
}

/** Store the first response; later requests with the key replay it. */
export async function completeIdempotencyKey(keyId: string, idempotencyKey: string, status: number, body: unknown, client: Client = db): Promise<void> {
  const stored = JSON.stringify(body ?? null);
  await client.$executeRaw`UPDATE api_idempotency_keys SET status = ${status}, body = ${stored}::jsonb
    WHERE key_id = ${keyId} AND idempotency_key = ${idempotencyKey}`;
}

/** The request failed: release the claim so that a retry runs again. */
export async function releaseIdempotencyKey(keyId: string, idempotencyKey: string, client: Client = db): Promise<void> {
  await client.$executeRaw`DELETE FROM api_idempotency_keys WHERE key_id = ${keyId} AND idempotency_key = ${idempotencyKey} AND status IS NULL`;
}

/** The claimed request being handled (set by the API boundary around the handler). */
interface ClaimedRequest {
  keyId: string;
  idempotencyKey: string;
  status: number;
}

const claimed = new AsyncLocalStorage<ClaimedRequest>();

/** Run a claimed request's handler, so that its write transaction can store the response (below). */
export function runClaimed<T>(request: ClaimedRequest, handle: () => Promise<T>): Promise<T> {
  return claimed.run(request, handle);
}

/**
 * Inside the write's own transaction: store the response of the claimed request being handled
 * (if any), so the write and its response commit together. The boundary stores the same response
 * again after the handler returns (for handlers without such a transaction); that is harmless.
 */
export async function completeIdempotencyInTransaction(tx: Client, body: unknown): Promise<void> {
  const request = claimed.getStore();
  if (!request) return;
  await completeIdempotencyKey(request.keyId, request.idempotencyKey, request.status, body, tx);
}
