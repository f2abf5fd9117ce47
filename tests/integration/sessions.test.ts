/**
 * Sessions end: signing out revokes the session on the server (the copied cookie is replayed and
 * refused), an absolute lifetime that activity cannot extend, an idle timeout; changing the
 * password ends the other sessions. Sign-in and sign-out go through the real Auth.js handlers.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
const { decode } = await import("next-auth/jwt");
const { handlers } = await import("@/lib/auth/auth");
const authRoute = await import("@/app/api/auth/[...nextauth]/route");
const { sessionUserFor, startSession } = await import("@/lib/auth/sessions");
const { changeOwnPassword } = await import("@/lib/auth/change-password");
const { closeLimiterPool } = await import("@/lib/auth/limiters");
const { hashPassword } = await import("@/lib/auth/password");
const { db } = await import("@/lib/db/client");
const { createUser } = await import("../support/fixtures");
const { resetDatabase } = await import("../support/reset-db");

const PASSWORD = "seven lazy copper kites";
const BASE = "http://localhost:3000";
const COOKIE = "authjs.session-token";
const HOUR = 3_600_000;

/** Cookies from Set-Cookie headers, as "name=value" pairs for a Cookie header. */
function cookiesOf(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar[pair!.slice(0, at)] = pair!.slice(at + 1);
  }
  return jar;
}
const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; ");

async function csrf(): Promise<{ token: string; jar: Record<string, string> }> {
  const response = await handlers.GET(new Request(`${BASE}/api/auth/csrf`) as never);
  return { token: ((await response.json()) as { csrfToken: string }).csrfToken, jar: cookiesOf(response) };
}

/** Sign in through Auth.js's credentials callback; returns the session cookie's value. */
async function signInCookie(email: string, password: string): Promise<string> {
  const { token, jar } = await csrf();
  const body = new URLSearchParams({ email, password, csrfToken: token, callbackUrl: "/" });
  const response = await handlers.POST(
    new Request(`${BASE}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), "x-forwarded-for": "203.0.113.5", "user-agent": "SessionTest" },
      body,
    }) as never,
  );
  const session = cookiesOf(response)[COOKIE];
  if (!session) throw new Error(`no session cookie (status ${response.status}, ${response.headers.get("location")})`);
  return session;
}

async function signOutWith(sessionCookie: string): Promise<void> {
  const { token, jar } = await csrf();
  await handlers.POST(
    new Request(`${BASE}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader({ ...jar, [COOKIE]: sessionCookie }) },
      body: new URLSearchParams({ csrfToken: token, callbackUrl: "/sign-in" }),
    }) as never,
  );
}

/** What the app sees for a request carrying this cookie (lib/auth/session.ts reads the same claims). */
async function userFor(sessionCookie: string, now?: Date) {
  const token = await decode({ token: sessionCookie, secret: process.env.AUTH_SECRET!, salt: COOKIE });
  return sessionUserFor({ userId: token?.uid, sessionId: token?.sid, sessionVersion: token?.sv }, now);
}

beforeAll(async () => {
  await resetDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  await createUser("REP", "rep@test.local", "Rep", { passwordHash });
});
afterAll(async () => {
  vi.useRealTimers();
  await closeLimiterPool();
  await db.$disconnect();
});

test("signing out revokes the session on the server: the copied cookie no longer works", async () => {
  const cookie = await signInCookie("rep@test.local", PASSWORD);
  expect(await userFor(cookie)).toMatchObject({ email: "rep@test.local" });
  const row = await db.authSession.findFirstOrThrow({ where: { user: { email: "rep@test.local" } } });
  expect(row).toMatchObject({ clientAddress: "203.0.113.5", userAgent: "SessionTest" });

  await signOutWith(cookie);
  // The replayed cookie is still a well-formed, unexpired JWT, but its session is gone.
  expect(await decode({ token: cookie, secret: process.env.AUTH_SECRET!, salt: COOKIE })).toMatchObject({ sid: row.id });
  expect(await userFor(cookie)).toBeNull();
  expect(await db.authSession.count({ where: { id: row.id } })).toBe(0);
}, 60_000);

test("GET /api/auth/session with a signed-out cookie answers no session, like every other entry point", async () => {
  const sessionOf = async (sessionCookie: string) => {
    const response = await authRoute.GET(new Request(`${BASE}/api/auth/session`, { headers: { cookie: `${COOKIE}=${sessionCookie}` } }) as never);
    expect(response.status).toBe(200);
    return { body: (await response.json()) as { user?: { email?: string } } | null, cookies: cookiesOf(response) };
  };
  const cookie = await signInCookie("rep@test.local", PASSWORD);
  expect((await sessionOf(cookie)).body?.user?.email).toBe("rep@test.local");

  await signOutWith(cookie);
  const replayed = await sessionOf(cookie);
  expect(replayed.body?.user).toBeUndefined();
  expect(replayed.body === null || Object.keys(replayed.body).length === 0).toBe(true);
  // And Auth.js clears the dead cookie.
  expect(replayed.cookies[COOKIE]).toBe("");
}, 60_000);

