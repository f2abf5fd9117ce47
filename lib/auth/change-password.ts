import "server-only";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";
import type { ClientInfo } from "./client";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { endUserSessions, type SessionUser } from "./sessions";
import { attemptFailed, attemptSucceeded, beginAttempt } from "./throttle";

/**
 * A signed-in user replaces their own password. The current one is required (a borrowed session
 * cannot take over the account) and is throttled like a sign-in; the user's other sessions end,
 * this one continues, and a password an admin had set no longer needs changing.
 */
export async function changeOwnPassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<void> {
  const start = await beginAttempt(user.email, client.address);
  if (start.refused) throw new AppError("RATE_LIMITED", "Too many wrong passwords. Wait a few minutes and try again.");
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    await attemptFailed(start.attempt);
    throw fieldError("currentPassword", "That is not your current password.");
  }
  if (!(await attemptSucceeded(start.attempt))) throw new AppError("RATE_LIMITED", "Too many wrong passwords. Wait a few minutes and try again.");
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw fieldError("newPassword", problem);
  if (input.newPassword === input.currentPassword) throw fieldError("newPassword", "Choose a password different from your current one.");

  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await endUserSessions(user.id, { except: user.sessionId, client: tx });
    await recordAudit(
      { actor: { id: user.id, email: user.email }, action: "PASSWORD_CHANGED", target: user.email, details: { clientAddress: client.address, userAgent: client.userAgent } },
      tx,
    );
  });
}
