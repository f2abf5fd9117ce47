import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { dateValue } from "@/lib/validation/api/values";
import { accountReference, BatchResult, batchOf, MAX_BATCH_ITEMS, oneAccountReference } from "./common";

const MAX_TECHNOLOGIES = 200;

const technologyName = z.string().min(1).max(200).meta({ description: "A technology of the catalogue, by name (any case).", example: "Salesforce Sales Cloud" });

const Detection = z
  .strictObject({
    technology: technologyName,
    firstDetectedAt: dateValue().optional().meta({ description: "Defaults to the stored date, else the last-detected date." }),
    lastDetectedAt: dateValue().optional().meta({ description: "Defaults to the stored date, else today." }),
    confidence: z.number().min(0).max(1).optional().meta({ description: "0 to 1; defaults to the stored value, else 1.", example: 0.9 }),
  })
  .meta({ id: "TechnologyDetection", description: "A technology detected at the account." });

export type TechnologyDetection = z.output<typeof Detection>;

export const AccountTechnologiesItem = z
  .strictObject({
    ...accountReference,
    set: z
      .array(Detection)
      .max(MAX_TECHNOLOGIES)
      .optional()
      .meta({ description: "The account's whole stack: technologies not listed are removed. Not with `add` or `remove`." }),
    add: z.array(Detection).max(MAX_TECHNOLOGIES).optional().meta({ description: "Technologies to add (or whose detection to update)." }),
    remove: z.array(technologyName).max(MAX_TECHNOLOGIES).optional().meta({ description: "Technologies to remove, by name." }),
  })
  .superRefine(oneAccountReference)
  .superRefine((item, ctx) => {
    if (item.set !== undefined && (item.add !== undefined || item.remove !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["set"], message: "Give either `set` (the whole stack) or `add`/`remove`, not both." });
    } else if (item.set === undefined && item.add === undefined && item.remove === undefined) {
      ctx.addIssue({ code: "custom", path: ["add"], message: "Give `set`, `add` or `remove`." });
    }
  })
  .meta({ id: "AccountTechnologiesChange", description: "A change to one account's technology stack." });

export type AccountTechnologiesChange = z.output<typeof AccountTechnologiesItem>;

export const TechnologyBatchResult = BatchResult.extend({
  removed: z.number().int().meta({ description: "Technologies removed from accounts." }),
}).meta({ id: "TechnologyBatchResult", description: "What a technology batch did: detections created, updated, unchanged and removed." });

export const updateAccountTechnologies = defineEndpoint({
  id: "updateAccountTechnologies",
  method: "POST",
  path: "/api/v1/account-technologies/batch",
  scope: "accounts:write",
  tag: "Batch writes",
  summary: "Change accounts' technology stacks",
  description:
    `Up to ${MAX_BATCH_ITEMS} accounts (by \`accountId\` or \`domain\`, each once), each with its whole stack (\`set\`) or technologies to \`add\` and \`remove\`. ` +
    "All or nothing, with per-item errors as the other batch writes (an unknown technology: `items.3.add.0.technology`). " +
    "Send an `Idempotency-Key` header to make retries safe. Technographic segments and plays follow in the background right after the write.",
  body: batchOf(AccountTechnologiesItem, "AccountTechnologiesBatch", "Technology stack changes."),
  response: TechnologyBatchResult,
  idempotent: true,
});
