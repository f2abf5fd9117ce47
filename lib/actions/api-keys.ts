"use server";

import { createApiKey, revokeApiKey } from "@/lib/data/api-keys";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/validation/api-key";
import { action, formAction } from "./client";

const API_PATH = "/admin/api";

/** The "New key" dialog. The result carries the full key: the one time it is shown. */
export const createApiKeyAction = formAction({
  name: "createApiKey",
  roles: ["ADMIN"],
  form: createApiKeySchema,
  run: (actor, input) => createApiKey(actor, input),
  revalidate: [API_PATH],
});

export const revokeApiKeyAction = action({
  name: "revokeApiKey",
  roles: ["ADMIN"],
  args: [apiKeyIdSchema],
  run: (actor, id) => revokeApiKey(actor, id),
  revalidate: [API_PATH],
});
