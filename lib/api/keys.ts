import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import type { ApiScope } from "./scopes";

/**
 * API key material. A key reads `tw_<prefix>_<secret>`: the 8-character prefix is stored in clear
 * (it finds the row and tells humans which key is which), the whole key only as its SHA-256. The
 * secret part is 32 random base62 characters (~190 bits), so a fast hash is the right one: nobody
 * can guess such a secret from its hash, and checking a key costs microseconds on every request.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PREFIX_LENGTH = 8;
const SECRET_LENGTH = 32;
const KEY_PATTERN = new RegExp(`^tw_([0-9A-Za-z]{${PREFIX_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`);

/** Uniform base62 characters (bytes >= 248 are dropped so every character is equally likely). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A fresh key: the full text (shown once), the prefix humans see, the hash that is stored. */
export function generateKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `tw_${randomBase62(PREFIX_LENGTH)}`;
  const key = `${prefix}_${randomBase62(SECRET_LENGTH)}`;
  return { key, prefix, secretHash: hashKey(key) };
}

/** The prefix of a well-formed key (`tw_ab12cd34`), or null for anything else. */
export function prefixOf(key: string): string | null {
  const match = KEY_PATTERN.exec(key);
  return match ? `tw_${match[1]}` : null;
}

/** Does `key` hash to `secretHash`? Compared in constant time, so timing reveals nothing of the hash. */
export function keyMatches(key: string, secretHash: string): boolean {
  const given = Buffer.from(hashKey(key), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export type KeyStatus = "active" | "expired" | "revoked";

export function keyStatus(key: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
  createdAt: Date;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedById: string | null;
}

const ROW = { id: true, name: true, prefix: true, scopes: true, expiresAt: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true, revokedById: true } as const;

type Client = Pick<typeof db, "apiKey">;

/**
 * Store a new key and return it with its full text: the only time the secret exists outside the
 * caller's hands. Role checks and the audit entry are the data layer's (lib/data/api-keys.ts).
 */
export async function createKey(
  input: { name: string; scopes: readonly ApiScope[]; expiresAt: Date | null; createdById: string | null },
  client: Client = db,
): Promise<{ key: string; row: ApiKeyRow }> {
  const { key, prefix, secretHash } = generateKey();
  const row = await client.apiKey.create({
    data: { name: input.name, prefix, secretHash, scopes: [...new Set(input.scopes)], expiresAt: input.expiresAt, createdById: input.createdById },
    select: ROW,
  });
  return { key, row: row as ApiKeyRow };
}

/** Revoke at once (the next request with the key gets 401); null when there is no such key, false when it was revoked already. */
export async function revokeKey(id: string, revokedById: string | null, client: Client = db): Promise<ApiKeyRow | null | false> {
  const { count } = await client.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revokedById } });
  const row = await client.apiKey.findUnique({ where: { id }, select: ROW });
  if (!row) return null;
  return count === 0 ? false : (row as ApiKeyRow);
}

/** Every key, newest first (revoked and expired ones too: the admin page shows their status). */
export async function listKeys(client: Client = db): Promise<ApiKeyRow[]> {
  return (await client.apiKey.findMany({ select: ROW, orderBy: [{ createdAt: "desc" }, { id: "asc" }] })) as ApiKeyRow[];
}
