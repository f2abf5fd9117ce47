import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { logUnexpected } from "@/lib/log";
import { authConfig } from "./auth.config";
import { clientInfo } from "./client";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
import { endSession, sessionLifetimes, startSession } from "./sessions";
import { attemptFailed, attemptSucceeded, auditWorthy, beginAttempt, normaliseEmail, type Refusal } from "./throttle";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class Refused extends CredentialsSignin {
  constructor(public code: Refusal) {
    super();
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

/**
 * Check e-mail and password, throttled before the check (lib/auth/throttle.ts), and start a
 * server-side session on success. `request` is the sign-in request: the audit entries carry its
 * client address and user agent.
 */
export async function authorizeCredentials(input: unknown, request?: Request) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidCredentials();
  const email = normaliseEmail(parsed.data.email);
  const client = clientInfo(request?.headers);
  const from = { clientAddress: client.address, userAgent: client.userAgent };

  const start = await beginAttempt(email, client.address);
  if (start.refused) {
    // Summarised: the 1st, 10th, 100th… refusal for this e-mail this hour.
    const refusedThisHour = await auditWorthy("refused", email);
    if (refusedThisHour) {
      await recordAudit({ actor: null, action: "SIGN_IN_FAILED", target: email, details: { reason: start.refused, refusedThisHour, ...from } });
    }
    throw new Refused(start.refused);
  }

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  // Compare against a dummy hash for unknown addresses so response time does not reveal them.
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || !user.active) {
    const locked = await attemptFailed(start.attempt);
    if (!user) {
      // Unknown e-mails cannot grow the log without bound: summarised per client address.
      const unknownThisHour = await auditWorthy("unknown", client.address ?? "-");
      if (unknownThisHour) {
        await recordAudit({ actor: null, action: "SIGN_IN_FAILED", target: email, details: { reason: "unknown user", unknownThisHour, ...from } });
      }
    } else {
      const reason = !valid ? "wrong password" : "deactivated";
      await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN_FAILED", target: email, details: { reason, ...from } });
    }
    throw locked ? new Refused("locked") : new InvalidCredentials();
  }
  if (!(await attemptSucceeded(start.attempt))) {
    await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN_FAILED", target: email, details: { reason: "locked during the check", ...from } });
    throw new Refused("locked");
  }
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data.password) } });
  }
  const sessionId = await startSession(user.id, client);
  await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN", target: email, details: from });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion, sessionId };
}

/**
 * Auth.js logs every failed sign-in as an error with a stack trace. A wrong password or a
 * throttled attempt is an expected outcome (audited above), so it is not logged; anything else is
 * one line through lib/log.ts.
 */
export const authLogger = {
  error(error: Error) {
    if (error instanceof CredentialsSignin || (error instanceof AuthError && error.type === "CredentialsSignin")) return;
    logUnexpected("auth", error);
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  session: { ...authConfig.session, maxAge: Math.floor(sessionLifetimes().maxMs / 1000) },
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  events: {
    // Sign-out ends the session on the server: the cookie, even if copied, no longer works.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSession(sid);
    },
  },
});
