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
