import "server-only";
import type { z } from "zod";
import type { CampaignResponseItem, EventItem, OrderItem } from "@/lib/api/endpoints/activity-writes";
import { DEFAULT_PRODUCT_LINE } from "@/lib/import/stage/orders";
import type { ApiKeyRef } from "../actor";
import { flagRepeats, resolveAccountRefs } from "./account-refs";
import { apiWrite, ItemErrors, sortedIds, type WriteOutcome, type WriteTx } from "./transaction";

type Order = z.output<typeof OrderItem>;
type EngagementEvent = z.output<typeof EventItem>;
type CampaignResponse = z.output<typeof CampaignResponseItem>;

/** The accounts of the items, or a refusal naming every unknown account and every repeated external id. */
async function accountsOf(tx: WriteTx, items: readonly (Order | EngagementEvent | CampaignResponse)[], what?: string): Promise<number[]> {
  const errors = new ItemErrors();
  const ids = await resolveAccountRefs(tx, items, errors);
  if (what) {
    const keys = items.map((item, i) => ("externalId" in item && item.externalId && ids[i] ? `${ids[i]}\u0000${item.externalId}` : null));
    flagRepeats(keys, "externalId", errors, `account and externalId (${what})`);
  }
  errors.throwIfAny();
  return ids as number[];
}

/** Counts from the RETURNING rows of an upsert (created: xmax = 0). */
function outcomeOf(rows: { account_id: number; created: boolean }[], items: number): WriteOutcome {
  const created = rows.filter((r) => r.created).length;
  return { created, updated: rows.length - created, unchanged: items - rows.length, accountIds: sortedIds(rows.map((r) => r.account_id)) };
}

/**
 * POST /api/v1/orders/batch. An order with an external id already stored for its account is
 * updated (only when a value differs); one without is added. A left-out product line keeps the
 * stored one, or is "Unspecified" (as in the CSV import).
 */
export async function upsertApiOrders(key: ApiKeyRef, items: readonly Order[]): Promise<WriteOutcome> {
  return apiWrite(key, { kind: "orders", items: items.length }, async (tx) => {
    const accountIds = await accountsOf(tx, items, "order");
    const rows = await tx.$queryRaw<{ account_id: number; created: boolean }[]>`
      INSERT INTO orders AS o (account_id, ordered_at, amount, product_line, external_id)
      SELECT u.account_id, u.ordered_at, u.amount, COALESCE(u.product_line, x.product_line, ${DEFAULT_PRODUCT_LINE}), u.external_id
      FROM unnest(${accountIds}::int[], ${items.map((i) => i.orderedAt)}::date[], ${items.map((i) => i.amount)}::numeric[],
                  ${items.map((i) => i.productLine ?? null)}::text[], ${items.map((i) => i.externalId ?? null)}::text[])
             WITH ORDINALITY AS u(account_id, ordered_at, amount, product_line, external_id, n)
      LEFT JOIN orders x ON x.account_id = u.account_id AND x.external_id = u.external_id
      ORDER BY u.n
      ON CONFLICT (account_id, external_id) DO UPDATE
        SET ordered_at = EXCLUDED.ordered_at, amount = EXCLUDED.amount, product_line = EXCLUDED.product_line
        WHERE (o.ordered_at, o.amount, o.product_line) IS DISTINCT FROM (EXCLUDED.ordered_at, EXCLUDED.amount, EXCLUDED.product_line)
      RETURNING o.account_id, (o.xmax = 0) AS created`;
    return outcomeOf(rows, items.length);
  });
}

/** POST /api/v1/engagement-events/batch: as orders, keyed by external id; a left-out detail keeps the stored one. */
export async function upsertApiEvents(key: ApiKeyRef, items: readonly EngagementEvent[]): Promise<WriteOutcome> {
  return apiWrite(key, { kind: "engagement events", items: items.length }, async (tx) => {
    const accountIds = await accountsOf(tx, items, "event");
    const rows = await tx.$queryRaw<{ account_id: number; created: boolean }[]>`
      INSERT INTO engagement_events AS e (account_id, type, occurred_at, detail, external_id)
      SELECT u.account_id, u.type, u.occurred_at, COALESCE(u.detail, x.detail), u.external_id
      FROM unnest(${accountIds}::int[], ${items.map((i) => i.type)}::text[]::"EngagementType"[], ${items.map((i) => i.occurredAt)}::timestamp(3)[],
                  ${items.map((i) => i.detail ?? null)}::text[], ${items.map((i) => i.externalId ?? null)}::text[])
             WITH ORDINALITY AS u(account_id, type, occurred_at, detail, external_id, n)
      LEFT JOIN engagement_events x ON x.account_id = u.account_id AND x.external_id = u.external_id
      ORDER BY u.n
      ON CONFLICT (account_id, external_id) DO UPDATE
        SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, detail = EXCLUDED.detail
        WHERE (e.type, e.occurred_at, e.detail) IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.occurred_at, EXCLUDED.detail)
      RETURNING e.account_id, (e.xmax = 0) AS created`;
    return outcomeOf(rows, items.length);
  });
}

/** POST /api/v1/campaign-responses/batch: responses have no external id, so each item adds one. */
export async function createApiCampaignResponses(key: ApiKeyRef, items: readonly CampaignResponse[]): Promise<WriteOutcome> {
  return apiWrite(key, { kind: "campaign responses", items: items.length }, async (tx) => {
    const accountIds = await accountsOf(tx, items);
    const rows = await tx.$queryRaw<{ account_id: number; created: boolean }[]>`
      INSERT INTO campaign_responses (account_id, campaign, channel, responded_at, outcome)
      SELECT * FROM unnest(${accountIds}::int[], ${items.map((i) => i.campaign)}::text[], ${items.map((i) => i.channel)}::text[]::"CampaignChannel"[],
                           ${items.map((i) => i.respondedAt)}::date[], ${items.map((i) => i.outcome)}::text[]::"CampaignOutcome"[])
      RETURNING account_id, true AS created`;
    return outcomeOf(rows, items.length);
  });
}
