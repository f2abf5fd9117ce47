import { expect, test } from "@playwright/test";
import { WRONG_CREDENTIALS, addRepAsAdmin, authFile, submitSignIn } from "./support/users";

// Adds a user: it runs after the read-only specs (playwright.config.ts), so owner lists they read stay as seeded.
test.use({ storageState: authFile("admin") });

test("a new rep with no accounts is told so on the accounts page", async ({ page, browser, baseURL }) => {
  // Five sign-ins and two password changes, each a deliberately slow bcrypt.
  test.slow();
  const email = `new-rep-${Date.now()}@tierwise.local`;
  const password = "violet-otter-harbour";
  const newPassword = "copper kites over the harbour";
  await addRepAsAdmin(page, { name: "Nora New", email, password: password });

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const rep = await context.newPage();
    await submitSignIn(rep, email, password);
    await expect(rep.getByTestId("current-user")).toHaveText("Nora New");
    // The admin chose this password: the new rep must choose their own before anything else.
    await expect(rep).toHaveURL(/\/account\/password$/);
    await expect(rep.getByText("An administrator set your password. Choose your own to continue.")).toBeVisible();
    await rep.goto("/accounts");
    await expect(rep).toHaveURL(/\/account\/password$/);
    await rep.getByLabel("Current password").fill("not-the-password");
    await rep.getByLabel("New password", { exact: true }).fill(newPassword);
    await rep.getByLabel("New password again").fill(newPassword);
    await rep.getByRole("button", { name: "Change password" }).click();
    await expect(rep.getByText("That is not your current password.")).toBeVisible();
    await rep.getByLabel("Current password").fill(password);
    await rep.getByLabel("New password", { exact: true }).fill(newPassword);
    await rep.getByLabel("New password again").fill(newPassword);
    await rep.getByRole("button", { name: "Change password" }).click();
    await expect(rep).toHaveURL(/\/today$/);
    await rep.goto("/accounts");
    await expect(rep.getByText("You have no accounts assigned yet.")).toBeVisible();
    await expect(rep.getByRole("link", { name: /clear/i })).toHaveCount(0);

    // Later, from the header, with the password they chose: the old one no longer signs in.
    await rep.getByRole("link", { name: "Change password" }).click();
    await expect(rep.getByRole("heading", { name: "Change password" })).toBeVisible();
    await rep.getByLabel("Current password").fill(newPassword);
    await rep.getByLabel("New password", { exact: true }).fill(`${newPassword} again`);
    await rep.getByLabel("New password again").fill(`${newPassword} again`);
    await rep.getByRole("button", { name: "Change password" }).click();
    await expect(rep.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();
    await rep.getByRole("button", { name: "Sign out" }).click();
    await expect(rep).toHaveURL(/\/sign-in$/);
    await submitSignIn(rep, email, newPassword);
    await expect(rep.getByRole("alert").filter({ hasText: WRONG_CREDENTIALS })).toBeVisible();
    await submitSignIn(rep, email, `${newPassword} again`);
    await expect(rep).toHaveURL(/\/today$/);
  } finally {
    await context.close();
  }
});
