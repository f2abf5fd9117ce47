/**
 * Two-factor sign-in against the real database: enrolment, the code step of sign-in (throttled and
 * counted like passwords), recovery codes used once, replay refused, disabling, the admins' policy
 * (an admin without it must enrol before any page) and an admin's reset.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";

process.env.AUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
const { authorizeCredentials } = await import("@/lib/auth/auth");
const { closeLimiterPool } = await import("@/lib/auth/limiters");
const { hashPassword } = await import("@/lib/auth/password");
const { sessionUserFor, startSession } = await import("@/lib/auth/sessions");
const { LOCK_AFTER } = await import("@/lib/auth/throttle");
const { totpCodeAt } = await import("@/lib/auth/totp");
const twoFactor = await import("@/lib/data/two-factor");
const { db } = await import("@/lib/db/client");
const { createUser } = await import("../support/fixtures");
const { resetDatabase } = await import("../support/reset-db");

const PASSWORD = "seven lazy copper kites";
const client = { address: "203.0.113.7", userAgent: "vitest" };
let passwordHash: string;

beforeAll(async () => {
  await resetDatabase();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await closeLimiterPool();
  await db.$disconnect();
});

const newUser = (email: string, role: "ADMIN" | "MANAGER" | "REP" = "REP") => createUser(role, email, undefined, { passwordHash });

type User = Awaited<ReturnType<typeof newUser>>;

/**
 * Enrol with the password and a code; confirmed with the code of two steps ago, so the codes of
 * "now" and "now + 30 s" are still unused for the test's sign-ins (steps never go backwards).
 */
async function enrol(user: User) {
  const { secret: grouped, qrCode } = await twoFactor.startEnrolment(user, PASSWORD, client);
  const secret = grouped.replace(/ /g, "");
  const confirmedAt = Date.now() - 60_000;
  const recoveryCodes = await twoFactor.confirmEnrolment(user, totpCodeAt(secret, confirmedAt), confirmedAt);
  return { secret, qrCode, recoveryCodes };
}

const signInCode = async (input: Record<string, string>) => {
  try {
    await authorizeCredentials(input);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};
const appErrorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return null;
  } catch (error) {
    const e = error as { code?: string; fieldErrors?: Record<string, string> };
    return { code: e.code, fields: Object.keys(e.fieldErrors ?? {}) };
  }
};

describe("enrolment", () => {
  test("needs the current password, shows a QR code, switches on only with a right code, stores no secret in plain text", async () => {
    const user = await newUser("enrol@test.local");
    expect(await appErrorOf(twoFactor.startEnrolment(user, "not my password", client))).toEqual({ code: "INVALID", fields: ["currentPassword"] });

    const { secret: grouped, qrCode } = await twoFactor.startEnrolment(user, PASSWORD, client);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");
    const secret = grouped.replace(/ /g, "");
    expect((await twoFactor.twoFactorStatus(user)).enabled).toBe(false); // pending until confirmed

    expect(await appErrorOf(twoFactor.confirmEnrolment(user, "000000"))).toEqual({ code: "INVALID", fields: ["code"] });
    const codes = await twoFactor.confirmEnrolment(user, totpCodeAt(secret, Date.now()));
    expect(codes).toHaveLength(10);

    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecretEnc).not.toContain(secret);
    const hashes = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes).toHaveLength(10);
    for (const code of codes) expect(hashes.some((h) => h.codeHash.includes(code.replace("-", "")))).toBe(false);
    expect(await twoFactor.twoFactorStatus(user)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "TWO_FACTOR_ENABLED", target: user.email } });
    expect(JSON.stringify(audit.details ?? {})).not.toContain(secret);
    expect(await appErrorOf(twoFactor.startEnrolment(user, PASSWORD, client))).toEqual({ code: "CONFLICT", fields: [] });
  });
});

