/** Sign-in checks against the real database: wrong passwords are counted, slowed, then locked out. */
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { LOCK_AFTER } from "@/lib/auth/throttle";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

const { authorizeCredentials } = await import("@/lib/auth/auth");

const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  await resetDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  await createUser("REP", "ok@test.local", "Ok", { passwordHash });
  await createUser("REP", "locked@test.local", "Locked", { passwordHash });
  await createUser("REP", "gone@test.local", "Gone", { passwordHash, active: false });
});
afterAll(() => db.$disconnect());

const codeOf = async (input: unknown) => {
  try {
    await authorizeCredentials(input);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

test("the right password signs in (case-insensitive e-mail) and is audited", async () => {
  const user = await authorizeCredentials({ email: " OK@test.local ", password: PASSWORD });
  expect(user).toMatchObject({ email: "ok@test.local", role: "REP" });
  expect(await db.auditLog.count({ where: { action: "SIGN_IN", target: "ok@test.local" } })).toBe(1);
});

test("wrong passwords and unknown or deactivated users get the same refusal", async () => {
  expect(await codeOf({ email: "ok@test.local", password: "nope" })).toBe("invalid");
  expect(await codeOf({ email: "nobody@test.local", password: PASSWORD })).toBe("invalid");
  expect(await codeOf({ email: "gone@test.local", password: PASSWORD })).toBe("invalid");
  expect(await codeOf({ email: "not an email", password: "x" })).toBe("invalid");
  expect(await db.auditLog.count({ where: { action: "SIGN_IN_FAILED" } })).toBeGreaterThanOrEqual(3);
});

test(`after ${LOCK_AFTER} failures the address is locked, even for the right password`, async () => {
  const codes: string[] = [];
  for (let i = 0; i < LOCK_AFTER; i++) codes.push(await codeOf({ email: "locked@test.local", password: `wrong-${i}` }));
  expect(codes.slice(0, LOCK_AFTER - 1)).toEqual(Array(LOCK_AFTER - 1).fill("invalid"));
  expect(codes[LOCK_AFTER - 1]).toBe("locked");
  expect(await codeOf({ email: "locked@test.local", password: PASSWORD })).toBe("locked");
  const row = await db.signInLimit.findUniqueOrThrow({ where: { key: "pair:locked@test.local|-" } });
  expect(Number(row.expire)).toBeGreaterThan(Date.now() + 10 * 60_000);
  // Other addresses are unaffected.
  expect(await codeOf({ email: "ok@test.local", password: PASSWORD })).toBe("ok");
}, 30_000);
