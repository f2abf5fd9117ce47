/**
 * The webhook event types an endpoint can subscribe to, with what the admin page calls them.
 * Client-safe: no server code here.
 */
export const WEBHOOK_EVENTS = [
  "account.tier_changed",
  "account.segment_entered",
  "account.segment_left",
  "account.play_entered",
  "account.play_left",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEventType, string>> = {
  "account.tier_changed": "Tier changed",
  "account.segment_entered": "Entered a segment",
  "account.segment_left": "Left a segment",
  "account.play_entered": "Entered a play",
  "account.play_left": "Left a play",
};

/** The type of the one event a "send test event" delivery carries (never subscribed to). */
export const TEST_EVENT = "webhook.test";

/** A ledger row's event type (membership_events.scope and change). */
export function eventTypeOf(scope: string, change: string): WebhookEventType {
  if (scope === "TIER") return "account.tier_changed";
  const left = change === "LEFT";
  if (scope === "PLAY") return left ? "account.play_left" : "account.play_entered";
  return left ? "account.segment_left" : "account.segment_entered";
}

/** Delivery states (webhook_deliveries.status). */
export type DeliveryStatus = "PENDING" | "DELIVERED" | "FAILED";
