import { Secret, TOTP } from "otpauth";

/**
 * RFC 6238 time-based codes (otpauth): SHA-1, 6 digits, 30-second steps, the codes of the step
 * before and after accepted too (clock drift, a code typed as it changes). The caller stores the
 * step a code was accepted for and refuses that step and earlier ones afterwards (no replay).
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
const WINDOW = 1;
const ISSUER = "Tierwise";

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The 30-second step a moment falls in. */
export function stepAt(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD);
}

/** Whether input is shaped like a TOTP code (6 digits, spaces allowed) rather than a recovery code. */
export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s/g, ""));
}

/**
 * The step whose code `code` is, within ±1 step of `now`, and later than `lastStep` (a step
 * already used cannot be used again, nor an older one); null when it is not valid.
 */
export function verifyTotp(secret: string, code: string, options: { now?: number; lastStep?: number | null } = {}): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const now = options.now ?? Date.now();
  const delta = totp(secret).validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = stepAt(now) + delta;
  if (options.lastStep != null && step <= options.lastStep) return null;
  return step;
}

/** The code for a moment (tests, and nothing else: the server never needs to show one). */
export function totpCodeAt(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

/** The base32 secret in groups of four, for typing it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}
