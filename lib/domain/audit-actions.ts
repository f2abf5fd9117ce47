/** Every action the log records (the audit page's filter lists them). */
export const AUDIT_ACTIONS = [
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "SIGN_OUT",
  "USER_CREATED",
  "USER_UPDATED",
  "USER_DEACTIVATED",
  "USER_REACTIVATED",
  "PASSWORD_RESET",
  // A user changed their own password (lib/auth/change-password.ts).
  "PASSWORD_CHANGED",
  // The optional second factor (lib/data/two-factor.ts): a user switches it on or off or replaces
  // their recovery codes; an admin requires it for admins or resets another user's.
  "TWO_FACTOR_ENABLED",
  "TWO_FACTOR_DISABLED",
  "RECOVERY_CODES_REGENERATED",
  "TWO_FACTOR_POLICY_CHANGED",
  "TWO_FACTOR_RESET",
  "ACCOUNTS_REASSIGNED",
  "RULE_PUBLISHED",
  "RULE_RESTORED",
  "SCORING_UPDATED",
  "IMPORT_COMMITTED",
  "EXPORT",
  "PLAY_OUTCOME_RECORDED",
  "API_KEY_CREATED",
  "API_KEY_REVOKED",
  // A batch write through the public API; the actor is the key (lib/api/audit.ts).
  "API_WRITE",
  // Webhook endpoints registered, activated or deactivated, deleted by an admin (lib/data/webhooks.ts).
  "WEBHOOK_ENDPOINT_CREATED",
  "WEBHOOK_ENDPOINT_UPDATED",
  "WEBHOOK_ENDPOINT_DELETED",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
