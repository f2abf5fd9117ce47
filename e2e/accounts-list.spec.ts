import { expect, test } from "@playwright/test";
import { column, parseMoney, pickFilterOption, readTable, readTotal, waitForRows } from "./support/accounts";
import { authFile, currentUserName, openSessionAs } from "./support/users";

test.use({ storageState: authFile("rep1") });

test.beforeEach(async ({ page }) => {
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "My accounts" })).toBeVisible();
});

test("a rep sees exactly the accounts the manager sees under the rep's name", async ({ page, browser, baseURL }) => {
  const repName = await currentUserName(page);
  const repTotal = await readTotal(page);
  await expect(page.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Owner", exact: true })).toHaveCount(0);

  const manager = await openSessionAs(browser, baseURL, "manager");
  try {
    await manager.goto("/accounts");
    await pickFilterOption(manager, "Owner", repName);
    await expect(manager).toHaveURL(/[?&]owner=[^&,]+(&|$)/);
    await waitForRows(manager, (t) => column(t, "Owner").every((o) => o === repName), `every row owned by ${repName}`);
    expect(await readTotal(manager)).toBe(repTotal);
  } finally {
    await manager.context().close();
  }
});

test("searching by part of a name narrows the list and keeps the search in the URL", async ({ page }) => {
  const before = await readTotal(page);
  const first = (await readTable(page)).rows[0];
  expect(first, "the rep has accounts").toBeDefined();
  // The longest plain word of a visible name: specific enough to narrow, certain to match.
  const words = first!.name.split(/\s+/).filter((w) => /^[a-z]{3,}$/i.test(w));
  const term = (words.reduce((a, b) => (b.length > a.length ? b : a), "") || first!.name.slice(0, 4)).toLowerCase();

  await page.getByRole("searchbox", { name: "Search accounts by name or domain" }).fill(term);
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === term);
  const table = await waitForRows(
    page,
    (t) => t.rows.every((r) => r.cells[0]!.toLowerCase().includes(term)) && t.rows.some((r) => r.id === first!.id),
    `every row matches "${term}"`,
  );
  expect(table.rows.length).toBeGreaterThan(0);
  const after = await readTotal(page);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});

/** Filters shown as a column too, so the result can be checked row by row. */
const COLUMN_FILTERS = [
  { filter: "Region", column: "Region", param: "region" },
  { filter: "Industry", column: "Industry", param: "industry" },
  { filter: "Journey stage", column: "Stage", param: "stage" },
  { filter: "Loyalty", column: "Loyalty", param: "loyalty" },
];

test("a filter narrows the list and survives a reload", async ({ page }) => {
  const before = await readTotal(page);
  const table = await readTable(page);
  // Region first; a rep whose accounts all share one region (a territory) gets the next filter.
  const choice = COLUMN_FILTERS.find(({ column: c }) => new Set(column(table, c)).size > 1);
  expect(choice, "the rep's accounts differ in region, industry, stage or loyalty").toBeDefined();
  const { filter, column: label, param } = choice!;
  const value = column(table, label)[0]!;

  await pickFilterOption(page, filter, value);
  await expect(page).toHaveURL((url) => Boolean(url.searchParams.get(param)));
  await waitForRows(page, (t) => column(t, label).every((v) => v === value), `every row has ${label} ${value}`);
  const filtered = await readTotal(page);
  const url = page.url();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(before);

  await page.reload();
  expect(page.url()).toBe(url); // the filter lives in the URL
  await expect(page.getByRole("button", { name: `${filter}: ${value}` })).toBeVisible();
  expect(column(await readTable(page), label).every((v) => v === value)).toBe(true);
  expect(await readTotal(page)).toBe(filtered);
});

test("sorting by lifetime value goes highest first, then lowest first", async ({ page }) => {
  const header = page.getByRole("columnheader", { name: "Lifetime value" });
  const values = async () => column(await readTable(page), "Lifetime value").map(parseMoney).filter((v) => v !== null);

  await header.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=ltv/);
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const descending = await values();
  expect(descending.length).toBeGreaterThan(1);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));

  await header.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]dir=asc/);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const ascending = await values();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending[0]!).toBeLessThanOrEqual(descending[0]!);
  expect(ascending[0]!).toBeLessThanOrEqual(descending.at(-1)!);
});

test("Next shows the second page of 50", async ({ page }) => {
  const total = await readTotal(page);
  // The demo seed gives every rep hundreds of accounts; fewer would mean the seed changed.
  expect(total).toBeGreaterThan(50);
  const firstOnPage1 = (await readTable(page)).rows[0]!.id;

  await page.getByRole("link", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId("result-range")).toHaveText(new RegExp(`^Showing 51–${Math.min(100, total)} of`));
  const page2 = await readTable(page);
  expect(page2.rows[0]!.id).not.toBe(firstOnPage1);
  expect(page2.rows.length).toBe(Math.min(50, total - 50));
});
