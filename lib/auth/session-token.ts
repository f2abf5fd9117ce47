import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { auth } from "./auth";
import type { TokenClaims } from "./sessions";

/** Auth.js's session cookie: the __Secure- one over HTTPS. The name is also the key derivation's salt. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * What this request's session cookie says, decoded as Auth.js decodes it (same secret, same salt),
 * or null when there is none or it does not decode (tampered, expired, another AUTH_SECRET).
 *
 * Pages and actions read the cookie here instead of through Auth.js's auth(), which runs its
 * whole request pipeline on every call (parse the request, decode, run the callbacks, re-encrypt a
 * fresh token that a page cannot even set): ~2 ms of CPU per page on these machines
 * (docs/benchmarks.md, "Load"). The session's server-side row is checked by the caller
 * (sessionUserFor) either way. A token Auth.js had to split across cookies (.0, .1: never for
 * this app's few claims) goes the long way.
 */
export async function sessionClaims(): Promise<TokenClaims | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (value) return claimsOf(value, name);
  }
  if (jar.getAll().some((c) => SESSION_COOKIES.some((name) => c.name.startsWith(`${name}.`)))) {
    const user = (await auth())?.user;
    return user?.id ? { userId: user.id, sessionId: user.sessionId, sessionVersion: user.sessionVersion } : null;
  }
  return null;
}

/**
 * Claims of tokens decoded before, by cookie name and token, until the token expires. Decoding
 * derives the key (HKDF), decrypts and checks the tag on every call: ~1.5-2.5 ms of CPU per page
 * on these machines, for the same cookie a user sends with every request. Only tokens that
 * decoded are kept (a flood of made-up cookies cannot fill it with misses), at most DECODED_MAX,
 * the oldest dropped first. What a token says never changes; whether its session still counts
 * is checked against the database on every request (sessionUserFor).
 */
const decoded = new Map<string, { claims: TokenClaims; expiresAt: number }>();
const DECODED_MAX = 5_000;

async function claimsOf(token: string, cookieName: string): Promise<TokenClaims | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) return null;
  const key = `${cookieName} ${token}`;
  const known = decoded.get(key);
  if (known) {
    if (Date.now() < known.expiresAt) return known.claims;
    decoded.delete(key);
  }
  try {
    const payload = await decode({ token, secret, salt: cookieName });
    if (!payload?.uid) return null;
    const claims: TokenClaims = { userId: payload.uid, sessionId: payload.sid, sessionVersion: payload.sv };
    // Auth.js always sets exp; a token without one is decoded again each time.
    if (typeof payload.exp === "number") {
      if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, { claims, expiresAt: payload.exp * 1000 });
    }
    return claims;
  } catch {
    // Not ours or no longer valid: as auth() would, no session.
    return null;
  }
}
