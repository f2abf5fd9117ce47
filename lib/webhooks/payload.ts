/**
 * What a delivery's body says. Every delivery is a batch, whatever its size:
 *   { "type": "batch", "timestamp": "...", "events": [ { "id", "type", "timestamp", "data" }, ... ] }
 * An event's id ("evt_" + its ledger id) is stable across deliveries, so a receiver can drop an
 * event it already applied (delivery is at least once). Events are in ledger order within a batch;
 * batches of one endpoint may arrive out of order (several are sent at once), so a receiver
 * applying tier changes compares event ids or timestamps.
 */
import { eventTypeOf, TEST_EVENT, type WebhookEventType } from "./events";

/** A ledger row with what the payload quotes (read by lib/webhooks/dispatch.ts). */
export interface LedgerRow {
  id: bigint;
  at: Date;
  scope: string;
  change: string;
  reason: string;
  rule_version: number | null;
  note: string | null;
  detail: string | null;
  account_id: number;
  account_name: string;
  account_domain: string;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  to_key: string | null;
  to_name: string | null;
  from_key: string | null;
  from_name: string | null;
  segment_id: number | null;
  segment_name: string | null;
  play_id: number | null;
  play_name: string | null;
}

export interface WebhookEvent {
  id: string;
  type: WebhookEventType | typeof TEST_EVENT;
  timestamp: string;
  data: Record<string, unknown>;
}

const tier = (key: string | null, name: string | null) => (key ? { key, name: name ?? key } : null);

export function eventOf(row: LedgerRow): WebhookEvent {
  const type = eventTypeOf(row.scope, row.change);
  const data: Record<string, unknown> = {
    account: {
      id: row.account_id,
      name: row.account_name,
      domain: row.account_domain,
      owner: row.owner_id ? { id: row.owner_id, name: row.owner_name, email: row.owner_email } : null,
    },
  };
  if (row.scope === "TIER") {
    data.from = tier(row.from_key, row.from_name);
    data.to = tier(row.to_key, row.to_name);
  } else if (row.scope === "PLAY") {
    data.play = { id: row.play_id, name: row.play_name ?? `Play ${row.play_id}` };
  } else {
    data.segment = { id: row.segment_id, name: row.segment_name ?? `Segment ${row.segment_id}` };
  }
  // RULE_PUBLISHED / RULE_RESTORED with the version and its publish note; DATA_CHANGE (an API
  // write, the daily refresh, an owner change: `detail` says which) or IMPORT.
  data.reason = { code: row.reason, ruleVersion: row.rule_version, note: row.note, detail: row.detail };
  return { id: `evt_${row.id}`, type, timestamp: row.at.toISOString(), data };
}

export function testEvent(endpointId: string, now = new Date()): WebhookEvent {
  return {
    id: `evt_test_${now.getTime()}`,
    type: TEST_EVENT,
    timestamp: now.toISOString(),
    data: { endpointId, message: "A test event sent from Tierwise's API & webhooks page." },
  };
}

/** The exact body of a delivery (stored as text: the signature covers these bytes). */
export function batchBody(events: readonly WebhookEvent[], now = new Date()): string {
  return JSON.stringify({ type: "batch", timestamp: now.toISOString(), events });
}