describe("sign-in with a second factor", () => {
  test("the password alone asks for the code; a right code signs in once, its replay is refused", async () => {
    const user = await newUser("code@test.local");
    const { secret } = await enrol(user);
    expect(await signInCode({ email: user.email, password: PASSWORD })).toBe("code_required");
    expect(await signInCode({ email: user.email, password: "wrong password", code: totpCodeAt(secret, Date.now()) })).toBe("invalid");
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);

    const code = totpCodeAt(secret, Date.now());
    expect(await signInCode({ email: user.email, password: PASSWORD, code })).toBe("ok");
    expect(await signInCode({ email: user.email, password: PASSWORD, code })).toBe("wrong_code");
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(1);
    const signIn = await db.auditLog.findFirstOrThrow({ where: { action: "SIGN_IN", target: user.email } });
    expect(signIn.details).toMatchObject({ secondFactor: "totp" });
  });

  test(`wrong codes count like wrong passwords: locked after ${LOCK_AFTER}, even for the right code; asking for the code costs nothing`, async () => {
    const user = await newUser("guess@test.local");
    const { secret } = await enrol(user);
    // Asking for the code (right password, no code) neither fails nor resets the count.
    for (let i = 0; i < LOCK_AFTER + 2; i++) expect(await signInCode({ email: user.email, password: PASSWORD })).toBe("code_required");
    const results: string[] = [];
    for (let i = 0; i < LOCK_AFTER; i++) {
      results.push(await signInCode({ email: user.email, password: PASSWORD, code: String(100000 + i) }));
      // The password step in between does not give the guesser fresh attempts.
      await signInCode({ email: user.email, password: PASSWORD });
    }
    expect(results.slice(0, LOCK_AFTER - 1)).toEqual(Array(LOCK_AFTER - 1).fill("wrong_code"));
    expect(results[LOCK_AFTER - 1]).toBe("locked");
    expect(await signInCode({ email: user.email, password: PASSWORD, code: totpCodeAt(secret, Date.now()) })).toBe("locked");
    expect(await signInCode({ email: user.email, password: PASSWORD })).toBe("locked");
    expect(await db.auditLog.count({ where: { action: "SIGN_IN_FAILED", target: user.email, details: { path: ["reason"], equals: "wrong code" } } })).toBe(LOCK_AFTER);
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);
  }, 60_000);

  test("a recovery code works once; new codes replace the old ones", async () => {
    const user = await newUser("recover@test.local");
    const { secret, recoveryCodes } = await enrol(user);
    const [first, second] = recoveryCodes as [string, string];
    expect(await signInCode({ email: user.email, password: PASSWORD, code: first.toUpperCase() })).toBe("ok");
    expect(await signInCode({ email: user.email, password: PASSWORD, code: first })).toBe("wrong_code");
    expect(await twoFactor.twoFactorStatus(user)).toMatchObject({ recoveryCodesLeft: 9 });
    const signIn = await db.auditLog.findFirstOrThrow({ where: { action: "SIGN_IN", target: user.email } });
    expect(signIn.details).toMatchObject({ secondFactor: "recovery" });
    expect(JSON.stringify(signIn.details)).not.toContain(first);

    expect(await appErrorOf(twoFactor.regenerateRecoveryCodes(user, "000000", client))).toEqual({ code: "INVALID", fields: ["code"] });
    const fresh = await twoFactor.regenerateRecoveryCodes(user, totpCodeAt(secret, Date.now()), client);
    expect(fresh).toHaveLength(10);
    expect(await signInCode({ email: user.email, password: PASSWORD, code: second })).toBe("wrong_code");
    expect(await signInCode({ email: user.email, password: PASSWORD, code: fresh[0]! })).toBe("ok");
    expect(await db.auditLog.count({ where: { action: "RECOVERY_CODES_REGENERATED", target: user.email } })).toBe(1);
  });
});

