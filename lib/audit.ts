import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export { AUDIT_ACTIONS, type AuditAction } from "@/lib/domain/audit-actions";
import type { AuditAction } from "@/lib/domain/audit-actions";

/** A signed-in user, or an API key (shown as "API key <name> (<prefix>)"; lib/api/audit.ts). */
export type AuditActor = { id: string; email: string } | { apiKey: { id: string; name: string; prefix: string } };

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  target?: string;
  details?: Prisma.InputJsonValue;
}

/** Append to the audit log (the table refuses updates and deletes). */
export async function recordAudit(entry: AuditEntry, client: Pick<typeof db, "auditLog"> = db): Promise<void> {
  await client.auditLog.create({
    data: {
      // The actor column holds a user's id; a key is named in the actor text the log shows and filters on.
      actorId: entry.actor && "id" in entry.actor ? entry.actor.id : null,
      actorEmail: entry.actor ? actorLabel(entry.actor) : null,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details,
    },
  });
}

export function actorLabel(actor: AuditActor): string {
  return "apiKey" in actor ? `API key ${actor.apiKey.name} (${actor.apiKey.prefix})` : actor.email;
}
