import "server-only";
import type { AccountUpsert } from "@/lib/api/endpoints/account-writes";
import type { AccountRow } from "@/lib/import/rows";
import { transactionWriter } from "@/lib/db/client";
import { accountsStage } from "@/lib/import/stage/accounts";
import { createTouched } from "@/lib/import/stage/types";
import type { ApiKeyRef } from "../actor";
import { flagRepeats } from "./account-refs";
import { apiWrite, ItemErrors, sortedIds, type WriteOutcome, type WriteTx } from "./transaction";

/** What a new account needs, and the field the error is reported at. */
const NEEDED_FOR_NEW = [
  ["name", "a name"],
  ["industry", "an industry"],
  ["country", "a country"],
] as const;

/** Active users by lower-cased e-mail address, for the items' owners. */
async function ownerIds(tx: WriteTx, items: readonly AccountUpsert[]): Promise<Map<string, string>> {
  const emails = [...new Set(items.flatMap((i) => (i.owner ? [i.owner.toLowerCase()] : [])))];
  if (emails.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { active: true, email: { in: emails, mode: "insensitive" } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
}

/** The import's row for an item (line = the item's index): null where the item leaves a field out. */
function toRow(item: AccountUpsert, index: number, ownerId: string | null): AccountRow {
  return {
    line: index,
    domain: item.domain,
    name: item.name ?? null,
    industry: item.industry ?? null,
    country: item.country?.name ?? null,
    region: item.region ?? item.country?.region ?? null,
    employeeCount: item.employeeCount ?? null,
    annualRevenue: item.annualRevenue ?? null,
    ownerId,
    potential: item.potential ?? null,
    loyaltyStatus: item.loyaltyStatus ?? null,
    usageRate: item.usageRate ?? null,
    journeyStage: item.journeyStage ?? null,
    hostingPreference: item.hostingPreference ?? null,
    devicePreference: item.devicePreference ?? null,
    techAdoption: item.techAdoption ?? null,
    benefitsSought: item.benefitsSought ?? null,
  };
}

/**
 * POST /api/v1/accounts/batch: create or update accounts by normalised domain, through the CSV
 * import's accounts stage (lib/import/stage/accounts.ts): the same defaults for new accounts, the
 * same "a left-out field keeps its value", the same upsert. Every item is checked before anything
 * is written; one bad item refuses the request.
 */
export async function upsertApiAccounts(key: ApiKeyRef, items: readonly AccountUpsert[]): Promise<WriteOutcome> {
  return apiWrite(key, { kind: "accounts", items: items.length }, async (tx) => {
    const errors = new ItemErrors();
    flagRepeats(items.map((i) => i.domain), "domain", errors, "domain");
    const owners = await ownerIds(tx, items);
    const existing = new Set(
      (await tx.$queryRaw<{ domain: string }[]>`SELECT domain FROM accounts WHERE domain = ANY(${items.map((i) => i.domain)}::text[]) FOR UPDATE`).map(
        (a) => a.domain,
      ),
    );
    const rows = items.map((item, index) => {
      const ownerId = item.owner ? (owners.get(item.owner.toLowerCase()) ?? null) : null;
      if (item.owner && !ownerId) errors.add(index, "owner", `${item.owner} is not the e-mail address of an active Tierwise user.`);
      const row = toRow(item, index, ownerId);
      if (!existing.has(item.domain)) {
        for (const [field, what] of NEEDED_FOR_NEW) {
          if (row[field] === null) errors.add(index, field, `${what[0]!.toUpperCase()}${what.slice(1)} is needed to create the new account ${item.domain}.`);
        }
        if (row.country !== null && row.region === null) {
          errors.add(index, "region", `'${row.country}' is not a country Tierwise knows, so the new account ${item.domain} needs a region.`);
        }
      }
      return row;
    });
    errors.throwIfAny();

    await accountsStage.create(tx);
    await createTouched(tx);
    await accountsStage.insert(await transactionWriter(tx), rows);
    const stageContext = { mapping: { fields: {}, dateFormat: "MDY" as const }, today: new Date().toISOString().slice(0, 10) };
    await accountsStage.fill(tx, stageContext);
    const counts = await accountsStage.apply(tx, stageContext);
    const touched = await tx.$queryRawUnsafe<{ account_id: number }[]>("SELECT account_id FROM import_touched");
    // The stage's tables belong to this request only: dropped now rather than at commit, so the audit and recompute see none of them.
    await tx.$executeRawUnsafe("DROP TABLE import_stage, import_touched");
    return { ...counts, unchanged: items.length - counts.created - counts.updated, accountIds: sortedIds(touched.map((t) => t.account_id)) };
  });
}
