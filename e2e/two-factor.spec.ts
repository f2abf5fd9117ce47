import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { addRepAsAdmin, authFile, submitSignIn } from "./support/users";

// Creates its own user (never a shared demo user): it runs with the other mutating specs (playwright.config.ts).
test.use({ storageState: authFile("admin") });

/** The code an authenticator app shows for `secret` at `at` (ms), computed as the app would. */
function codeAt(secret: string, at: number): string {
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test("a user turns on two-factor sign-in, then signs in with a code and with a recovery code", async ({ page, browser, baseURL }) => {
  // Several sign-ins and password checks, each a deliberately slow bcrypt.
  test.slow();
  const email = `two-factor-${Date.now()}@tierwise.local`;
  const initial = "violet-otter-harbour";
  const password = "copper kites over the quiet harbour";
  await addRepAsAdmin(page, { name: "Tess Twofactor", email, password: initial });

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const user = await context.newPage();
    await submitSignIn(user, email, initial);
    await expect(user).toHaveURL(/\/account\/password$/);
    await user.getByLabel("Current password").fill(initial);
    await user.getByLabel("New password", { exact: true }).fill(password);
    await user.getByLabel("New password again").fill(password);
    await user.getByRole("button", { name: "Change password" }).click();
    await expect(user).toHaveURL(/\/today$/);

    // Enrol from the header: password, QR code and key, a first code, then the recovery codes once.
    await user.getByRole("link", { name: "Two-factor sign-in" }).click();
    await expect(user.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
    await user.getByLabel("Current password").fill(password);
    await user.getByRole("button", { name: "Continue" }).click();
    await expect(user.getByRole("img", { name: /QR code/ })).toBeVisible();
    const secret = ((await user.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await user.getByLabel("Code from the app").fill("000000" === codeAt(secret, Date.now()) ? "111111" : "000000");
    await user.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(user.getByText("That code is not right.")).toBeVisible();
    const enrolledAt = Date.now();
    await user.getByLabel("Code from the app").fill(codeAt(secret, enrolledAt));
    await user.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(user.getByTestId("recovery-codes")).toBeVisible();
    const recoveryCodes = await user.getByTestId("recovery-code").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await expect(user.getByRole("link", { name: "Download .txt" })).toHaveAttribute("download", "tierwise-recovery-codes.txt");
    await user.getByRole("button", { name: "Done" }).click();
    await expect(user.getByTestId("two-factor-status")).toContainText("10 unused recovery codes left");

    // Signing in now asks for a code in a second step, without typing the password again.
    await signOut(user);
    await submitSignIn(user, email, password);
    await expect(user.getByTestId("two-factor-step")).toBeVisible();
    await expect(user.getByLabel("Password")).toBeHidden();
    await user.getByLabel("Code").fill("12345x");
    await user.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(user.getByText("That code is not right.")).toBeVisible();
    // The enrolment used its step's code: the app's next one (accepted one step early) or a later one signs in.
    await user.getByLabel("Code").fill(codeAt(secret, Math.max(Date.now(), enrolledAt + 30_000)));
    await user.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(user).toHaveURL(/\/today$/);

    // Without the phone: a recovery code, once.
    await signOut(user);
    await submitSignIn(user, email, password);
    await user.getByLabel("Code").fill(recoveryCodes[0]!);
    await user.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(user).toHaveURL(/\/today$/);
    await user.getByRole("link", { name: "Two-factor sign-in" }).click();
    await expect(user.getByTestId("two-factor-status")).toContainText("9 unused recovery codes left");
    await signOut(user);
    await submitSignIn(user, email, password);
    await user.getByLabel("Code").fill(recoveryCodes[0]!);
    await user.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(user.getByText("That code is not right.")).toBeVisible();
  } finally {
    await context.close();
  }

  // The admin sees it on and can reset it (lost phone).
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell", { name: "On", exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Reset two-factor" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Reset two-factor" }).click();
  await expect(row.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);
});
