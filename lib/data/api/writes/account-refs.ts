import "server-only";
import type { ItemErrors, WriteTx } from "./transaction";

/** An item that names its account by id or by (normalised) domain. */
export interface AccountRef {
  accountId?: number;
  domain?: string;
}

/**
 * The account id of every item, locking the accounts (FOR SHARE: a concurrent delete waits for
 * the write); an unknown account is an item error at the field the item used. Null where unknown.
 */
export async function resolveAccountRefs(tx: WriteTx, items: readonly AccountRef[], errors: ItemErrors): Promise<(number | null)[]> {
  const ids = [...new Set(items.flatMap((i) => (i.accountId !== undefined ? [i.accountId] : [])))];
  const domains = [...new Set(items.flatMap((i) => (i.domain !== undefined ? [i.domain] : [])))];
  const found = await tx.$queryRaw<{ id: number; domain: string }[]>`
    SELECT id, domain FROM accounts WHERE id = ANY(${ids}::int[]) OR domain = ANY(${domains}::text[]) FOR SHARE`;
  const byId = new Set(found.map((a) => a.id));
  const byDomain = new Map(found.map((a) => [a.domain, a.id]));
  return items.map((item, index) => {
    if (item.accountId !== undefined) {
      if (byId.has(item.accountId)) return item.accountId;
      errors.add(index, "accountId", `No account has the id ${item.accountId}.`);
      return null;
    }
    const id = item.domain !== undefined ? byDomain.get(item.domain) : undefined;
    if (id !== undefined) return id;
    errors.add(index, "domain", `No account has the domain ${item.domain}: create it first (POST /api/v1/accounts/batch).`);
    return null;
  });
}

/** Flags items whose key (within their account) an earlier item of the batch already has. */
export function flagRepeats(keys: readonly (string | null)[], field: string | ((index: number) => string), errors: ItemErrors, what: string): void {
  const first = new Map<string, number>();
  keys.forEach((key, index) => {
    if (key === null) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else errors.add(index, typeof field === "string" ? field : field(index), `The same ${what} as items.${earlier}: each may appear once per request.`);
  });
}
