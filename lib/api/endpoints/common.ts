/**
 * Pieces every endpoint shares: cursor pages, the account reference of the batch writes, the
 * batch envelope and its answer, and the tier and account shapes that several responses carry.
 * Schemas with an `id` are registered once (zod's global registry) and become named components
 * of the OpenAPI document.
 */
import { z } from "@/lib/validation/zod";
import { INT4_MAX } from "@/lib/validation/ids";
import { domainValue } from "@/lib/validation/api/values";

/** The most items one batch write takes: more is refused (422) before anything is read. */
export const MAX_BATCH_ITEMS = 1_000;
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;

export const idParam = (what: string) =>
  z.coerce
    .number<string>({ error: `Not a valid ${what} id.` })
    .int({ error: `Not a valid ${what} id.` })
    .min(1, { error: `Not a valid ${what} id.` })
    .max(INT4_MAX, { error: `Not a valid ${what} id.` })
    .meta({ description: `The ${what}'s id.`, example: 42 });

/** `limit` and `cursor` of every cursor-paged list. */
export const pageQuery = {
  limit: z.coerce
    .number<string>()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .meta({ description: `Items per page, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}).`, example: 100 }),
  cursor: z
    .string()
    .max(2_000)
    .optional()
    .meta({ description: "The `next_cursor` of the previous page; omit it for the first page. Opaque: pass it back as received." }),
};

export const nextCursor = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` to read the next page; null on the last page." });

/** A cursor page of `item`: `{ data, next_cursor }`. */
export function pageOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z.object({ data: z.array(item), next_cursor: nextCursor }).meta({ id, description });
}

export const isoDateTime = z.iso.datetime().meta({ example: "2026-12-06T09:30:00.000Z" });
export const isoDate = z.iso.date().meta({ example: "2026-03-12" });

export const TierRef = z
  .object({
    key: z.string().meta({ example: "tier-1" }),
    name: z.string().meta({ example: "Tier 1 Strategic" }),
    color: z.string().meta({ example: "#4f46e5" }),
  })
  .meta({ id: "TierRef", description: "A tier of the published scheme." });

/** The account an order, event, response or technology belongs to: by `accountId` or by `domain`, exactly one. */
export const accountReference = {
  accountId: z.number().int().min(1).max(INT4_MAX).optional().meta({ description: "The account's Tierwise id (or give `domain`).", example: 42 }),
  domain: domainValue().optional().meta({ description: "The account's domain, normalised as the import does (or give `accountId`).", example: "acme.com" }),
};

/** Refinement of an item with accountReference: exactly one of the two. */
export function oneAccountReference(item: { accountId?: number; domain?: string }, ctx: z.RefinementCtx): void {
  if ((item.accountId === undefined) === (item.domain === undefined)) {
    ctx.addIssue({ code: "custom", path: ["domain"], message: "Give the account's domain or its accountId (one of the two)." });
  }
}

/** The body of every batch write: `{ items: [...] }`, 1 to MAX_BATCH_ITEMS of them. */
export function batchOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z
    .strictObject({
      items: z
        .array(item)
        .min(1, { error: "Send at least one item." })
        .max(MAX_BATCH_ITEMS, { error: `Send at most ${MAX_BATCH_ITEMS.toLocaleString("en-US")} items per request; split larger batches.` }),
    })
    .meta({ id, description });
}

export const BatchResult = z
  .object({
    created: z.number().int().meta({ description: "Records created.", example: 2 }),
    updated: z.number().int().meta({ description: "Existing records whose values changed.", example: 1 }),
    unchanged: z.number().int().meta({ description: "Items that matched an existing record and changed nothing.", example: 0 }),
    accountIds: z
      .array(z.number().int())
      .meta({ description: "Ids of the accounts the request changed, ascending; their tiers, segments and scores are recomputed in the background right after the write.", example: [42, 43] }),
  })
  .meta({ id: "BatchResult", description: "What a batch write did. The whole batch is written in one transaction, or nothing is." });
