import { z } from "@/lib/validation/zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

/** The "Change password" form; the policy itself (which needs the e-mail) runs in lib/auth/change-password.ts. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH, "That is not your current password."),
    newPassword: z.string().min(1, "Enter a new password.").max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
