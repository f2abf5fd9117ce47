import { expect, test } from "@playwright/test";
import { column, filterOptions, pickFilterOption, readTotal, waitForRows } from "./support/accounts";
import { authFile, currentUserName, openSessionAs } from "./support/users";

test.describe("as a manager", () => {
  test.use({ storageState: authFile("manager") });

  test("sees all accounts with an owner filter and column", async ({ page }) => {
    await page.goto("/accounts");
    await expect(page.getByRole("heading", { level: 1, name: "All accounts" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Owner", exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Owner" })).toBeVisible();
    expect(await readTotal(page)).toBeGreaterThan(0);
  });
});

test.describe("as a rep", () => {
  test.use({ storageState: authFile("rep1") });

  test("another rep's account is not found, though the manager can open it", async ({ page, browser, baseURL }) => {
    await page.goto("/accounts");
    const repName = await currentUserName(page);

    // Find an account owned by someone else, the way a manager would.
    const manager = await openSessionAs(browser, baseURL, "manager");
    let other: { id: number; name: string };
    try {
      await manager.goto("/accounts");
      const otherRep = (await filterOptions(manager, "Owner")).find((o) => o !== repName && o !== "Unassigned");
      expect(otherRep, "another rep owns accounts").toBeDefined();
      await pickFilterOption(manager, "Owner", otherRep!);
      const table = await waitForRows(manager, (t) => column(t, "Owner").every((o) => o === otherRep), `rows owned by ${otherRep}`);
      other = table.rows[0]!;

      await manager.goto(`/accounts/${other.id}`);
      await expect(manager.getByRole("heading", { level: 1, name: other.name })).toBeVisible();
    } finally {
      await manager.context().close();
    }

    await page.goto(`/accounts/${other.id}`);
    await expect(page.getByRole("heading", { name: /not (be )?found/i })).toBeVisible();
    await expect(page.getByRole("heading", { name: other.name })).toHaveCount(0);
  });
});
