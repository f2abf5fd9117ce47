import { expect, test } from "@playwright/test";
import { authFile, submitSignIn } from "./support/users";

// Adds a user: it runs after the read-only specs (playwright.config.ts), so owner lists they read stay as seeded.
test.use({ storageState: authFile("admin") });

test("a new rep with no accounts is told so on the accounts page", async ({ page, browser, baseURL }) => {
  const email = `new-rep-${Date.now()}@tierwise.local`;
  const password = "violet-otter-harbour";
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill("Nora New");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role").selectOption("REP");
  await dialog.getByLabel("Initial password").fill(password);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nora New can now sign in." })).toBeVisible();

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const rep = await context.newPage();
    await submitSignIn(rep, email, password);
    await expect(rep.getByTestId("current-user")).toHaveText("Nora New");
    await rep.goto("/accounts");
    await expect(rep.getByText("You have no accounts assigned yet.")).toBeVisible();
    await expect(rep.getByRole("link", { name: /clear/i })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
