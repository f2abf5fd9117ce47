import "server-only";
import { createKey, keyStatus, listKeys, revokeKey, type KeyStatus } from "@/lib/api/keys";
import type { ApiScope } from "@/lib/api/scopes";
import { recordAudit } from "@/lib/audit";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CreateApiKeyInput } from "@/lib/validation/api-key";

/** A key as the admin page lists it: never its secret or hash. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  status: KeyStatus;
  expiresAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** Returned once, right after creation: the only time anyone sees the full key. */
export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

const auditActor = (actor: Actor) => ({ id: actor.id, email: actor.email ?? actor.id });

export async function listApiKeys(actor: Actor): Promise<ApiKeySummary[]> {
  assertRole(actor, "ADMIN");
  const rows = await listKeys();
  const userIds = [...new Set(rows.flatMap((row) => [row.createdById, row.revokedById]).filter((id): id is string => id !== null))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = (id: string | null) => (id ? (users.find((user) => user.id === id)?.name ?? "A removed user") : null);
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    status: keyStatus(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdBy: nameOf(row.createdById),
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    revokedBy: nameOf(row.revokedById),
  }));
}

export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<NewApiKey> {
  assertRole(actor, "ADMIN");
  return db.$transaction(async (tx) => {
    const { key, row } = await createKey({ name: input.name, scopes: input.scopes, expiresAt: input.expiresOn, createdById: actor.id }, tx);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "API_KEY_CREATED",
        target: `${row.name} (${row.prefix})`,
        details: { keyId: row.id, scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return { id: row.id, name: row.name, prefix: row.prefix, key };
  });
}

/** Revoked at once: the key's next request gets 401. Revoking a revoked key is refused (409), not repeated. */
export async function revokeApiKey(actor: Actor, id: string): Promise<{ name: string; prefix: string }> {
  assertRole(actor, "ADMIN");
  return db.$transaction(async (tx) => {
    const row = await revokeKey(id, actor.id, tx);
    if (row === null) throw new AppError("NOT_FOUND", "That API key no longer exists.");
    if (row === false) throw new AppError("CONFLICT", "That API key was already revoked.");
    await recordAudit({ actor: auditActor(actor), action: "API_KEY_REVOKED", target: `${row.name} (${row.prefix})`, details: { keyId: row.id } }, tx);
    return { name: row.name, prefix: row.prefix };
  });
}
