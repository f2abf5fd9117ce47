import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { authorize } from "./access";
import { sessionClaims } from "./session-token";
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
  return sessionUserFor(await sessionClaims());
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
 * For server actions and route handlers: the signed-in user of one of `roles` (none: any), or an
 * AppError. While a user must change the password an admin set, or an admin must set up
 * two-factor sign-in, everything is refused except the self-service entry points (their own
 * password and second factor: they could never get out otherwise), exactly as every page but
 * those redirects: an export or an action must not be the way around the page guard.
 */
export async function requireActionUser(roles: readonly Role[] = [], options: { selfService?: boolean } = {}): Promise<SessionUser> {
  const user = authorize(await getSessionUser(), [...roles]);
  if (!options.selfService) {
    if (user.mustChangePassword) throw new AppError("FORBIDDEN", "Choose your own password first (Change password in the header).");
    if (user.mustEnrolTwoFactor) throw new AppError("FORBIDDEN", "Set up two-factor sign-in first (Two-factor sign-in in the header).");
  }
  return user;
}
