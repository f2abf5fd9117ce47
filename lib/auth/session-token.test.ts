/**
 * lib/auth/session-token.ts reads the session cookie as Auth.js writes it: a token Auth.js's own
 * encode made (same secret, the cookie's name as salt) gives its claims; a tampered one, one made
 * with another secret or for the other cookie name, and an expired one give no session.
 */
import { encode } from "next-auth/jwt";
import { beforeEach, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
}));
const authCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("./auth", () => ({ auth: async () => (authCalls.count++, { user: { id: "chunked-user", sessionId: "s2", sessionVersion: 4 } }) }));

const SECRET = "session-token-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = SECRET;
const { sessionClaims } = await import("./session-token");
const claims = { uid: "user-1", sid: "session-1", sv: 3, role: "REP" as const };

beforeEach(() => {
  jar.clear();
  authCalls.count = 0;
});

test("a token Auth.js encoded for the cookie gives its claims, over HTTP and HTTPS", async () => {
  jar.set("authjs.session-token", await encode({ token: claims, secret: SECRET, salt: "authjs.session-token" }));
  await expect(sessionClaims()).resolves.toEqual({ userId: "user-1", sessionId: "session-1", sessionVersion: 3 });
  jar.clear();
  jar.set("__Secure-authjs.session-token", await encode({ token: claims, secret: SECRET, salt: "__Secure-authjs.session-token" }));
  await expect(sessionClaims()).resolves.toEqual({ userId: "user-1", sessionId: "session-1", sessionVersion: 3 });
  expect(authCalls.count).toBe(0);
});

test("no cookie, a tampered token, another secret, another cookie's salt or an expired token: no session", async () => {
  await expect(sessionClaims()).resolves.toBeNull();
  const good = await encode({ token: claims, secret: SECRET, salt: "authjs.session-token" });
  const parts = good.split(".");
  parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("A") ? "B" : "A"}A`;
  for (const token of [
    parts.join("."),
    await encode({ token: claims, secret: "another-secret-0123456789abcdef0123456789", salt: "authjs.session-token" }),
    await encode({ token: claims, secret: SECRET, salt: "__Secure-authjs.session-token" }),
    await encode({ token: claims, secret: SECRET, salt: "authjs.session-token", maxAge: -60 }),
    "not a token",
  ]) {
    jar.set("authjs.session-token", token);
    await expect(sessionClaims()).resolves.toBeNull();
  }
});

test("a token split across cookies is read through Auth.js", async () => {
  jar.set("authjs.session-token.0", "part");
  jar.set("authjs.session-token.1", "part");
  await expect(sessionClaims()).resolves.toEqual({ userId: "chunked-user", sessionId: "s2", sessionVersion: 4 });
  expect(authCalls.count).toBe(1);
});
