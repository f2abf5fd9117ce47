import "server-only";
import { recordAudit, type AuditAction } from "@/lib/audit";
import type { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiCaller } from "./caller";

/**
 * An audit entry written by an API request: the actor is the key, shown in the audit log as
 * "API key <name> (<prefix>)". Pass the write's transaction as `client` so the entry exists iff
 * the write committed.
 */
export async function recordApiAudit(
  caller: ApiCaller,
  action: AuditAction,
  target?: string,
  details?: Prisma.InputJsonValue,
  client?: Pick<typeof db, "auditLog">,
): Promise<void> {
  await recordAudit({ actor: { apiKey: { id: caller.keyId, name: caller.name, prefix: caller.prefix } }, action, target, details }, client);
}
