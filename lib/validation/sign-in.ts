import { z } from "@/lib/validation/zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").email("Enter a valid e-mail address."),
  password: z.string().min(1, "Enter your password."),
  // The second step for users with two-factor sign-in: the app's code or a recovery code.
  code: z.string().trim().max(64, "That code is not right.").optional(),
  callbackUrl: z.string().optional(),
});

export type SignInState = {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password" | "code", string>>;
  email?: string;
  /** "code": the password was right and the user has two-factor sign-in; the form asks for the code. */
  step?: "code";
};
