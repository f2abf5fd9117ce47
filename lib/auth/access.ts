import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/** The minimal shape every data-layer function needs to decide what a user may see or do. */
export interface Actor {
  id: string;
  role: Role;
  email?: string;
}

/** Accounts visible to a user: reps see the accounts they own; managers and admins see all. */
export function canSeeAllAccounts(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "MANAGER";
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
}

/** The check behind every server action: signed in, and one of the roles (any role when none are named). */
export function authorize<U extends Actor>(user: U | null, roles: readonly Role[]): U {
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (roles.length > 0 && !roles.includes(user.role)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
  return user;
}
