"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { recordAudit } from "@/lib/audit";
import { signIn, signOut } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/session";
import { logUnexpected } from "@/lib/log";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { signInSchema, type SignInState } from "@/lib/validation/sign-in";

/** Only same-site paths may be redirected to after sign-in; by default home ("/" sends each role to its start page). */
function safeCallback(url: string | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}

/** What a throttled attempt is told (lib/auth/throttle.ts); the password was not checked. */
const REFUSALS: Record<string, string> = {
  locked: "Too many failed sign-ins for this e-mail address. Sign-in is locked for 15 minutes.",
  slow: "Too many sign-in attempts for this e-mail address or from your network. Wait a minute and try again.",
  busy: "Sign-in is busy right now. Try again in a minute.",
};

const WRONG_CODE = "That code is not right. Enter the current code from your app, or an unused recovery code.";

/**
 * E-mail and password; for a user with two-factor sign-in the server answers "code required" and
 * the same form then sends the password again with the code (the browser keeps it; nothing is
 * re-typed), so every code is one throttled sign-in attempt like a password guess.
 */
export async function signInWithPassword(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  const codeStep = typeof formData.get("code") === "string" ? ("code" as const) : undefined;
  if (!parsed.success) {
    const { email: emailError, password: passwordError, code: codeError } = fieldErrorsOf(parsed.error);
    return { fieldErrors: { email: emailError, password: passwordError, code: codeError }, email, step: codeStep };
  }
  const code = parsed.data.code;
  if (codeStep && !code) return { email, step: codeStep, fieldErrors: { code: "Enter the code from your app or a recovery code." } };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      ...(code ? { code } : {}),
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "code_required") return { email, step: "code" };
      if (error.code === "wrong_code") return { email, step: "code", fieldErrors: { code: WRONG_CODE } };
      const message = REFUSALS[error.code];
      if (message) return { email, error: message, step: codeStep };
      return { email, error: "That e-mail and password do not match an active account." };
    }
    if (error instanceof AuthError) {
      logUnexpected("sign-in", error);
      return { email, error: "Sign-in is not available right now. Try again in a moment." };
    }
    throw error; // the redirect after a successful sign-in
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await recordAudit({ actor: { id: user.id, email: user.email }, action: "SIGN_OUT", target: user.email });
  await signOut({ redirectTo: "/sign-in" });
}
