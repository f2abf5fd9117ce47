import "server-only";
import { db } from "@/lib/db/client";
import type { CampaignResponseFact } from "@/lib/plays/channel";

/** How far back "best channel for this account" looks, on the account page and on /today alike. */
const CHANNEL_WINDOW_MONTHS = 24;

/** Campaign responses within the window, per account (one query). */
export async function responsesByAccount(accountIds: readonly number[], asOf: Date): Promise<Map<number, CampaignResponseFact[]>> {
  const byAccount = new Map<number, CampaignResponseFact[]>();
  if (accountIds.length === 0) return byAccount;
  const since = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - CHANNEL_WINDOW_MONTHS, asOf.getUTCDate()));
  const rows = await db.campaignResponse.findMany({
    where: { accountId: { in: [...accountIds] }, respondedAt: { gte: since } },
    select: { accountId: true, channel: true, respondedAt: true, outcome: true },
  });
  for (const { accountId, ...response } of rows) {
    const list = byAccount.get(accountId);
    if (list) list.push(response);
    else byAccount.set(accountId, [response]);
  }
  return byAccount;
}
