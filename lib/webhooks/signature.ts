/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is "whsec_" + base64 of
 * random bytes; the signature header is "v1," + base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"
 * keyed with the decoded secret. Receivers verify with any Standard Webhooks library.
 */
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** A new signing secret: 32 random bytes. */
export function newSigningSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** A new message id (the `webhook-id` header): the same on every attempt of one delivery. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const mac = createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers of one attempt (its timestamp is the attempt's, so a retry is not "too old"). */
export function webhookHeaders(secret: string, messageId: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, messageId, timestamp, body),
  };
}
