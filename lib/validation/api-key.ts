import { z } from "@/lib/validation/zod";
import { API_SCOPES } from "@/lib/api/scopes";

/** Checkbox name of a scope in the "New key" form: one field per scope, so FormData keeps them all. */
export const scopeField = (scope: string) => `scope:${scope}`;

export const API_KEY_NAME_MAX = 80;
/** Longest allowed lifetime of a key, in days (a key that must live longer is simply given no expiry). */
const MAX_EXPIRY_DAYS = 5 * 366;

const DAY_MS = 86_400_000;

/** "2027-01-31" -> the end of that day (UTC): the key works through the date the admin picked. */
function endOfDay(value: string): Date {
  return new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS);
}

/**
 * The "New key" form: a name, at least one scope, an optional expiry date. Its checkbox fields
 * ("scope:accounts:read" = "on") are gathered into `scopes` first, so errors key by
 * name / scopes / expiresOn, the fields the dialog shows them next to.
 */
export const createApiKeySchema = z.preprocess(
  (form) => {
    const values = (form ?? {}) as Record<string, unknown>;
    return { name: values.name ?? "", expiresOn: values.expiresOn ?? "", scopes: API_SCOPES.filter((scope) => values[scopeField(scope)] === "on") };
  },
  z.object({
    name: z.string().trim().min(1, "Name the key after what uses it, e.g. \"CRM sync\".").max(API_KEY_NAME_MAX, `Use at most ${API_KEY_NAME_MAX} characters.`),
    scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
    expiresOn: z
      .string()
      .trim()
      .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), "Enter a date like 2027-01-31.")
      .transform((value) => (value === "" ? null : endOfDay(value)))
      .refine((date) => date === null || date.getTime() > Date.now(), "Choose today or a later date.")
      .refine((date) => date === null || date.getTime() < Date.now() + MAX_EXPIRY_DAYS * DAY_MS, "Choose a date within five years, or no expiry."),
  }),
);
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.string({ error: "Choose a key." }).trim().min(1, "Choose a key.").max(64);
