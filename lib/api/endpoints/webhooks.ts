import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { webhookEndpointInput } from "@/lib/webhooks/schema";
import { isoDateTime } from "./common";

const WebhookEndpoint = z
  .object({
    id: z.string().meta({ example: "cmfwh3k2p0000a1b2c3d4e5f6" }),
    url: z.string().meta({ example: "https://crm-sync.example.com/tierwise" }),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why it is inactive: deactivated by someone, or every attempt failed for 24 hours." }),
    disabledAt: isoDateTime.nullable(),
    failingSince: isoDateTime.nullable().meta({ description: "Since when every attempt has failed (null when the last one succeeded)." }),
    createdBy: z.string().meta({ example: "API key CRM sync (tw_ab12cd34)" }),
    createdAt: isoDateTime,
    pending: z.number().int().meta({ description: "Deliveries not yet delivered (waiting for a retry)." }),
    lastAttemptAt: isoDateTime.nullable(),
    lastAttemptOk: z.boolean().nullable(),
  })
  .meta({ id: "WebhookEndpoint", description: "A receiver of signed webhook batches (never its signing secret)." });

export const listWebhookEndpoints = defineEndpoint({
  id: "listWebhookEndpoints",
  method: "GET",
  path: "/api/v1/webhooks",
  scope: "webhooks:manage",
  tag: "Webhooks",
  summary: "List webhook endpoints",
  description: "Every registered endpoint with its status, newest first. Signing secrets are never shown again after creation.",
  query: z.strictObject({}),
  response: z.object({ data: z.array(WebhookEndpoint) }).meta({ id: "WebhookEndpointList" }),
});

export const createWebhookEndpoint = defineEndpoint({
  id: "createWebhookEndpoint",
  method: "POST",
  path: "/api/v1/webhooks",
  scope: "webhooks:manage",
  tag: "Webhooks",
  summary: "Register a webhook endpoint",
  description:
    "Tier, segment and play changes recorded from now on are POSTed to `url` in batches of up to 500 events " +
    '(`{ "type": "batch", "timestamp", "events": [...] }`), signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, ' +
    "`webhook-signature`) with the `secret` returned here, once. Retried with exponential backoff for 24 hours. A URL that resolves " +
    "to a private, loopback or link-local address is refused (422) unless the server allows it.",
  body: webhookEndpointInput,
  maxBodyBytes: 64 * 1024,
  status: 201,
  response: z
    .object({
      endpoint: WebhookEndpoint,
      secret: z.string().meta({ description: "The signing secret (whsec_…), shown this once.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }),
    })
    .meta({ id: "NewWebhookEndpoint" }),
});

export const deleteWebhookEndpoint = defineEndpoint({
  id: "deleteWebhookEndpoint",
  method: "DELETE",
  path: "/api/v1/webhooks/{id}",
  scope: "webhooks:manage",
  tag: "Webhooks",
  summary: "Delete a webhook endpoint",
  description: "Nothing more is sent to it; its pending deliveries and its log are deleted with it.",
  params: z.strictObject({ id: z.string().trim().min(1, "Not a valid endpoint id.").max(64, "Not a valid endpoint id.").meta({ description: "The endpoint's id." }) }),
  response: z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedWebhookEndpoint" }),
});
