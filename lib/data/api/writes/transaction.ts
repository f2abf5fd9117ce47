import "server-only";
import { recordApiAudit } from "@/lib/api/audit";
import { completeIdempotencyInTransaction } from "@/lib/api/idempotency";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { markForRecompute } from "@/lib/live/recompute";
import type { ApiKeyRef } from "../actor";

/** A transaction of an API write. */
export type WriteTx = Prisma.TransactionClient;

/** What a batch write did (the BatchResult of the API). */
export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** The accounts whose data changed, ascending. */
  accountIds: number[];
}

/** Problems found with items of a batch, keyed "items.3.domain" as the API reports them. */
export class ItemErrors {
  readonly errors: FieldErrors = {};

  add(index: number, field: string, message: string): void {
    const key = `items.${index}.${field}`;
    if (!(key in this.errors)) this.errors[key] = message;
  }

  get count(): number {
    return Object.keys(this.errors).length;
  }

  /** Refuse the whole request (nothing is written) when any item has a problem. */
  throwIfAny(): void {
    const entries = Object.entries(this.errors);
    if (entries.length === 0) return;
    const [key, message] = entries[0]!;
    const more = entries.length > 1 ? ` (and ${entries.length - 1} more problem${entries.length > 2 ? "s" : ""})` : "";
    throw new AppError("INVALID", `Nothing was written: ${key}: ${message}${more}`, { fieldErrors: this.errors });
  }
}

export const sortedIds = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b);

/**
 * Runs one batch write all-or-nothing: the write, its audit entry (the key's name, what was
 * written), the request for a live recompute of the changed accounts and, for a request with an
 * Idempotency-Key, its stored response commit together, or not at all (a server that dies right
 * after the commit cannot leave a claim without its response, which a retry would run again).
 * An item error thrown by `write` rolls everything back. What `write` returns is the response.
 */
export async function apiWrite<T extends WriteOutcome>(key: ApiKeyRef, what: { kind: string; items: number }, write: (tx: WriteTx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      const outcome = await write(tx);
      await afterApiWrite(tx, key, what, outcome);
      await completeIdempotencyInTransaction(tx, outcome);
      return outcome;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/** The audit entry and the live recompute of an API write, in its transaction. */
async function afterApiWrite(tx: WriteTx, key: ApiKeyRef, what: { kind: string; items: number }, outcome: WriteOutcome): Promise<void> {
  const { created, updated, unchanged, accountIds } = outcome;
  await recordApiAudit(key, "API_WRITE", what.kind, { kind: what.kind, items: what.items, created, updated, unchanged, accounts: accountIds.length }, tx);
  await markForRecompute(tx, accountIds, { detail: `API write by key ${key.name}` });
}
