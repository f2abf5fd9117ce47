import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export { AUDIT_ACTIONS, type AuditAction } from "@/lib/domain/audit-actions";
import type { AuditAction } from "@/lib/domain/audit-actions";

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
