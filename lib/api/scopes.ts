/**
 * What an API key may do. Client-safe: the admin page's "New key" dialog lists the same scopes the
 * API enforces. A key carries any subset; every endpoint names the one scope it needs.
 */
export const API_SCOPES = ["accounts:read", "accounts:write", "segments:read", "webhooks:manage"] as const;

export type ApiScope = (typeof API_SCOPES)[number];

/** Shown next to each scope's checkbox and in the reference page. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "accounts:read": "Read accounts, their tiers, scores, segments and explanations",
  "accounts:write": "Create and update accounts, orders, events, campaign responses and technologies",
  "segments:read": "Read segments, the tier scheme, their members and the membership changes feed",
  "webhooks:manage": "Create, change and delete webhooks",
};

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && (API_SCOPES as readonly string[]).includes(value);
}
