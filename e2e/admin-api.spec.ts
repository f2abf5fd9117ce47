import { expect, test } from "@playwright/test";
import { authFile } from "./support/users";

// Adds an account through the API: it runs after the other mutating specs (playwright.config.ts).
test.use({ storageState: authFile("admin") });

test("an admin creates an API key, sees it once, a client adds and renames an account with it, the admin revokes it and the next call gets 401", async ({ page, request }) => {
  const keyName = `E2E sync ${Date.now()}`;
  await page.goto("/admin/api");
  await expect(page.getByRole("heading", { name: "API & webhooks", level: 1 })).toBeVisible();

  // Create the key: the dialog refuses it without a scope, then shows the secret once.
  await page.getByRole("button", { name: "New key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill(keyName);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await dialog.getByLabel(/accounts:write/).check();
  await dialog.getByRole("button", { name: "Create key" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Your new API key" });
  await expect(secretDialog.getByText("You will not see it again")).toBeVisible();
  const key = await secretDialog.getByTestId("api-key-value").inputValue();
  expect(key).toMatch(/^tw_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
  const prefix = key.slice(0, 11);
  await secretDialog.getByRole("button", { name: "I have stored the key" }).click();
  await expect(secretDialog).toBeHidden();

  const row = page.getByTestId("api-keys-table").getByRole("row").filter({ hasText: keyName });
  await expect(row).toContainText(`${prefix}_…`);
  await expect(row).toContainText("Active");
  await page.reload();
  expect(await page.content()).not.toContain(key.slice(12)); // the secret is never shown again

  // A client uses the key: it may write accounts but not read them; it creates an account, then renames it.
  const auth = { Authorization: `Bearer ${key}` };
  const forbidden = await request.get("/api/v1/accounts", { headers: auth });
  expect(forbidden.status()).toBe(403);
  const stamp = Date.now();
  const domain = `e2e-api-${stamp}.example.com`;
  const created = await request.post("/api/v1/accounts/batch", {
    headers: auth,
    data: { items: [{ domain, name: `API Test ${stamp}`, industry: "Software", country: "US", employeeCount: 120 }] },
  });
  expect(created.status()).toBe(200);
  expect(created.headers()["ratelimit-remaining"]).toBeDefined();
  const { accountIds } = (await created.json()) as { created: number; accountIds: number[] };
  expect(accountIds).toHaveLength(1);
  await page.goto(`/accounts/${accountIds[0]}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`API Test ${stamp}`);

  const rename = { headers: { ...auth, "Idempotency-Key": `e2e-rename-${stamp}` }, data: { items: [{ domain, name: `Renamed by API ${stamp}` }] } };
  const renamed = await request.post("/api/v1/accounts/batch", rename);
  expect(renamed.status()).toBe(200);
  expect(await renamed.json()).toMatchObject({ created: 0, updated: 1, accountIds });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Renamed by API ${stamp}`);

  // The admin sees it used, then revokes it.
  await page.goto("/admin/api");
  await expect(row.getByTestId("last-used")).not.toHaveText("Never");
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${keyName}”?` });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");

  const refused = await request.post("/api/v1/accounts/batch", rename);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});
