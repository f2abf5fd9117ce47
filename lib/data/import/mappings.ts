import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SavedMapping } from "@/lib/import/job";
import { isImportKind, type ColumnMapping, type ImportKind } from "@/lib/import/kinds";

/** Mappings saved by name (ADMIN only), offered for the next file of the same kind. */

function toSavedMapping(row: { id: number; kind: string; name: string; mapping: unknown; createdAt: Date }): SavedMapping | null {
  if (!isImportKind(row.kind)) return null;
  const mapping = row.mapping as Partial<ColumnMapping> | null;
  if (!mapping || typeof mapping !== "object" || typeof mapping.fields !== "object") return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mapping: { fields: { ...mapping.fields }, dateFormat: mapping.dateFormat === "DMY" ? "DMY" : "MDY" },
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSavedMappings(actor: Actor): Promise<SavedMapping[]> {
  assertRole(actor, "ADMIN");
  const rows = await db.importMapping.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });
  return rows.flatMap((row) => toSavedMapping(row) ?? []);
}

/** Save (or overwrite, by kind and name) a mapping for next time. */
export async function saveMapping(actor: Actor, input: { kind: ImportKind; name: string; mapping: ColumnMapping }): Promise<SavedMapping> {
  assertRole(actor, "ADMIN");
  const mapping = { fields: input.mapping.fields, dateFormat: input.mapping.dateFormat } as unknown as Prisma.InputJsonValue;
  const row = await db.importMapping.upsert({
    where: { kind_name: { kind: input.kind, name: input.name } },
    create: { kind: input.kind, name: input.name, mapping, createdById: actor.id },
    update: { mapping, createdById: actor.id },
  });
  return toSavedMapping(row)!;
}

export async function deleteSavedMapping(actor: Actor, id: number): Promise<void> {
  assertRole(actor, "ADMIN");
  await db.importMapping.deleteMany({ where: { id } });
}
