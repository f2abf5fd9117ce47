import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { wrappedErrors } from "@/lib/db/wrapped-errors";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";

/**
 * Statement cancellation for live previews. While an admin keeps typing, each pause sends a new
 * preview; the older one's full scan would otherwise run to its end on a core the newer one needs.
 * A preview's main query runs on a connection whose application_name names its editor (a hash of
 * the user and the editor's random key, so no one can aim at another admin's editor); a newer
 * preview from the same editor first cancels every backend with that name (pg_cancel_backend: the
 * app role may cancel its own role's backends, so this works across app instances). The cancelled
 * preview fails with PREVIEW_SUPERSEDED, which the editor never shows (it only shows the newest answer).
 */

/** Who previews: the signed-in user and the editor's key; null runs the work without a slot. */
export interface PreviewOwner {
  userId: string;
  key: string;
}

/** What the work gets: raw queries on the slot's connection. */
export type SlotExecutor = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** The connection name of an editor's previews (application_name holds at most 63 bytes). */
export function previewSlotName(owner: PreviewOwner): string {
  return `tw-preview:${createHash("sha256").update(`${owner.userId}\n${owner.key}`).digest("hex").slice(0, 40)}`;
}

/** Cancel the statements of every other backend previewing for this editor; returns how many. */
export async function cancelPreviews(name: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS n FROM pg_stat_activity
    WHERE application_name = ${name} AND pid <> pg_backend_pid()`;
  return rows[0]?.n ?? 0;
}

/** 57014 query_canceled, wherever Prisma's driver adapter put it. */
export function isQueryCancelled(error: unknown): boolean {
  for (const value of wrappedErrors(error)) if (value.code === "57014" || value.originalCode === "57014") return true;
  return false;
}

/**
 * Run a preview's work in its editor's slot: cancel the editor's older previews, then run `work`
 * in a transaction named for the editor (transaction-local settings `work` makes end with it).
 * Without an owner, `work` runs in a plain transaction.
 */
export async function inPreviewSlot<T>(owner: PreviewOwner | null, work: (tx: SlotExecutor) => Promise<T>): Promise<T> {
  const name = owner ? previewSlotName(owner) : null;
  if (name) await cancelPreviews(name);
  try {
    return await db.$transaction(
      async (tx) => {
        if (name) await tx.$queryRaw`SELECT set_config('application_name', ${name}, true)`;
        return work(tx);
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    if (name && isQueryCancelled(error)) throw new AppError("CONFLICT", PREVIEW_SUPERSEDED);
    throw error;
  }
}

/** The slot owner of a preview by `actor` from the editor with `key`; null (no slot) without a key. */
export function previewOwner(actor: { id: string }, key: string | undefined): PreviewOwner | null {
  return key ? { userId: actor.id, key } : null;
}
