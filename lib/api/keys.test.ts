import { describe, expect, test } from "vitest";
import { generateKey, hashKey, keyMatches, keyStatus, prefixOf } from "./keys";

describe("API key material", () => {
  test("a key reads tw_<8>_<32> in base62, its prefix is its first part, and only its hash is kept", () => {
    const { key, prefix, secretHash } = generateKey();
    expect(key).toMatch(/^tw_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(prefixOf(key)).toBe(prefix);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(secretHash).toBe(hashKey(key));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(key.slice(12));
  });

  test("keys are unique", () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateKey().key));
    const prefixes = new Set([...keys].map((k) => prefixOf(k)));
    expect(keys.size).toBe(500);
    expect(prefixes.size).toBe(500);
  });

  test("anything but a well-formed key has no prefix", () => {
    for (const bad of ["", "tw_abc", "tw_abcdefgh_short", `xx_abcdefgh_${"a".repeat(32)}`, `tw_abcdefgh_${"a".repeat(31)}!`, `tw_abcdefgh_${"a".repeat(33)}`]) {
      expect(prefixOf(bad)).toBeNull();
    }
  });

  test("a key matches its own hash only", () => {
    const a = generateKey();
    const b = generateKey();
    expect(keyMatches(a.key, a.secretHash)).toBe(true);
    expect(keyMatches(b.key, a.secretHash)).toBe(false);
    expect(keyMatches(a.key, "")).toBe(false);
    expect(keyMatches(a.key.slice(0, -1) + (a.key.endsWith("x") ? "y" : "x"), a.secretHash)).toBe(false);
  });

  test("status: revoked wins, then expired at its instant, else active", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(keyStatus({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(keyStatus({ expiresAt: new Date("2027-01-01T00:00:01Z"), revokedAt: null }, now)).toBe("active");
    expect(keyStatus({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(keyStatus({ expiresAt: new Date("2026-01-01"), revokedAt: new Date("2025-01-01") }, now)).toBe("revoked");
  });
});
