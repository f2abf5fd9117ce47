import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { filterOptions, pickFilterOption, readTable } from "./support/accounts";
import { expectNamedFields } from "./support/fields";
import { authFile, type SavedSession } from "./support/users";

/**
 * axe-core (WCAG 2.2 A and AA) on every page, for each role that can see it, and on the dialogs
 * that can be opened without saving anything: 0 serious or critical violations. Read-only except
 * for one uploaded import file, which is checked through its mapping and dry run and then
 * discarded. (The publish dialog saves a draft when it opens: e2e/keyboard.spec.ts checks it, on
 * the way to publishing.)
 */

type Role = Extract<SavedSession, "rep1" | "manager" | "admin">;
const EVERYONE: Role[] = ["rep1", "manager", "admin"];
const ALL_ACCOUNTS: Role[] = ["manager", "admin"];

/** A page has rendered its content (not its loading skeleton) once its main heading shows. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator("h1").first()).toBeVisible();
  // Charts and live previews fill in after the first paint; polling pages never go quiet.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
}

/** The href of the first link on `from` whose address matches `pattern`. */
async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
  await open(page, from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `${from} links to ${pattern}`).toBeDefined();
  return href!;
}

const PAGES: { url: string; roles: Role[] }[] = [
  { url: "/today", roles: EVERYONE },
  { url: "/accounts", roles: EVERYONE },
  { url: "/segments", roles: EVERYONE },
  { url: "/matrix", roles: EVERYONE },
  { url: "/matrix?by=category", roles: EVERYONE },
  { url: "/matrix?by=hosting", roles: EVERYONE },
  { url: "/matrix?by=whitespace", roles: EVERYONE },
  { url: "/account/password", roles: EVERYONE },
  { url: "/account/two-factor", roles: EVERYONE },
  { url: "/reassign", roles: ALL_ACCOUNTS },
  { url: "/admin/plays", roles: ALL_ACCOUNTS },
  { url: "/admin/rules", roles: ["admin"] },
  { url: "/admin/rules/tiers", roles: ["admin"] },
  { url: "/admin/rules/scoring", roles: ["admin"] },
  { url: "/admin/plays/new", roles: ["admin"] },
  { url: "/admin/users", roles: ["admin"] },
  { url: "/admin/import", roles: ["admin"] },
  { url: "/admin/api", roles: ["admin"] },
  { url: "/admin/jobs", roles: ["admin"] },
  { url: "/admin/audit", roles: ["admin"] },
];

for (const role of EVERYONE) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    for (const { url } of PAGES.filter((p) => p.roles.includes(role))) {
      test(url, async ({ page }) => {
        await open(page, url);
        await expectAccessible(page, `${role} ${url}`);
        await expectNamedFields(page, `${role} ${url}`);
      });
    }

    test("the accounts list with a filter applied, and a filter's dropdown open", async ({ page }) => {
      await open(page, "/accounts");
      const region = (await filterOptions(page, "Region"))[0];
      expect(region, "the Region filter offers a region").toBeDefined();
      await pickFilterOption(page, "Region", region!);
      await expect(page).toHaveURL(/region=/);
      await expectAccessible(page, `${role} /accounts filtered by region`);
      await page.getByRole("button", { name: "Tier", exact: true }).click();
      const dropdown = page.getByRole("dialog", { name: "Tier filter" });
      await expect(dropdown).toBeVisible();
      await expectAccessible(page, `${role} /accounts with the Tier filter open`);
    });

    test("an account page", async ({ page }) => {
      await open(page, "/accounts");
      const account = (await readTable(page)).rows[0];
      expect(account, `${role} sees accounts`).toBeDefined();
      await open(page, `/accounts/${account!.id}`);
      await expectAccessible(page, `${role} /accounts/${account!.id}`);
    });

    test("a segment page", async ({ page }) => {
      const href = await firstLink(page, "/segments", /^\/segments\/\d+$/);
      await open(page, href);
      await expectAccessible(page, `${role} ${href}`);
    });

    test("the API reference, Scalar's rendering included", async ({ page }) => {
      await page.goto("/admin/api/reference");
      // Scalar renders on the client, from the bundled document: its sidebar search marks it done.
      await expect(page.locator(".sidebar-search-placeholder").first()).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
      await expectAccessible(page, `${role} /admin/api/reference`);
    });

    test("pages that do not exist: an account, an address", async ({ page }) => {
      for (const url of ["/accounts/2000000000", "/no-such-page"]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        await expectAccessible(page, `${role} 404 at ${url}`);
      }
    });
  });
}

