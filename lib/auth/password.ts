import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";

const COST = 12;

/**
 * Hashes of this scheme: bcrypt over HMAC-SHA256(password), base64. bcrypt reads at most 72 bytes
 * and ignores the rest, so two long passphrases sharing their first 72 bytes (24 characters of
 * three-byte script) would match each other; the 44-character digest keeps every byte counting.
 * The HMAC key is fixed and public: it only stops a leaked plain SHA-256 from another site being
 * tried against these hashes ("shucking"). Hashes without the prefix are older plain bcrypt.
 */
const PREFIX = "tw1$";
const PREHASH_KEY = "tierwise-password-prehash-v1";

function prehash(plain: string): string {
  return createHmac("sha256", PREHASH_KEY).update(plain, "utf8").digest("base64");
}

export async function hashPassword(plain: string): Promise<string> {
  return PREFIX + (await bcrypt.hash(prehash(plain), COST));
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (hash.startsWith(PREFIX)) return bcrypt.compare(prehash(plain), hash.slice(PREFIX.length));
  if (bcrypt.truncates(plain)) {
    // An older hash saw only the first 72 bytes: a longer password cannot be told apart, so it
    // fails (after the same work, so the answer takes as long as any other).
    await bcrypt.compare(prehash(plain), DUMMY_HASH.slice(PREFIX.length));
    return false;
  }
  return bcrypt.compare(plain, hash);
}

/** An older plain-bcrypt hash, replaced by the current scheme at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(PREFIX);
}

/** A real hash of nothing, compared against when the e-mail is unknown so timing does not reveal it. */
export const DUMMY_HASH = `${PREFIX}$2b$12$C6UzMDM.H6dfI/f/IKcEeO2VRSuCzWcM1y7y7/5R7FMTLr4ry7yWm`;
