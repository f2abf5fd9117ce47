import { z } from "@/lib/validation/zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

const currentPassword = z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH, "That is not your current password.");
/** The 6 digits an authenticator app shows (spaces between groups allowed). */
const totpCode = z
  .string()
  .transform((raw) => raw.replace(/\s/g, ""))
  .pipe(z.string().min(1, "Enter the 6-digit code from your app.").regex(/^\d{6}$/, "Enter the 6 digits your app shows."));
/** A code from the app or a recovery code (lib/auth/second-factor.ts tells them apart). */
const anyCode = z.string().trim().min(1, "Enter the code from your app or a recovery code.").max(64, "That code is not right.");

export const startEnrolmentSchema = z.object({ currentPassword });
export const confirmEnrolmentSchema = z.object({ code: totpCode });
export const disableTwoFactorSchema = z.object({ currentPassword, code: anyCode });
export const regenerateRecoveryCodesSchema = z.object({ code: anyCode });
