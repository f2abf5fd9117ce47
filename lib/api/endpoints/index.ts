/**
 * The one list of the public API's endpoints (/api/v1): the OpenAPI document (lib/api/openapi.ts)
 * is generated from it and the contract test walks it; each entry has its route handler at the
 * path it names (app/api/v1/…/route.ts, `{id}` as `[id]`).
 */
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { getAccount, listAccounts } from "./accounts";
import { upsertAccounts } from "./account-writes";
import { createCampaignResponses, upsertEngagementEvents, upsertOrders } from "./activity-writes";
import { listMembershipChanges } from "./membership-changes";
import { getTierScheme, listSegmentMembers, listSegments, listTierMembers } from "./segments";
import { updateAccountTechnologies } from "./technology-writes";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints } from "./webhooks";

export const ENDPOINTS: readonly AnyEndpoint[] = [
  listAccounts,
  getAccount,
  upsertAccounts,
  upsertOrders,
  upsertEngagementEvents,
  createCampaignResponses,
  updateAccountTechnologies,
  listSegments,
  listSegmentMembers,
  getTierScheme,
  listTierMembers,
  listMembershipChanges,
  listWebhookEndpoints,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
] as AnyEndpoint[];
