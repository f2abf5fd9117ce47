import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { authFile } from "./support/users";

/**
 * Keyboard only: no clicks, just Tab, Shift+Tab, Enter, Space, arrows and typing, and at every
 * stop the focused element shows a focus indicator (an outline or a ring). The admin's test
 * publishes a segment (this file is in playwright.config.ts's MUTATING list): the condition it
 * adds, "Employee count is at least 0", holds for every account, so no membership changes.
 */

interface Focused {
  tag: string;
  text: string;
  name: string;
  href: string;
  outline: string;
  shadow: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", text: "", name: "", href: "", outline: "none", shadow: "none" };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.innerText ?? el.textContent ?? "").trim(),
      name: el.getAttribute("aria-label") ?? "",
      href: el.getAttribute("href") ?? "",
      outline: style.outlineStyle === "none" || style.outlineWidth === "0px" ? "none" : `${style.outlineStyle} ${style.outlineWidth}`,
      shadow: style.boxShadow,
    };
  });
}

/** The focused element is drawn with an outline or a ring (box-shadow), not just a colour change. */
async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  const f = await focused(page);
  expect(f.outline !== "none" || f.shadow !== "none", `${what} (${f.tag} "${f.text || f.name}") shows focus: outline ${f.outline}, box-shadow ${f.shadow}`).toBe(true);
}

/** Press Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (matches(await focused(page))) {
      await expectVisibleFocus(page, what);
      return;
    }
  }
  throw new Error(`${what}: not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"} (focus is on ${JSON.stringify(await focused(page))})`);
}

test.describe("a rep", () => {
  test.use({ storageState: authFile("rep1") });

  test("filters and sorts the accounts list and opens an account, with the keyboard only", async ({ page }) => {
    await page.goto("/accounts");
    await expect(page.getByTestId("accounts-table")).toBeVisible();

    await tabTo(page, "the skip link", (f) => f.text === "Skip to content");
    await tabTo(page, "the Tier filter", (f) => f.tag === "button" && f.text === "Tier");
    await page.keyboard.press("Enter");
    const dropdown = page.getByRole("dialog", { name: "Tier filter" });
    await expect(dropdown).toBeVisible();
    // Radix moves focus into the dropdown: tick its first tier with Space.
    await expect.poll(async () => (await focused(page)).tag).toBe("input");
    await expectVisibleFocus(page, "the first tier's checkbox");
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/[?&]tier=/);
    await page.keyboard.press("Escape");
    await expect(dropdown).toBeHidden();
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Tier: /);
    const filtered = new URL(page.url()).searchParams.get("tier");

    await tabTo(page, "the Lifetime value column's sort link", (f) => f.tag === "a" && /^lifetime value/i.test(f.text));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "ltv" && url.searchParams.get("tier") === filtered);

    // On from the sort link (or from the top, if the navigation reset focus) to the first account.
    await tabTo(page, "the first account's link", (f) => f.tag === "a" && /^\/accounts\/\d+$/.test(f.href));
    const name = (await focused(page)).text;
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/accounts\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  });
});

test.describe("an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("adds a condition in the rule builder, changes its operator and value, and publishes, with the keyboard only", async ({ page }) => {
    test.setTimeout(120_000);
    // A segment whose rule combines its conditions with "all": one more condition that every
    // account meets then changes nothing. (The play specs use "On-premise ERP laggards": not that one.)
    await page.goto("/admin/rules");
    const hrefs = await page
      .getByTestId("segments-table")
      .locator("a[href^='/admin/rules/segments/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    let chosen: string | undefined;
    for (const href of [...new Set(hrefs)].reverse()) {
      await page.goto(href);
      const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
      const all = page.getByRole("group", { name: "Combine conditions with" }).getByRole("button", { name: "All" });
      if (!/ERP laggards/.test(heading) && (await all.getAttribute("aria-pressed")) === "true") {
        chosen = href;
        break;
      }
    }
    expect(chosen, "a segment whose rule matches all of its conditions").toBeDefined();
    const conditions = page.getByRole("group", { name: /^Condition \d+/ });
    const before = await conditions.count();

    // The root group's "Add condition" button comes after its conditions.
    await tabTo(page, "the Add condition button", (f) => f.tag === "button" && f.text === "Add condition");
    await page.keyboard.press("Enter");
    await expect(conditions).toHaveCount(before + 1);
    // The new condition's field picker opens with its search box focused: type, Enter.
    await expect.poll(async () => (await focused(page)).name).toBe("Search fields");
    await expectVisibleFocus(page, "the field search");
    await page.keyboard.type("Employee count");
    await page.keyboard.press("Enter");
    const added = conditions.nth(before);
    const operator = added.getByRole("combobox", { name: "Operator for Employee count" });
    await expect(operator).toBeVisible();

    // Focus went on to the value box; Shift+Tab back to the operator and change it with the arrows.
    await tabTo(page, "the operator", (f) => f.tag === "select", { back: true, max: 3 });
    const initial = await operator.inputValue();
    await page.keyboard.press(initial === "gte" ? "ArrowUp" : "ArrowDown");
    await expect(operator).not.toHaveValue(initial);
    for (let i = 0; i < 8 && (await operator.inputValue()) !== "gte"; i++) await page.keyboard.press("ArrowDown");
    await expect(operator).toHaveValue("gte");

    await tabTo(page, "the value", (f) => f.tag === "input", { max: 3 });
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("0");
    await expect(added).toHaveAccessibleName(/Employee count is at least/);

    await tabTo(page, "the Publish button", (f) => f.tag === "button" && f.text === "Publish…", { back: true, max: 150 });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: /^Publish / });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByRole("button", { name: /^Publish v\d+$/ })).toBeEnabled({ timeout: 30_000 });
    await page.waitForTimeout(300); // the fade-in, before contrast is measured
    await expectAccessible(page, "the segment publish dialog", { include: ["[role='dialog']"] });

    await tabTo(page, "the note", (f) => f.tag === "textarea", { max: 30 });
    await page.keyboard.type(`Keyboard-only e2e ${Date.now()}: a condition every account meets`);
    await tabTo(page, "the dialog's Publish button", (f) => f.tag === "button" && /^Publish v\d+$/.test(f.text), { max: 10 });
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId("editor-status").getByText(/^Published v\d+$/)).toBeVisible();
  });
});
