import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Every action the log records (the audit page's filter lists them). */
export const AUDIT_ACTIONS = [
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "SIGN_OUT",
  "USER_CREATED",
  "USER_UPDATED",
  "USER_DEACTIVATED",
  "USER_REACTIVATED",
  "PASSWORD_RESET",
  "ACCOUNTS_REASSIGNED",
  "RULE_PUBLISHED",
  "RULE_RESTORED",
  "SCORING_UPDATED",
  "IMPORT_COMMITTED",
  "EXPORT",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actor: { id: string; email: string } | null;
  action: AuditAction;
  target?: string;
  details?: Prisma.InputJsonValue;
}

/** Append to the audit log (the table refuses updates and deletes). */
export async function recordAudit(entry: AuditEntry, client: Pick<typeof db, "auditLog"> = db): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details,
    },
  });
}
