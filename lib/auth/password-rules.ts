/**
 * The password rules' numbers and hint, client-safe: forms import these, while the check itself
 * (lib/auth/password-policy.ts) carries a 20,000-password list that stays on the server.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The rules in one sentence, for form hints. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. Common passwords and the e-mail name are not allowed.`;
