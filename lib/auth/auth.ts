import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { authConfig } from "./auth.config";
import { DUMMY_HASH, verifyPassword } from "./password";
import { clearFailures, normaliseEmail, recordFailure, throttleState } from "./throttle";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class LockedOut extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Check e-mail and password, with per-address slow-down and lock-out kept in the database. */
export async function authorizeCredentials(input: unknown) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidCredentials();
  const email = normaliseEmail(parsed.data.email);

  const state = await throttleState(email);
  if (state.locked) {
    await recordAudit({ actor: null, action: "SIGN_IN_FAILED", target: email, details: { reason: "locked" } });
    throw new LockedOut();
  }
  if (state.delayMs > 0) await sleep(state.delayMs);

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  // Compare against a dummy hash for unknown addresses so response time does not reveal them.
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || !user.active) {
    const lockedUntil = await recordFailure(email);
    const reason = !user ? "unknown user" : !valid ? "wrong password" : "deactivated";
    await recordAudit({ actor: user ? { id: user.id, email } : null, action: "SIGN_IN_FAILED", target: email, details: { reason } });
    if (lockedUntil) throw new LockedOut();
    throw new InvalidCredentials();
  }
  await clearFailures(email);
  await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN", target: email });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
});
