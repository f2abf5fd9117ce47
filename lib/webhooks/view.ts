/** Webhook endpoints and their log as the admin page and the API show them. Client-safe: types only. */
import type { DeliveryStatus, WebhookEventType } from "./events";

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  active: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  createdBy: string;
  createdAt: string;
  pending: number;
  lastAttemptAt: string | null;
  lastAttemptOk: boolean | null;
}

/** Returned once, right after registration: the only time anyone sees the signing secret. */
export interface NewWebhookEndpoint {
  endpoint: WebhookEndpointView;
  secret: string;
}

export interface WebhookAttemptView {
  id: string;
  at: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseSnippet: string | null;
  error: string | null;
  delivery: { id: string; messageId: string; eventCount: number; eventTypes: string[]; status: DeliveryStatus; attempts: number; nextAttemptAt: string | null };
}
