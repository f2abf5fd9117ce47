import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { authorize } from "./access";
import { auth } from "./auth";
import { sessionUserFor, type SessionUser } from "./sessions";

export type { SessionUser } from "./sessions";

/** Where a user whose password an admin chose is sent until they pick their own. */
export const CHANGE_PASSWORD_PATH = "/account/password";
/** Where an ADMIN is sent until they set up a second factor, while admins are required to have one. */
export const TWO_FACTOR_PATH = "/account/two-factor";

/**
 * The signed-in user, re-read from the database on every request: a signed-out, expired or idle
 * session, a deactivated user, or a token issued before a password reset counts as signed out.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const claims = session?.user;
  if (!claims?.id) return null;
  return sessionUserFor({ userId: claims.id, sessionId: claims.sessionId, sessionVersion: claims.sessionVersion });
});

/**
 * For pages: the signed-in user, or a redirect to the sign-in page. A user who must change the
 * password an admin set is sent to the change page first, then an admin who must set up two-factor
 * sign-in to its page (every page of the app goes through here; those pages use getSessionUser).
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  if (user.mustEnrolTwoFactor) redirect(TWO_FACTOR_PATH);
  return user;
}

/**
 * For server actions and route handlers: the signed-in user, or an AppError. An admin who must
 * set up two-factor sign-in first is refused everything restricted to roles; what any signed-in
 * user may do (their own password and second factor) stays open, or they could never enrol.
 */
export async function requireActionUser(...roles: Role[]): Promise<SessionUser> {
  const user = authorize(await getSessionUser(), roles);
  if (user.mustEnrolTwoFactor && roles.length > 0) throw new AppError("FORBIDDEN", "Set up two-factor sign-in first (Two-factor sign-in in the header).");
  return user;
}
