import { db } from "@/lib/db/client";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { open } from "./server-keys";
import { looksLikeTotpCode, verifyTotp } from "./totp";

/** The second-factor columns of a user (read with the password hash at sign-in). */
export interface SecondFactorState {
  id: string;
  totpSecretEnc: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
}

export function hasSecondFactor(user: Pick<SecondFactorState, "totpEnabledAt" | "totpSecretEnc">): boolean {
  return user.totpEnabledAt !== null && user.totpSecretEnc !== null;
}

/** The decrypted TOTP secret of a user (enabled or pending enrolment). */
export function totpSecretOf(user: Pick<SecondFactorState, "id" | "totpSecretEnc">): string {
  if (!user.totpSecretEnc) throw new Error("the user has no TOTP secret");
  return open(user.totpSecretEnc, user.id);
}

export type CodeKind = "totp" | "recovery";

/**
 * Check a code from the authenticator app or a recovery code, and use it up: the TOTP step is
 * recorded (a conditional update, so two requests with the same code cannot both pass) and a
 * recovery code is marked used. Returns which kind matched, or null.
 */
export async function spendSecondFactorCode(user: SecondFactorState, code: string, now = Date.now()): Promise<CodeKind | null> {
  if (!hasSecondFactor(user)) return null;
  if (looksLikeTotpCode(code)) {
    const step = verifyTotp(totpSecretOf(user), code, { now, lastStep: user.totpLastStep });
    if (step === null) return null;
    const claimed = await db.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? "totp" : null;
  }
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length < 8 || normalised.length > 32) return null;
  const used = await db.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(normalised), usedAt: null },
    data: { usedAt: new Date(now) },
  });
  return used.count === 1 ? "recovery" : null;
}

/** Replace a user's recovery codes with 10 new ones; returns them (shown once, never stored). */
export async function replaceRecoveryCodes(userId: string, client: Pick<typeof db, "recoveryCode"> = db): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await client.recoveryCode.deleteMany({ where: { userId } });
  await client.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

export async function unusedRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