test("a session ends 12 hours after sign-in however active it is, and after 2 idle hours", async () => {
  const user = await db.user.findUniqueOrThrow({ where: { email: "rep@test.local" } });
  const t0 = new Date();
  const claims = { userId: user.id, sessionVersion: user.sessionVersion };
  const busy = await startSession(user.id, { address: null, userAgent: null }, t0);
  // A request every 100 minutes keeps it from idling out, up to the absolute end.
  for (let minutes = 100; minutes < 12 * 60; minutes += 100) {
    expect(await sessionUserFor({ ...claims, sessionId: busy }, new Date(t0.getTime() + minutes * 60_000))).not.toBeNull();
  }
  expect(await sessionUserFor({ ...claims, sessionId: busy }, new Date(t0.getTime() + 12 * HOUR + 1_000))).toBeNull();

  const idle = await startSession(user.id, { address: null, userAgent: null }, t0);
  expect(await sessionUserFor({ ...claims, sessionId: idle }, new Date(t0.getTime() + 119 * 60_000))).not.toBeNull();
  expect(await sessionUserFor({ ...claims, sessionId: idle }, new Date(t0.getTime() + 119 * 60_000 + 2 * HOUR + 1_000))).toBeNull();
});

test("the lifetimes are configurable", async () => {
  const user = await db.user.findUniqueOrThrow({ where: { email: "rep@test.local" } });
  vi.stubEnv("TIERWISE_SESSION_MAX_HOURS", "1");
  vi.stubEnv("TIERWISE_SESSION_IDLE_MINUTES", "10");
  try {
    const t0 = new Date();
    const id = await startSession(user.id, { address: null, userAgent: null }, t0);
    const claims = { userId: user.id, sessionVersion: user.sessionVersion, sessionId: id };
    expect((await db.authSession.findUniqueOrThrow({ where: { id } })).expiresAt.getTime()).toBe(t0.getTime() + HOUR);
    expect(await sessionUserFor(claims, new Date(t0.getTime() + 11 * 60_000))).toBeNull();
  } finally {
    vi.unstubAllEnvs();
  }
});

test("changing the password needs the current one and ends the other sessions, not this one", async () => {
  const here = await signInCookie("rep@test.local", PASSWORD);
  const elsewhere = await signInCookie("rep@test.local", PASSWORD);
  const me = (await userFor(here))!;
  const client = { address: "203.0.113.5", userAgent: "SessionTest" };
  await expect(changeOwnPassword(me, { currentPassword: "not my password", newPassword: "violet otter harbour" }, client)).rejects.toMatchObject({
    fieldErrors: { currentPassword: expect.any(String) },
  });
  await expect(changeOwnPassword(me, { currentPassword: PASSWORD, newPassword: "password123456" }, client)).rejects.toMatchObject({
    fieldErrors: { newPassword: expect.stringMatching(/too common/) },
  });
  await changeOwnPassword(me, { currentPassword: PASSWORD, newPassword: "violet otter harbour" }, client);
  expect(await userFor(here)).not.toBeNull();
  expect(await userFor(elsewhere)).toBeNull();
  expect(await db.auditLog.count({ where: { action: "PASSWORD_CHANGED", target: "rep@test.local" } })).toBe(1);
  await expect(signInCookie("rep@test.local", PASSWORD)).rejects.toThrow(/no session cookie/);
  expect(await userFor(await signInCookie("rep@test.local", "violet otter harbour"))).not.toBeNull();
}, 90_000);

test("a wrong password is an expected outcome: no error and no stack trace in the server log", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await expect(signInCookie("rep@test.local", "certainly-not-it")).rejects.toThrow(/no session cookie/);
    await expect(signInCookie("nobody@test.local", "certainly-not-it")).rejects.toThrow(/no session cookie/);
    expect(logged).not.toHaveBeenCalled();
  } finally {
    logged.mockRestore();
  }
}, 60_000);

test("a password an admin set (new user, reset) must be changed at the next sign-in", async () => {
  const { createUser: adminCreatesUser, resetUserPassword } = await import("@/lib/data/users");
  const admin = await createUser("ADMIN", "admin@test.local", "Admin");
  await adminCreatesUser(admin, { name: "New", email: "new@test.local", role: "REP", password: "violet otter harbour" });
  const fresh = (await userFor(await signInCookie("new@test.local", "violet otter harbour")))!;
  expect(fresh.mustChangePassword).toBe(true);
  const client = { address: null, userAgent: null };
  await changeOwnPassword(fresh, { currentPassword: "violet otter harbour", newPassword: "harbour lights at dusk" }, client);
  expect((await userFor(await signInCookie("new@test.local", "harbour lights at dusk")))!.mustChangePassword).toBe(false);

  await resetUserPassword(admin, fresh.id, "seven copper otters");
  expect((await userFor(await signInCookie("new@test.local", "seven copper otters")))!.mustChangePassword).toBe(true);
  // The demo users and users made outside the admin screens are not affected.
  expect((await db.user.findUniqueOrThrow({ where: { email: "rep@test.local" } })).mustChangePassword).toBe(false);
}, 90_000);
