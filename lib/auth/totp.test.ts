import { describe, expect, test } from "vitest";
import { groupedSecret, looksLikeTotpCode, newTotpSecret, otpauthUri, stepAt, totpCodeAt, verifyTotp } from "./totp";

// RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const T = 1_111_111_109_000; // RFC 6238 test time; the 8-digit code there is 07081804.

describe("TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s)", () => {
  test("the RFC's test vector", () => {
    expect(totpCodeAt(RFC_SECRET, T)).toBe("081804");
    expect(verifyTotp(RFC_SECRET, "081804", { now: T })).toBe(stepAt(T));
  });

  test("the codes of one step before and after are accepted, two steps away are not", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    expect(verifyTotp(secret, totpCodeAt(secret, now - 30_000), { now })).toBe(stepAt(now) - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, now + 30_000), { now })).toBe(stepAt(now) + 1);
    expect(verifyTotp(secret, totpCodeAt(secret, now - 60_000), { now })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, now + 60_000), { now })).toBeNull();
  });

  test("a code whose step was already used (or an older one) is refused: no replay", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    const code = totpCodeAt(secret, now);
    const step = verifyTotp(secret, code, { now });
    expect(step).toBe(stepAt(now));
    expect(verifyTotp(secret, code, { now, lastStep: step })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, now - 30_000), { now, lastStep: step })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, now + 30_000), { now, lastStep: step })).toBe(step! + 1);
  });

  test("wrong, malformed and other secrets' codes are refused; spaces are allowed", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    const code = totpCodeAt(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now })).toBe(stepAt(now));
    expect(verifyTotp(newTotpSecret(), code, { now })).toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", "12345a"]) expect(verifyTotp(secret, bad, { now })).toBeNull();
  });

  test("secrets are 160-bit base32, shown in groups of four; the URI names the issuer and user", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupedSecret(secret).split(" ")).toHaveLength(8);
    const uri = new URL(otpauthUri(secret, "ann@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Tierwise");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(looksLikeTotpCode("123 456")).toBe(true);
    expect(looksLikeTotpCode("k7m2p-x9q4r")).toBe(false);
  });
});
