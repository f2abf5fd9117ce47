import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Keys derived from AUTH_SECRET with HKDF-SHA256, one per purpose, so no two uses share a key and
 * no extra secret has to be configured. Changing AUTH_SECRET makes stored TOTP secrets and
 * recovery codes unreadable (users then need an admin to reset their second factor).
 */
export type KeyPurpose = "totp-secret-v1" | "recovery-code-v1";

const cache = new Map<string, Buffer>();

export function serverKey(purpose: KeyPurpose): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: two-factor sign-in needs it to protect its secrets");
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "tierwise", purpose, 32));
    cache.set(cacheKey, key);
  }
  return key;
}

const VERSION = "v1";

/**
 * AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" (base64url). `context` (the user id) is bound as
 * additional data, so a sealed value copied to another user's row does not open.
 */
export function seal(plain: string, context: string, purpose: KeyPurpose = "totp-secret-v1"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", serverKey(purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plain text of a sealed value; throws when it was tampered with, sealed for another context or key. */
export function open(sealed: string, context: string, purpose: KeyPurpose = "totp-secret-v1"): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", serverKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
