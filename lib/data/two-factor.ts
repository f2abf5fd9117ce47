import "server-only";
import { recordAudit } from "@/lib/audit";
import { assertRole, type Actor } from "@/lib/auth/access";
import type { ClientInfo } from "@/lib/auth/client";
import { verifyPassword } from "@/lib/auth/password";
import { qrCodeDataUrl } from "@/lib/auth/qr-code";
import { hasSecondFactor, replaceRecoveryCodes, totpSecretOf, unusedRecoveryCodes, spendSecondFactorCode } from "@/lib/auth/second-factor";
import { seal } from "@/lib/auth/server-keys";
import type { SessionUser } from "@/lib/auth/sessions";
import { attemptFailed, attemptSucceeded, beginAttempt } from "@/lib/auth/throttle";
import { groupedSecret, newTotpSecret, otpauthUri, verifyTotp } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";

/**
 * The optional second factor (TOTP with recovery codes) of the signed-in user, and the admins'
 * policy and reset. Every change is audited without secrets or codes in the details. Proofs
 * (password, code) are throttled like sign-in attempts: a wrong code counts as a failure.
 */
export const WRONG_CODE = "That code is not right. Enter the current 6-digit code from your app, or an unused recovery code.";
const TOO_MANY = "Too many wrong passwords or codes. Wait a few minutes and try again.";

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Admins must have a second factor (the policy is on and this user is an ADMIN). */
  required: boolean;
}

export interface Enrolment {
  /** The otpauth:// URI as a QR code (SVG data URL). */
  qrCode: string;
  /** The base32 secret in groups of four, for typing it in by hand. */
  secret: string;
}

const auditActor = (actor: Actor) => ({ id: actor.id, email: actor.email ?? actor.id });

async function secondFactorRow(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, passwordHash: true, totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true },
  });
}

/** Whether admins must have a second factor (one settings row; absent means no). */
export async function twoFactorRequiredForAdmins(): Promise<boolean> {
  const row = await db.securitySettings.findUnique({ where: { id: 1 }, select: { requireAdminTwoFactor: true } });
  return row?.requireAdminTwoFactor ?? false;
}

export async function twoFactorStatus(user: SessionUser): Promise<TwoFactorStatus> {
  const [row, requiredForAdmins] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, totpSecretEnc: true } }),
    twoFactorRequiredForAdmins(),
  ]);
  const enabled = hasSecondFactor(row);
  return {
    enabled,
    enabledAt: enabled ? row.totpEnabledAt : null,
    recoveryCodesLeft: enabled ? await unusedRecoveryCodes(user.id) : 0,
    required: requiredForAdmins && user.role === "ADMIN",
  };
}

/**
 * Prove who is asking with the password and/or a code, counted like a sign-in attempt.
 * A used code is used up (its time step, or the recovery code).
 */
async function prove(user: SessionUser, client: ClientInfo, proof: { password?: string; code?: string }) {
  const start = await beginAttempt(user.email, client.address);
  if (start.refused) throw new AppError("RATE_LIMITED", TOO_MANY);
  const row = await secondFactorRow(user.id);
  if (proof.password !== undefined && !(await verifyPassword(proof.password, row.passwordHash))) {
    await attemptFailed(start.attempt);
    throw fieldError("currentPassword", "That is not your current password.");
  }
  if (proof.code !== undefined && !(await spendSecondFactorCode(row, proof.code))) {
    await attemptFailed(start.attempt);
    throw fieldError("code", WRONG_CODE);
  }
  if (!(await attemptSucceeded(start.attempt))) throw new AppError("RATE_LIMITED", TOO_MANY);
  return row;
}

/** Step 1 of enrolment: the current password, then a new secret (kept encrypted, not yet on) to show as a QR code. */
export async function startEnrolment(user: SessionUser, currentPassword: string, client: ClientInfo): Promise<Enrolment> {
  const row = await prove(user, client, { password: currentPassword });
  if (hasSecondFactor(row)) throw new AppError("CONFLICT", "Two-factor sign-in is already on.");
  const secret = newTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecretEnc: seal(secret, user.id), totpEnabledAt: null, totpLastStep: null } });
  return { qrCode: await qrCodeDataUrl(otpauthUri(secret, user.email)), secret: groupedSecret(secret) };
}

