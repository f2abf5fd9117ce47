import { expect, test } from "@playwright/test";
import { readTable } from "./support/accounts";
import { authFile } from "./support/users";

test.use({ storageState: authFile("rep1") });

test("opening an account from the list shows its page", async ({ page }) => {
  await page.goto("/accounts");
  const first = (await readTable(page)).rows[0];
  expect(first, "the rep has accounts").toBeDefined();

  await page.getByTestId("accounts-table").getByRole("link", { name: first!.name, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${first!.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: first!.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Technology stack" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /\b(value|orders)\b/i }).first()).toBeVisible();
});
