import { expect, test } from "@playwright/test";
import { readTable } from "./support/accounts";
import { authFile } from "./support/users";

/**
 * Account names in tables are plain anchors (one per row); the app shell turns a click on one into
 * a client-side navigation, prefetches the page when the pointer rests on it, and leaves clicks
 * meant for a new tab to the browser (components/shell/soft-navigation.tsx).
 */
test.use({ storageState: authFile("rep1") });

test("a click on an account name in the list navigates without loading a new document", async ({ page }) => {
  await page.goto("/accounts");
  const account = (await readTable(page)).rows[0];
  expect(account, "the rep has accounts").toBeDefined();
  // A full page load would start a new window object and lose this mark.
  await page.evaluate(() => ((window as unknown as { softMark: string }).softMark = "still here"));
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(request.url());
  });

  const link = page.getByRole("table").getByRole("link", { name: account!.name, exact: true });
  // Pointing at it prefetches the page (a router request, not a document).
  const prefetch = page.waitForRequest((r) => new URL(r.url()).pathname === `/accounts/${account!.id}` && r.resourceType() !== "document");
  await link.hover();
  await prefetch;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account!.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: account!.name })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { softMark?: string }).softMark)).toBe("still here");
  expect(documents).toEqual([]);

  // Back to the list, still without a new document.
  await page.goBack();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole("heading", { level: 1, name: "My accounts" })).toBeVisible();
  expect(documents).toEqual([]);
});

test("a click with the new-tab modifier opens the account in a new tab and leaves the list where it is", async ({ page, context }) => {
  await page.goto("/accounts");
  const account = (await readTable(page)).rows[0]!;
  const opened = context.waitForEvent("page");
  await page
    .getByRole("table")
    .getByRole("link", { name: account.name, exact: true })
    .click({ modifiers: [process.platform === "darwin" ? "Meta" : "Control"] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(`/accounts/${account.id}`);
  await expect(page).toHaveURL(/\/accounts$/);
  await tab.close();
});