/** Step 2: a current code from the app switches it on; returns the 10 recovery codes (shown once). */
export async function confirmEnrolment(user: SessionUser, code: string, now = Date.now()): Promise<string[]> {
  const row = await secondFactorRow(user.id);
  if (hasSecondFactor(row)) throw new AppError("CONFLICT", "Two-factor sign-in is already on.");
  if (!row.totpSecretEnc) throw new AppError("CONFLICT", "Start again: enter your password to get a new QR code.");
  const step = verifyTotp(totpSecretOf(row), code, { now });
  if (step === null) throw fieldError("code", "That code is not right. Enter the 6-digit code your app shows now.");
  return db.$transaction(async (tx) => {
    // Conditional: two confirmations at once switch it on (and make codes) only once.
    const claimed = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecretEnc: row.totpSecretEnc },
      data: { totpEnabledAt: new Date(now), totpLastStep: step },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "Two-factor sign-in changed meanwhile. Reload the page.");
    const codes = await replaceRecoveryCodes(user.id, tx);
    await recordAudit({ actor: auditActor(user), action: "TWO_FACTOR_ENABLED", target: user.email }, tx);
    return codes;
  });
}

const cleared = { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } as const;

/** The current password and a code switch it off (refused for an admin while admins must have it). */
export async function disableTwoFactor(user: SessionUser, input: { currentPassword: string; code: string }, client: ClientInfo): Promise<void> {
  if (user.role === "ADMIN" && (await twoFactorRequiredForAdmins())) {
    throw new AppError("FORBIDDEN", "Admins must use two-factor sign-in: it cannot be switched off.");
  }
  const row = await secondFactorRow(user.id);
  if (!hasSecondFactor(row)) throw new AppError("CONFLICT", "Two-factor sign-in is already off.");
  await prove(user, client, { password: input.currentPassword, code: input.code });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: cleared });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit({ actor: auditActor(user), action: "TWO_FACTOR_DISABLED", target: user.email }, tx);
  });
}

/** A code replaces every recovery code with 10 new ones (the old ones stop working). */
export async function regenerateRecoveryCodes(user: SessionUser, code: string, client: ClientInfo): Promise<string[]> {
  const row = await secondFactorRow(user.id);
  if (!hasSecondFactor(row)) throw new AppError("CONFLICT", "Two-factor sign-in is off.");
  await prove(user, client, { code });
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(user.id, tx);
    await recordAudit({ actor: auditActor(user), action: "RECOVERY_CODES_REGENERATED", target: user.email }, tx);
    return codes;
  });
}

// ---- Admins ------------------------------------------------------------------

/** The ids of the users with two-factor sign-in on (the users page shows it and offers a reset). */
export async function usersWithTwoFactor(actor: Actor): Promise<string[]> {
  assertRole(actor, "ADMIN");
  const rows = await db.user.findMany({ where: { totpEnabledAt: { not: null } }, select: { id: true } });
  return rows.map((row) => row.id);
}

export async function setTwoFactorRequiredForAdmins(actor: Actor, required: boolean): Promise<void> {
  assertRole(actor, "ADMIN");
  if ((await twoFactorRequiredForAdmins()) === required) return;
  await db.$transaction(async (tx) => {
    await tx.securitySettings.upsert({ where: { id: 1 }, create: { id: 1, requireAdminTwoFactor: required }, update: { requireAdminTwoFactor: required } });
    await recordAudit({ actor: auditActor(actor), action: "TWO_FACTOR_POLICY_CHANGED", details: { requireAdminTwoFactor: required } }, tx);
  });
}

/** A user lost their phone and recovery codes: their second factor is removed (they sign in with the password, then set it up again). */
export async function resetUserTwoFactor(actor: Actor, userId: string): Promise<void> {
  assertRole(actor, "ADMIN");
  if (userId === actor.id) throw new AppError("INVALID", "Switch your own two-factor sign-in off from its page in the header.");
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, totpSecretEnc: true, totpEnabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
  if (!user.totpSecretEnc && !user.totpEnabledAt) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: cleared });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAudit({ actor: auditActor(actor), action: "TWO_FACTOR_RESET", target: user.email, details: { userId } }, tx);
  });
}
