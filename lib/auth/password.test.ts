import bcrypt from "bcryptjs";
import { describe, expect, test } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

describe("password hashes", () => {
  // 25 euro signs are 75 bytes in UTF-8: bcrypt alone would see only the first 24 of them.
  const long = "€".repeat(25) + "-violet";
  const sameFirst72Bytes = "€".repeat(25) + "-orange";

  test("passwords longer than bcrypt's 72 bytes count in full (multibyte characters)", async () => {
    expect(new TextEncoder().encode(long).length).toBeGreaterThan(72);
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword(sameFirst72Bytes, hash)).toBe(false);
    expect(await verifyPassword("€".repeat(24), hash)).toBe(false);
  }, 20_000);

  test("older plain-bcrypt hashes still verify, but never a password they would have truncated", async () => {
    const legacy = await bcrypt.hash("tierwise-demo", 4);
    expect(needsRehash(legacy)).toBe(true);
    expect(await verifyPassword("tierwise-demo", legacy)).toBe(true);
    expect(await verifyPassword("tierwise-demo!", legacy)).toBe(false);
    const legacyLong = await bcrypt.hash(long, 4);
    expect(await verifyPassword(long, legacyLong)).toBe(false);
    expect(await verifyPassword(sameFirst72Bytes, legacyLong)).toBe(false);
    expect(needsRehash(await hashPassword("x"))).toBe(false);
  }, 20_000);
});
