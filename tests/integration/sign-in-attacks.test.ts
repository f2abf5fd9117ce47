/**
 * Sign-in under attack, against the real database: attempts are counted before the password is
 * checked (parallel bursts get no extra guesses), throttles per e-mail + address, per address,
 * per e-mail from anywhere (a delay, not a lock) and for the whole app; audit entries carry the
 * client and are summarised for unknown e-mails; throttle rows expire.
 */
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

// Count the password checks: the point of the throttle is how many of them an attacker gets.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: (plain: string, hash: string) => {
      checks.count++;
      return original.verifyPassword(plain, hash);
    },
  };
});

const { authorizeCredentials } = await import("@/lib/auth/auth");
const { LIMITS, closeLimiterPool, deleteExpiredLimits } = await import("@/lib/auth/limiters");

const PASSWORD = "correct horse battery staple";
const from = (address: string) =>
  new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": address, "user-agent": "AttackBot/1.0" } });

const codeOf = async (email: string, password: string, address = "203.0.113.1") => {
  try {
    await authorizeCredentials({ email, password }, from(address));
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

beforeAll(async () => {
  await resetDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  for (const name of ["burst", "inside", "spread", "victim", "audited"]) await createUser("REP", `${name}@test.local`, name, { passwordHash });
});
beforeEach(() => {
  checks.count = 0;
});
afterAll(async () => {
  await closeLimiterPool();
  await db.$disconnect();
});

test("20 parallel wrong passwords for one e-mail: at most 5 password checks, then refusal; the right password is refused during the lock", async () => {
  const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => codeOf("burst@test.local", `wrong-${i}`)));
  expect(checks.count).toBeLessThanOrEqual(LIMITS.pair.points);
  expect(codes.filter((c) => c === "invalid").length).toBeLessThanOrEqual(LIMITS.pair.points);
  expect(codes.filter((c) => c === "locked").length).toBeGreaterThanOrEqual(20 - LIMITS.pair.points);
  checks.count = 0;
  expect(await codeOf("burst@test.local", PASSWORD)).toBe("locked");
  expect(checks.count).toBe(0);
}, 60_000);

test("the right password inside a burst of wrong ones does not get past the lock", async () => {
  const attempts = Array.from({ length: 12 }, (_, i) => codeOf("inside@test.local", i === 2 ? PASSWORD : `wrong-${i}`));
  const codes = await Promise.all(attempts);
  expect(codes).not.toContain("ok");
  expect(await codeOf("inside@test.local", PASSWORD)).toBe("locked");
}, 60_000);

test("a lock holds for the attacking address only: the user signs in from their own", async () => {
  expect(await codeOf("burst@test.local", PASSWORD, "198.51.100.20")).toBe("ok");
});

test("failures for one e-mail from many addresses slow it down progressively rather than lock it", async () => {
  const codes: string[] = [];
  for (let i = 0; i < LIMITS.email.free + 2; i++) codes.push(await codeOf("spread@test.local", `wrong-${i}`, `192.0.2.${i + 1}`));
  // Up to the free failures, then one attempt per (doubling) delay window.
  expect(codes.slice(0, LIMITS.email.free + 1)).toEqual(Array(LIMITS.email.free + 1).fill("invalid"));
  expect(codes.at(-1)).toBe("slow");
  // The real user is delayed, not locked out: a moment later the right password works.
  expect(await codeOf("spread@test.local", PASSWORD, "198.51.100.30")).toBe("slow");
  await new Promise((resolve) => setTimeout(resolve, LIMITS.email.firstDelaySeconds * 1000 + 200));
  expect(await codeOf("spread@test.local", PASSWORD, "198.51.100.30")).toBe("ok");
}, 60_000);

test("an address over its failures for all e-mails, and the app over its global ceiling, are refused without a password check", async () => {
  const inAnHour = BigInt(Date.now() + 3_600_000);
  await db.signInLimit.create({ data: { key: "address:198.51.100.66", points: LIMITS.address.points, expire: inAnHour } });
  expect(await codeOf("victim@test.local", "password-spray-1", "198.51.100.66")).toBe("slow");
  expect(checks.count).toBe(0);
  await db.signInLimit.upsert({
    where: { key: "global:all" },
    create: { key: "global:all", points: LIMITS.global.points, expire: BigInt(Date.now() + 60_000) },
    update: { points: LIMITS.global.points, expire: BigInt(Date.now() + 60_000) },
  });
  expect(await codeOf("victim@test.local", PASSWORD, "198.51.100.67")).toBe("busy");
  expect(checks.count).toBe(0);
  await db.signInLimit.delete({ where: { key: "global:all" } });
  expect(await codeOf("victim@test.local", PASSWORD, "198.51.100.67")).toBe("ok");
});

test("audit entries carry the client address and user agent; failures for unknown e-mails are summarised", async () => {
  expect(await codeOf("audited@test.local", "not-it", "198.51.100.80")).toBe("invalid");
  const failed = await db.auditLog.findFirstOrThrow({ where: { action: "SIGN_IN_FAILED", target: "audited@test.local" } });
  expect(failed.details).toMatchObject({ reason: "wrong password", clientAddress: "198.51.100.80", userAgent: "AttackBot/1.0" });
  expect(await codeOf("audited@test.local", PASSWORD, "198.51.100.80")).toBe("ok");
  const signIn = await db.auditLog.findFirstOrThrow({ where: { action: "SIGN_IN", target: "audited@test.local" } });
  expect(signIn.details).toMatchObject({ clientAddress: "198.51.100.80", userAgent: "AttackBot/1.0" });

  const before = await db.auditLog.count();
  for (let i = 0; i < 12; i++) expect(await codeOf(`nobody-${i}@test.local`, PASSWORD, "198.51.100.90")).toBe("invalid");
  const unknown = await db.auditLog.findMany({ where: { id: { gt: 0 }, details: { path: ["clientAddress"], equals: "198.51.100.90" } }, orderBy: { id: "asc" } });
  // The 1st and the 10th, each saying how many it stands for.
  expect(unknown.map((e) => (e.details as { unknownThisHour: number }).unknownThisHour)).toEqual([1, 10]);
  expect((await db.auditLog.count()) - before).toBe(2);
}, 60_000);

test("throttle rows expire and are deleted", async () => {
  await db.signInLimit.create({ data: { key: "pair:old@test.local|192.0.2.200", points: 3, expire: BigInt(Date.now() - 1_000) } });
  expect(await deleteExpiredLimits()).toBeGreaterThanOrEqual(1);
  expect(await db.signInLimit.count({ where: { key: "pair:old@test.local|192.0.2.200" } })).toBe(0);
  expect(await db.signInLimit.count({ where: { expire: { lt: BigInt(Date.now()) } } })).toBe(0);
});