test.describe("as admin, editors and dialogs", () => {
  test.use({ storageState: authFile("admin") });

  test("a segment's rule builder", async ({ page }) => {
    const href = await firstLink(page, "/admin/rules", /^\/admin\/rules\/segments\/\d+$/);
    await open(page, href);
    await expect(page.getByRole("group", { name: /^Condition \d+:/ }).first()).toBeVisible();
    await expectAccessible(page, `admin ${href}`);
    await expectNamedFields(page, `admin ${href}`);
  });

  test("the tier scheme's backtest and a threshold suggestion", async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, "/admin/rules/tiers");
    const panel = page.getByTestId("tier-backtest");
    await panel.getByRole("button", { name: "12 months ago" }).click();
    await panel.getByRole("button", { name: "Run backtest" }).click();
    await expect(panel.getByTestId("backtest-draft")).toBeVisible({ timeout: 60_000 });
    await expectAccessible(page, "admin /admin/rules/tiers with a backtest");
    const condition = page.getByRole("region", { name: /^Tier 1:/ }).getByRole("group", { name: /^Condition \d+: Lifetime value is at least$/ }).first();
    await condition.getByRole("button", { name: "Suggest a threshold for Lifetime value" }).click();
    const suggestions = page.getByRole("dialog", { name: "Suggested thresholds for Lifetime value" });
    await expect(suggestions.getByTestId("threshold-histogram")).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page, "admin threshold suggestions", { include: ["[role='dialog']"] });
  });

  test("a play's editor", async ({ page }) => {
    const href = await firstLink(page, "/admin/plays", /^\/admin\/plays\/\d+$/);
    await open(page, href);
    await expectAccessible(page, `admin ${href}`);
    await expectNamedFields(page, `admin ${href}`);
  });

  test("the user dialogs: add, role, reset password, deactivate", async ({ page }) => {
    await open(page, "/admin/users");
    const checks: { button: RegExp; dialog: "dialog" | "alertdialog" }[] = [
      { button: /^Add user$/, dialog: "dialog" },
      { button: /^Role$/, dialog: "dialog" },
      { button: /^Reset password$/, dialog: "dialog" },
      { button: /^Deactivate$/, dialog: "alertdialog" },
    ];
    for (const { button, dialog } of checks) {
      await page.getByRole("button", { name: button }).and(page.locator(":enabled")).first().click();
      const open = page.getByRole(dialog);
      await expect(open).toBeVisible();
      // Radix fades dialogs in: measure contrast once the animation is over.
      await page.waitForTimeout(300);
      await expectAccessible(page, `admin /admin/users, ${button.source} dialog`, { include: [`[role='${dialog}']`] });
      await expectNamedFields(page, `admin /admin/users, ${button.source} dialog`);
      await page.keyboard.press("Escape");
      await expect(open).toBeHidden();
    }
  });

  test("the new API key and new segment dialogs", async ({ page }) => {
    await open(page, "/admin/api");
    await page.getByRole("button", { name: "New key" }).click();
    await expect(page.getByRole("dialog", { name: "New API key" })).toBeVisible();
    await page.waitForTimeout(300);
    await expectAccessible(page, "admin New API key dialog", { include: ["[role='dialog']"] });
    await expectNamedFields(page, "admin New API key dialog");
    await page.keyboard.press("Escape");

    await open(page, "/admin/rules");
    await page.getByRole("button", { name: /^New segment/ }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.waitForTimeout(300);
    await expectAccessible(page, "admin New segment dialog", { include: ["[role='dialog']"] });
    await expectNamedFields(page, "admin New segment dialog");
    await page.keyboard.press("Escape");
  });

  test("the import wizard: upload, mapping, dry run (then discarded)", async ({ page }) => {
    test.setTimeout(120_000);
    await open(page, "/admin/import");
    await expectAccessible(page, "admin import step 1 (upload)");
    await page.getByLabel(/^CSV file:/).setInputFiles(path.join("tests", "fixtures", "import", "accounts-valid.csv"));
    await page.getByRole("button", { name: "Upload and map columns" }).click();
    await expect(page.getByRole("heading", { name: "2. Map columns" })).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page, "admin import step 2 (mapping)");
    await expectNamedFields(page, "admin import step 2 (mapping)");
    await page.getByRole("button", { name: "Run dry run" }).click();
    await expect(page.getByRole("heading", { name: "3. Dry run" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("row-counts").or(page.getByTestId("import-errors")).first()).toBeVisible({ timeout: 60_000 });
    await expectAccessible(page, "admin import step 3 (dry run)");
    await page.getByRole("button", { name: "Discard" }).click();
    await expect(page.getByRole("heading", { name: "1. Upload" })).toBeVisible();
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page", async ({ page }) => {
    await open(page, "/sign-in");
    await expectAccessible(page, "/sign-in");
  });

  test("the sign-in page with an error", async ({ page }) => {
    await open(page, "/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForTimeout(300);
    await expectAccessible(page, "/sign-in after an empty submit");
  });
});
