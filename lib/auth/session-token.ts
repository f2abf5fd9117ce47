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

async function claimsOf(token: string, cookieName: string): Promise<TokenClaims | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) return null;
  try {
    const claims = await decode({ token, secret, salt: cookieName });
    return claims?.uid ? { userId: claims.uid, sessionId: claims.sid, sessionVersion: claims.sv } : null;
  } catch {
    // Not ours or no longer valid: as auth() would, no session.
    return null;
  }
}
