import { afterEach, beforeEach, expect, test } from "vitest";
import { hashRecoveryCode, generateRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { open, seal } from "./server-keys";

const saved = process.env.AUTH_SECRET;
beforeEach(() => {
  process.env.AUTH_SECRET = "unit-test-secret-unit-test-secret-0123";
});
afterEach(() => {
  process.env.AUTH_SECRET = saved;
});

test("a sealed TOTP secret opens for its user only, and does not contain the secret", () => {
  const sealed = seal("JBSWY3DPEHPK3PXP", "user-1");
  expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
  expect(sealed).toMatch(/^v1\./);
  expect(open(sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP");
  expect(seal("JBSWY3DPEHPK3PXP", "user-1")).not.toBe(sealed); // a fresh IV each time
  expect(() => open(sealed, "user-2")).toThrow();
});

test("a tampered value or another AUTH_SECRET does not open", () => {
  const sealed = seal("JBSWY3DPEHPK3PXP", "user-1");
  const [v, iv, tag, body] = sealed.split(".");
  const flipped = Buffer.from(body!, "base64url");
  flipped[0] = flipped[0]! ^ 1;
  expect(() => open([v, iv, tag, flipped.toString("base64url")].join("."), "user-1")).toThrow();
  process.env.AUTH_SECRET = "another-secret-another-secret-another-1";
  expect(() => open(sealed, "user-1")).toThrow();
});

test("recovery codes: 10 distinct codes, hashed with a keyed HMAC, forgiving of case, spaces and hyphens", () => {
  const codes = generateRecoveryCodes();
  expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
  const [code] = codes as [string];
  const hash = hashRecoveryCode(code);
  expect(hash).not.toContain(normaliseRecoveryCode(code));
  expect(hashRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `)).toBe(hash);
  expect(hashRecoveryCode(codes[1]!)).not.toBe(hash);
  process.env.AUTH_SECRET = "another-secret-another-secret-another-1";
  expect(hashRecoveryCode(code)).not.toBe(hash); // the key comes from AUTH_SECRET
});
