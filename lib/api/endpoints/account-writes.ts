import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { countValue, countryValue, domainValue, enumValue, industryValue, moneyValue, requiredTextValue, tagsValue } from "@/lib/validation/api/values";
import { BatchResult, batchOf, MAX_BATCH_ITEMS } from "./common";

/**
 * One account of a batch upsert: the fields the CSV import of accounts takes (lib/import/kinds.ts),
 * read by the same normalisers. Matched by normalised domain: a new domain creates an account
 * (name, industry and country needed), a known one is updated; fields left out keep their value.
 */
export const AccountUpsertItem = z
  .strictObject({
    domain: domainValue(),
    name: requiredTextValue("Name", 200).optional(),
    industry: industryValue().optional(),
    country: countryValue().optional(),
    region: enumValue("region").optional().meta({ description: "Worked out from the country when left out (for a country Tierwise knows)." }),
    employeeCount: countValue().optional().meta({ description: "A whole number of employees." }),
    annualRevenue: moneyValue(1e14).optional(),
    owner: z.email().max(320).optional().meta({ description: "The e-mail address of an active Tierwise user.", example: "rep@example.com" }),
    potential: moneyValue().optional().meta({ description: "Estimated whitespace revenue, US dollars." }),
    loyaltyStatus: enumValue("loyaltyStatus").optional(),
    usageRate: enumValue("usageRate").optional(),
    journeyStage: enumValue("journeyStage").optional(),
    hostingPreference: enumValue("hostingPreference").optional(),
    devicePreference: enumValue("devicePreference").optional(),
    techAdoption: enumValue("techAdoption").optional(),
    benefitsSought: tagsValue().optional(),
  })
  .meta({ id: "AccountUpsert", description: "An account, matched by its normalised domain." });

export type AccountUpsert = z.output<typeof AccountUpsertItem>;

export const upsertAccounts = defineEndpoint({
  id: "upsertAccounts",
  method: "POST",
  path: "/api/v1/accounts/batch",
  scope: "accounts:write",
  tag: "Batch writes",
  summary: "Create or update accounts",
  description:
    `Up to ${MAX_BATCH_ITEMS} accounts, matched by normalised domain: new domains are created, known ones updated (fields left out keep their value). ` +
    "All or nothing: any invalid item refuses the whole request (422) with every problem under `details.fieldErrors`, keyed by item index and field " +
    '(`"items.3.domain"`). Send an `Idempotency-Key` header to make retries safe. Tiers, segments and scores of the changed accounts are recomputed in the background right after the write.',
  body: batchOf(AccountUpsertItem, "AccountUpsertBatch", "Accounts to create or update."),
  response: BatchResult,
  idempotent: true,
});
