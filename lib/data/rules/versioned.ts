import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Segments and plays are versioned the same way: one row holds the editable draft with a
 * revision (bumped by every save, so a stale editor is refused instead of overwriting), and
 * publishing adds a numbered version. These are the shared steps; the tier scheme has a single
 * draft row of its own.
 */
export type Versioned = { table: "segments"; noun: "segment" } | { table: "plays"; noun: "play" };
export const SEGMENTS: Versioned = { table: "segments", noun: "segment" };
export const PLAYS: Versioned = { table: "plays", noun: "play" };

type Tx = Pick<typeof db, "$queryRaw">;

/** Names are unique whatever their case. */
export async function nameTaken(kind: Versioned, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM ${Prisma.raw(kind.table)} WHERE lower(name) = lower(${name}) AND id <> ${exceptId ?? 0}::int LIMIT 1`;
  return rows.length > 0;
}

export function duplicateName(kind: Versioned, name: string): AppError {
  const message = `A ${kind.noun} named "${name}" already exists.`;
  return new AppError("DUPLICATE_NAME", message, { fieldErrors: { name: message } });
}

export const notFound = (kind: Versioned) => new AppError("NOT_FOUND", `That ${kind.noun} no longer exists.`);

/** Someone saved since the editor loaded: name them, keep the edits on screen. */
export async function draftConflict(kind: Versioned, id: number): Promise<AppError> {
  const [row] = await db.$queryRaw<{ name: string | null }[]>`
    SELECT u.name FROM ${Prisma.raw(kind.table)} x LEFT JOIN users u ON u.id = x.updated_by_id WHERE x.id = ${id}`;
  return new AppError(
    "CONFLICT",
    `${row?.name ?? "Another admin"} changed this ${kind.noun} while you were editing. Reload to see their version; your edits are still on screen.`,
  );
}

/**
 * The first step of a publish, inside its transaction: lock the live row (publishes of one
 * object are serialised), check the editor's revision, and number the new version.
 */
export async function lockForPublish(tx: Tx, kind: Versioned, id: number, baseRevision: number | null): Promise<{ name: string; version: number }> {
  const versions = kind.table === "segments" ? Prisma.sql`segment_versions WHERE segment_id = ${id}` : Prisma.sql`play_versions WHERE play_id = ${id}`;
  const [row] = await tx.$queryRaw<{ revision: number; name: string }[]>`
    SELECT revision, name FROM ${Prisma.raw(kind.table)} WHERE id = ${id} AND NOT archived FOR UPDATE`;
  if (!row) throw notFound(kind);
  if (baseRevision !== null && row.revision !== baseRevision) throw await draftConflict(kind, id);
  const [last] = await tx.$queryRaw<{ version: number | null }[]>`SELECT max(version) AS version FROM ${versions}`;
  return { name: row.name, version: (last?.version ?? 0) + 1 };
}

/** Names of the users who saved or published, by id (one query). */
export async function userNames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** What every version history shows of a version: its number, note, when, by whom, restored from. */
export interface VersionMeta {
  version: number;
  note: string;
  publishedAt: Date;
  publishedBy: string | null;
  restoredFrom: number | null;
}

export function versionMeta(
  v: { version: number; note: string; publishedAt: Date; publishedById: string | null; restoredFrom: number | null },
  names: ReadonlyMap<string, string>,
): VersionMeta {
  return {
    version: v.version,
    note: v.note,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedById ? (names.get(v.publishedById) ?? null) : null,
    restoredFrom: v.restoredFrom,
  };
}
