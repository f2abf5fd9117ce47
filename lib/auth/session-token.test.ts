/**
 * lib/auth/session-token.ts reads the session cookie as Auth.js writes it: a token Auth.js's own
 * encode made (same secret, the cookie's name as salt) gives its claims; a tampered one, one made
 * with another secret or for the other cookie name, and an expired one give no session.
 */
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
}));
const authCalls = vi.hoisted(() => ({ count: 0 }));
const decodeCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const jwt = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...jwt, decode: (...args: Parameters<typeof jwt.decode>) => (decodeCalls.count++, jwt.decode(...args)) };
});
vi.mock("./auth", () => ({ auth: async () => (authCalls.count++, { user: { id: "chunked-user", sessionId: "s2", sessionVersion: 4 } }) }));

const SECRET = "session-token-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = SECRET;
const { sessionClaims } = await import("./session-token");
const claims = { uid: "user-1", sid: "session-1", sv: 3, role: "REP" as const };

beforeEach(() => {
  jar.clear();
  authCalls.count = 0;
  decodeCalls.count = 0;
});
afterEach(() => vi.useRealTimers());

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

test("a cookie sent again is decoded once, and not trusted past its expiry", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  const token = await encode({ token: { ...claims, uid: "user-2" }, secret: SECRET, salt: "authjs.session-token", maxAge: 60 });
  jar.set("authjs.session-token", token);
  for (let i = 0; i < 3; i++) await expect(sessionClaims()).resolves.toEqual({ userId: "user-2", sessionId: "session-1", sessionVersion: 3 });
  expect(decodeCalls.count).toBe(1);
  // The same token under the other cookie's name was made with another salt: still refused.
  jar.clear();
  jar.set("__Secure-authjs.session-token", token);
  await expect(sessionClaims()).resolves.toBeNull();
  jar.clear();
  jar.set("authjs.session-token", token);
  // Past the expiry and Auth.js's 15 s clock tolerance.
  vi.setSystemTime(Date.now() + 80_000);
  await expect(sessionClaims()).resolves.toBeNull();
});
