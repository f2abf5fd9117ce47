/**
 * Input of webhook endpoint management, shared by the admin form (lib/actions/webhooks.ts) and
 * the API (lib/api/endpoints/webhooks.ts). Client-safe.
 */
import { z } from "@/lib/validation/zod";
import { WEBHOOK_EVENTS } from "./events";

/** Checkbox name of an event type in the "New endpoint" form (one field per event). */
export const eventField = (event: string) => `event:${event}`;

export const WEBHOOK_URL_MAX = 2_000;
export const WEBHOOK_DESCRIPTION_MAX = 200;

export const webhookEndpointInput = z.strictObject({
  url: z
    .string({ error: "Enter the URL that receives the webhooks." })
    .trim()
    .min(1, "Enter the URL that receives the webhooks.")
    .max(WEBHOOK_URL_MAX, `Use at most ${WEBHOOK_URL_MAX} characters.`)
    .refine((raw) => URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol), "Enter a full http or https URL, like https://example.com/webhooks.")
    .meta({ description: "Where the events are POSTed (http or https; private addresses are refused unless allowed).", example: "https://crm-sync.example.com/tierwise" }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, "Choose at least one event.")
    .transform((events) => [...new Set(events)])
    .meta({ description: "The event types to receive." }),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX, `Use at most ${WEBHOOK_DESCRIPTION_MAX} characters.`).default("").meta({ example: "CRM sync" }),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInput>;

/** The "New endpoint" form: its event checkboxes gathered into `events` first. */
export const webhookEndpointForm = z.preprocess((form) => {
  const values = (form ?? {}) as Record<string, unknown>;
  return { url: values.url ?? "", description: values.description ?? "", events: WEBHOOK_EVENTS.filter((event) => values[eventField(event)] === "on") };
}, webhookEndpointInput);

export const webhookEndpointId = z.string({ error: "Choose an endpoint." }).trim().min(1, "Choose an endpoint.").max(64);
export const webhookDeliveryId = z
  .string({ error: "Choose a delivery." })
  .trim()
  .regex(/^\d{1,18}$/, "Choose a delivery.");
