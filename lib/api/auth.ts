import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ApiCaller } from "./caller";
import { keyMatches, keyStatus, prefixOf } from "./keys";
import { isApiScope } from "./scopes";

/** How often a key's last-used time is written: a busy integration should not write a row per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);

/** The key in `Authorization: Bearer <key>`, or null when the header is missing or not a bearer token. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * The caller of an API request, or an UNAUTHENTICATED AppError (401). Revoked and expired are
 * named only to someone who holds the key's full secret; anyone else learns nothing about it.
 */
export async function authenticate(request: Request, now = new Date()): Promise<ApiCaller> {
  const token = bearerToken(request);
  if (!token) throw unauthenticated("Send an API key in the Authorization header: \"Authorization: Bearer <key>\".");
  const prefix = prefixOf(token);
  const row = prefix
    ? await db.apiKey.findUnique({ where: { prefix }, select: { id: true, name: true, prefix: true, secretHash: true, scopes: true, expiresAt: true, revokedAt: true, lastUsedAt: true } })
    : null;
  if (!row || !keyMatches(token, row.secretHash)) throw unauthenticated("The API key is not valid.");
  const status = keyStatus(row, now);
  if (status === "revoked") throw unauthenticated("This API key has been revoked.");
  if (status === "expired") throw unauthenticated("This API key has expired.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional so that concurrent requests on several instances write it once per minute at most.
    await db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { keyId: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes.filter(isApiScope) };
}
