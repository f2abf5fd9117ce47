"use server";

import { z } from "@/lib/validation/zod";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  sendWebhookTestEvent,
  setWebhookEndpointActive,
} from "@/lib/data/webhooks";
import { webhookDeliveryId, webhookEndpointForm, webhookEndpointId } from "@/lib/webhooks/schema";
import { action, formAction } from "./client";

const API_PATH = "/admin/api";

/** The "New endpoint" dialog. The result carries the signing secret: the one time it is shown. */
export const createWebhookEndpointAction = formAction({
  name: "createWebhookEndpoint",
  roles: ["ADMIN"],
  form: webhookEndpointForm,
  run: (actor, input) => createWebhookEndpoint(actor, input),
  revalidate: [API_PATH],
});

export const deleteWebhookEndpointAction = action({
  name: "deleteWebhookEndpoint",
  roles: ["ADMIN"],
  args: [webhookEndpointId],
  run: (actor, id) => deleteWebhookEndpoint(actor, id),
  revalidate: [API_PATH],
});

export const setWebhookEndpointActiveAction = action({
  name: "setWebhookEndpointActive",
  roles: ["ADMIN"],
  args: [webhookEndpointId, z.boolean()],
  run: (actor, id, active) => setWebhookEndpointActive(actor, id, active),
  revalidate: [API_PATH],
});

export const sendWebhookTestEventAction = action({
  name: "sendWebhookTestEvent",
  roles: ["ADMIN"],
  args: [webhookEndpointId],
  run: (actor, id) => sendWebhookTestEvent(actor, id),
  revalidate: [API_PATH],
});

export const redeliverWebhookAction = action({
  name: "redeliverWebhook",
  roles: ["ADMIN"],
  args: [webhookDeliveryId],
  run: (actor, id) => redeliverWebhook(actor, id),
  revalidate: [API_PATH],
});
