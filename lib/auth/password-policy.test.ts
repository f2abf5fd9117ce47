import { describe, expect, test } from "vitest";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

describe("password policy", () => {
  test("length: at least 12, at most 200 characters", () => {
    expect(passwordProblem("violet-otter")).toBeNull(); // exactly 12
    expect(passwordProblem("violet-otte")).toMatch(/at least 12/);
    expect(passwordProblem("")).toMatch(/at least 12/);
    expect("violet-otter".length).toBe(PASSWORD_MIN_LENGTH);
    expect(passwordProblem("mauve-".repeat(33) + "ab")).toBeNull(); // 200
    expect(passwordProblem("mauve-".repeat(33) + "abc")).toMatch(/at most 200/);
    expect("mauve-".repeat(33).length + 2).toBe(PASSWORD_MAX_LENGTH);
  });

  test.each([
    "password1234",
    "PASSWORD1234",
    "Password123!",
    "!!Password2024??",
    "p@ssw0rd12345",
    "qwertyuiop123",
    "Qwertyuiop!!",
    "123456789012",
    "098765432109",
    "abcdefghijklm",
    "aaaaaaaaaaaa",
    "111111111111",
    "dragondragon",
    "abcabcabcabc",
    "iloveyou2024!",
    "Summer2024!!",
    "letmein123456",
    "correct horse battery staple",
    "CorrectHorseBatteryStaple",
    "1q2w3e4r5t6y",
    "changeme-2024",
  ])("refuses the common or guessable %j", (password) => {
    expect(passwordProblem(password)).toMatch(/too common/);
  });

  test.each(["violet-otter-harbour", "Tr4ck-Meadow-Plum", "seven lazy copper kites", "gW8#pL2!vQ9zR"])(
    "accepts %j",
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  test("refuses a password containing the e-mail local part, in any case", () => {
    const email = "Jane.Doe@example.com";
    expect(passwordProblem("my-jane.doe-secret", { email })).toMatch(/e-mail/);
    expect(passwordProblem("MY-JANE.DOE-SECRET", { email })).toMatch(/e-mail/);
    expect(passwordProblem("violet-otter-harbour", { email })).toBeNull();
    // Short local parts would refuse too much: they are not checked.
    expect(passwordProblem("violet-otter-harbour", { email: "vi@example.com" })).toBeNull();
  });
});

describe("the common-password list", () => {
  test("holds at least the 10,000 most common passwords, and they are refused", async () => {
    const { default: list } = await import("@/lib/auth/common-passwords.json");
    expect(list.length).toBeGreaterThanOrEqual(10_000);
    // Past the hand-written list: long entries from deep in the frequency list.
    const long = list.filter((p) => p.length >= 12).slice(-20);
    expect(long.length).toBe(20);
    for (const password of long) expect(passwordProblem(password), password).toMatch(/too common/);
    expect(passwordProblem("qwertyuiop[]")).toMatch(/too common/);
  });
});
