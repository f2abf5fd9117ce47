import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "@/lib/validation/zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { logUnexpected } from "@/lib/log";
import { authConfig } from "./auth.config";
import { clientInfo } from "./client";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
import { hasSecondFactor, spendSecondFactorCode, type CodeKind } from "./second-factor";
import { endSession, sessionLifetimes, sessionUserFor, startSession } from "./sessions";
import { attemptAwaitsCode, attemptFailed, attemptSucceeded, auditWorthy, beginAttempt, normaliseEmail, type Refusal } from "./throttle";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
/** The password was right; the user has a second factor and no code came with it. */
class CodeRequired extends CredentialsSignin {
  code = "code_required";
}
/** The password was right, the code was not (counted as a failed attempt). */
class WrongCode extends CredentialsSignin {
  code = "wrong_code";
}
class Refused extends CredentialsSignin {
  constructor(public code: Refusal) {
    super();
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
  // A code from the authenticator app or a recovery code, sent with the password again in the form's second step.
  code: z.string().trim().max(64).optional(),
});

/**
 * Check e-mail and password (and, for a user with a second factor, the code sent with them),
 * throttled before the check (lib/auth/throttle.ts), and start a server-side session on success.
 * A wrong code counts as a failed attempt, exactly like a wrong password. `request` is the
 * sign-in request: the audit entries carry its client address and user agent.
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
  let secondFactor: CodeKind | undefined;
  if (hasSecondFactor(user)) {
    const code = parsed.data.code;
    if (!code) {
      if (await attemptAwaitsCode(start.attempt)) throw new CodeRequired();
      await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN_FAILED", target: email, details: { reason: "locked during the check", ...from } });
      throw new Refused("locked");
    }
    const kind = await spendSecondFactorCode(user, code);
    if (!kind) {
      const locked = await attemptFailed(start.attempt);
      await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN_FAILED", target: email, details: { reason: "wrong code", ...from } });
      throw locked ? new Refused("locked") : new WrongCode();
    }
    secondFactor = kind;
  }
  if (!(await attemptSucceeded(start.attempt))) {
    await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN_FAILED", target: email, details: { reason: "locked during the check", ...from } });
    throw new Refused("locked");
  }
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data.password) } });
  }
  const sessionId = await startSession(user.id, client);
  await recordAudit({ actor: { id: user.id, email }, action: "SIGN_IN", target: email, details: secondFactor ? { ...from, secondFactor } : from });
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
  callbacks: {
    ...authConfig.callbacks,
    // Every read of the session (auth() and GET /api/auth/session alike) checks its server-side
    // row: a signed-out, expired, idle or superseded session is no session at all (null), and
    // Auth.js then clears the cookie. At sign-in (`user` set) the row was just created. When the
    // database cannot answer, the token stands here (Auth.js would otherwise delete the cookie of
    // every user during an outage): getSessionUser asks the same question and fails closed.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user) return token;
      try {
        const live = await sessionUserFor({ userId: token.uid, sessionId: token.sid, sessionVersion: token.sv });
        return live ? token : null;
      } catch (error) {
        logUnexpected("auth session check", error);
        return token;
      }
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
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
