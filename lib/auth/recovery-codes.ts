import { createHmac, randomInt } from "node:crypto";
import { serverKey } from "./server-keys";

/**
 * Single-use recovery codes: 10 codes of 10 characters ("k7m2p-x9q4r", 50 bits each) from an
 * alphabet without look-alikes (0/o, 1/l/i). Only HMAC-SHA256 hashes under a key derived from
 * AUTH_SECRET are stored: random 50-bit codes need no slow hash, and the key keeps a leaked
 * table from being checked offline.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const LENGTH = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: case, spaces and hyphens do not matter. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(input: string): string {
  return createHmac("sha256", serverKey("recovery-code-v1")).update(normaliseRecoveryCode(input), "utf8").digest("base64url");
}
