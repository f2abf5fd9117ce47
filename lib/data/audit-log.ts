import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  action?: string | null;
  /** Part of the actor's e-mail address, any case. */
  actorEmail?: string | null;
  /** First day included (UTC). */
  from?: Date | null;
  /** Last day included (UTC), the whole day. */
  to?: Date | null;
  page?: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: Prisma.JsonValue | null;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (filter.action) where.action = filter.action;
  const email = filter.actorEmail?.trim();
  // Prisma passes `contains` to ILIKE as is: escape the wildcards so "a_b" finds only "a_b".
  if (email) where.actorEmail = { contains: email.slice(0, 254).replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" };
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: filter.from } : {}),
      ...(filter.to ? { lt: new Date(filter.to.getTime() + DAY_MS) } : {}),
    };
  }
  return where;
}

/** The audit log, newest first, filtered and paginated. Read-only: nothing edits or deletes entries. */
export async function listAuditEntries(actor: Actor, filter: AuditFilter = {}): Promise<AuditPage> {
  assertRole(actor, "ADMIN");
  const where = auditWhere(filter);
  const requested = Number.isFinite(filter.page) && (filter.page ?? 1) >= 1 ? Math.floor(filter.page ?? 1) : 1;
  const total = await db.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  const entries = await db.auditLog.findMany({
    where,
    // id breaks ties between entries written in the same millisecond.
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  return {
    rows: entries.map((e) => ({ id: e.id.toString(), at: e.at, actorEmail: e.actorEmail, action: e.action, target: e.target, details: e.details })),
    total,
    page,
    pageCount,
    size: AUDIT_PAGE_SIZE,
  };
}
