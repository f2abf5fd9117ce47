import { expect, test, type Page } from "@playwright/test";
import { readTable } from "./support/accounts";
import { authFile } from "./support/users";

/**
 * Wide tables scroll sideways inside their own labelled, focusable region; the page itself never
 * scrolls sideways, on a 390-px phone or a 1440-px laptop.
 */

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1440, height: 900 };

async function expectNoPageOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide in a ${innerWidth}-px window`).toBeLessThanOrEqual(innerWidth);
}

/** The accounts table's last column header can be scrolled into its region's view, and is then inside the window. */
async function expectLastColumnReachable(page: Page, what: string): Promise<void> {
  const region = page.getByRole("region", { name: "Accounts table" });
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute("tabindex", "0");
  const last = page.getByTestId("accounts-table").locator("thead th").last();
  await last.scrollIntoViewIfNeeded();
  const box = await last.boundingBox();
  const frame = await region.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box && frame, `${what}: the last column header and the table's region have a size`).toBeTruthy();
  expect(box!.x, `${what}: the last column starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: the last column ends inside the window`).toBeLessThanOrEqual(width + 1);
  expect(box!.x + box!.width, `${what}: the last column ends inside the table's frame`).toBeLessThanOrEqual(frame!.x + frame!.width + 1);
}

test.describe("a rep", () => {
  test.use({ storageState: authFile("rep1") });

  for (const size of [PHONE, LAPTOP]) {
    test(`at ${size.width} px: the accounts table scrolls to its last column, the page does not overflow`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto("/accounts");
      await expect(page.getByTestId("accounts-table")).toBeVisible();
      await expectNoPageOverflow(page, `/accounts at ${size.width}`);
      await expectLastColumnReachable(page, `/accounts at ${size.width}`);
      await expectNoPageOverflow(page, `/accounts at ${size.width}, scrolled to the last column`);
    });
  }

  test("at 390 px: /today, an account page, a segment page and the matrix do not overflow", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/accounts");
    const account = (await readTable(page)).rows[0];
    expect(account).toBeDefined();
    await page.goto("/segments");
    const segment = await page.locator("main a[href^='/segments/']").first().getAttribute("href");
    for (const url of ["/today", `/accounts/${account!.id}`, segment!, "/matrix", "/segments"]) {
      await page.goto(url);
      await expect(page.locator("h1").first()).toBeVisible();
      await expectNoPageOverflow(page, `${url} at 390`);
    }
  });
});

test.describe("an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("at 390 px: users, audit log and jobs keep their tables in scrollable regions", async ({ page }) => {
    await page.setViewportSize(PHONE);
    for (const [url, region] of [
      ["/admin/users", "Users table"],
      ["/admin/audit", "Audit log table"],
      ["/admin/jobs", /jobs table$/],
    ] as const) {
      await page.goto(url);
      await expect(page.locator("h1").first()).toBeVisible();
      await expect(page.getByRole("region", { name: region }).first()).toHaveAttribute("tabindex", "0");
      await expectNoPageOverflow(page, `${url} at 390`);
    }
  });
});