describe("switching off and resetting", () => {
  test("disabling needs the password and a code; afterwards the password alone signs in", async () => {
    const user = await newUser("off@test.local");
    const { secret } = await enrol(user);
    const code = totpCodeAt(secret, Date.now());
    expect(await appErrorOf(twoFactor.disableTwoFactor(user, { currentPassword: "nope", code }, client))).toEqual({ code: "INVALID", fields: ["currentPassword"] });
    expect(await appErrorOf(twoFactor.disableTwoFactor(user, { currentPassword: PASSWORD, code: "123456" }, client))).toEqual({ code: "INVALID", fields: ["code"] });
    await twoFactor.disableTwoFactor(user, { currentPassword: PASSWORD, code }, client);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "TWO_FACTOR_DISABLED", target: user.email } })).toBe(1);
    expect(await signInCode({ email: user.email, password: PASSWORD })).toBe("ok");
  });

  test("an admin resets another user's second factor (audited); others may not, nor on themselves", async () => {
    const admin = await newUser("reset-admin@test.local", "ADMIN");
    const rep = await newUser("lost-phone@test.local");
    await enrol(rep);
    expect(await twoFactor.usersWithTwoFactor(admin)).toContain(rep.id);
    expect(await appErrorOf(twoFactor.resetUserTwoFactor(rep, rep.id))).toEqual({ code: "FORBIDDEN", fields: [] });
    expect(await appErrorOf(twoFactor.resetUserTwoFactor(admin, admin.id))).toEqual({ code: "INVALID", fields: [] });
    await twoFactor.resetUserTwoFactor(admin, rep.id);
    expect(await twoFactor.usersWithTwoFactor(admin)).not.toContain(rep.id);
    expect(await db.recoveryCode.count({ where: { userId: rep.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "TWO_FACTOR_RESET", target: rep.email } });
    expect(audit).toMatchObject({ actorId: admin.id, details: { userId: rep.id } });
    expect(await signInCode({ email: rep.email, password: PASSWORD })).toBe("ok");
  });
});

describe("requiring two-factor sign-in for admins", () => {
  test("an admin without it must enrol (every page sends them there); with it, or as another role, not", async () => {
    const admin = await newUser("policy-admin@test.local", "ADMIN");
    const enrolled = await newUser("policy-enrolled@test.local", "ADMIN");
    const manager = await newUser("policy-manager@test.local", "MANAGER");
    await enrol(enrolled);
    const sessionOf = async (user: User) => sessionUserFor({ userId: user.id, sessionId: await startSession(user.id, client), sessionVersion: 0 });

    expect((await sessionOf(admin))?.mustEnrolTwoFactor).toBe(false);
    expect(await appErrorOf(twoFactor.setTwoFactorRequiredForAdmins(manager, true))).toEqual({ code: "FORBIDDEN", fields: [] });
    await twoFactor.setTwoFactorRequiredForAdmins(admin, true);
    expect(await db.auditLog.count({ where: { action: "TWO_FACTOR_POLICY_CHANGED", details: { path: ["requireAdminTwoFactor"], equals: true } } })).toBe(1);

    expect((await sessionOf(admin))?.mustEnrolTwoFactor).toBe(true);
    expect((await sessionOf(enrolled))?.mustEnrolTwoFactor).toBe(false);
    expect((await sessionOf(manager))?.mustEnrolTwoFactor).toBe(false);
    expect(await twoFactor.twoFactorStatus(admin)).toMatchObject({ required: true, enabled: false });

    // An enrolled admin cannot switch it off while it is required.
    expect(await appErrorOf(twoFactor.disableTwoFactor(enrolled, { currentPassword: PASSWORD, code: "123456" }, client))).toEqual({ code: "FORBIDDEN", fields: [] });

    await enrol(admin);
    expect((await sessionOf(admin))?.mustEnrolTwoFactor).toBe(false);
    await twoFactor.setTwoFactorRequiredForAdmins(admin, false);
    expect(await twoFactor.twoFactorRequiredForAdmins()).toBe(false);
  });
});
