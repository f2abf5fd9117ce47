import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { dateTimeValue, dateValue, enumValue, moneyValue, requiredTextValue, textValue } from "@/lib/validation/api/values";
import { accountReference, BatchResult, batchOf, MAX_BATCH_ITEMS, oneAccountReference } from "./common";

const externalId = (what: string) =>
  requiredTextValue("External id", 200)
    .optional()
    .meta({ description: `Your system's id for the ${what}: sending the same id for the same account again updates the ${what} instead of adding it.`, example: "SO-10042" });

const batchNote =
  `Up to ${MAX_BATCH_ITEMS} items, all or nothing: an invalid item, or one for an account Tierwise does not have, refuses the whole request (422) ` +
  'with every problem under `details.fieldErrors` keyed by item index and field (`"items.3.domain"`). Send an `Idempotency-Key` header to make retries safe. ' +
  "The accounts' derived metrics, tiers, segments and scores are recomputed in the background right after the write.";

export const OrderItem = z
  .strictObject({
    ...accountReference,
    orderedAt: dateValue(),
    amount: moneyValue(),
    productLine: textValue("Product line", 100).optional().meta({ description: 'Up to 100 characters; a new order without one gets "Unspecified".' }),
    externalId: externalId("order"),
  })
  .superRefine(oneAccountReference)
  .meta({ id: "OrderUpsert", description: "An order of an existing account." });

export const EventItem = z
  .strictObject({
    ...accountReference,
    type: enumValue("engagementType"),
    occurredAt: dateTimeValue(),
    detail: textValue("Detail", 500).optional().meta({ description: "The page, the e-mail subject… (up to 500 characters)." }),
    externalId: externalId("event"),
  })
  .superRefine(oneAccountReference)
  .meta({ id: "EngagementEventUpsert", description: "An engagement event of an existing account." });

export const CampaignResponseItem = z
  .strictObject({
    ...accountReference,
    campaign: requiredTextValue("Campaign", 200).meta({ example: "Q4 ERP webinar" }),
    channel: enumValue("campaignChannel"),
    respondedAt: dateValue(),
    outcome: enumValue("campaignOutcome"),
  })
  .superRefine(oneAccountReference)
  .meta({ id: "CampaignResponseCreate", description: "A campaign response of an existing account." });

export const upsertOrders = defineEndpoint({
  id: "upsertOrders",
  method: "POST",
  path: "/api/v1/orders/batch",
  scope: "accounts:write",
  tag: "Batch writes",
  summary: "Add or update orders",
  description: `Orders of existing accounts (by \`accountId\` or \`domain\`); with an \`externalId\` an order already sent is updated. ${batchNote}`,
  body: batchOf(OrderItem, "OrderBatch", "Orders to add or update."),
  response: BatchResult,
  idempotent: true,
});

export const upsertEngagementEvents = defineEndpoint({
  id: "upsertEngagementEvents",
  method: "POST",
  path: "/api/v1/engagement-events/batch",
  scope: "accounts:write",
  tag: "Batch writes",
  summary: "Add or update engagement events",
  description: `Web visits, e-mail opens and clicks, meetings, webinars and events of existing accounts; with an \`externalId\` an event already sent is updated. ${batchNote}`,
  body: batchOf(EventItem, "EngagementEventBatch", "Engagement events to add or update."),
  response: BatchResult,
  idempotent: true,
});

export const createCampaignResponses = defineEndpoint({
  id: "createCampaignResponses",
  method: "POST",
  path: "/api/v1/campaign-responses/batch",
  scope: "accounts:write",
  tag: "Batch writes",
  summary: "Add campaign responses",
  description: `Campaign responses of existing accounts (they drive the best channel of plays). ${batchNote}`,
  body: batchOf(CampaignResponseItem, "CampaignResponseBatch", "Campaign responses to add."),
  response: BatchResult,
  idempotent: true,
});
