import { expect, test, type Page } from "@playwright/test";
import { readTable, readTotal } from "./support/accounts";
import { authFile } from "./support/users";

test.use({ storageState: authFile("rep1") });

const count = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().getAttribute("data-count"));

test("the matrix counts exactly the rep's accounts, in every mode", async ({ page }) => {
  await page.goto("/accounts");
  const repTotal = await readTotal(page);
  expect(repTotal, "rep1 has accounts").toBeGreaterThan(0);

  for (const mode of ["Segments", "Technology categories", "Hosting preference"]) {
    await page.goto("/matrix");
    const tab = page.getByRole("navigation", { name: "Matrix columns" }).getByRole("link", { name: mode });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("matrix")).toBeVisible();
    expect(await count(page, "matrix-total"), `${mode}: total`).toBe(repTotal);
    // Tiers partition the accounts: the row totals add up to the total.
    const rows = await page.getByTestId("matrix-row-total").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
    expect(rows.reduce((a, b) => a + b, 0), `${mode}: row totals`).toBe(repTotal);
  }
});

for (const by of ["segment", "category", "hosting"] as const) {
  test(`a ${by} cell opens the accounts list filtered to it, with the cell's count`, async ({ page }) => {
    await page.goto(`/matrix?by=${by}`);
    // The cell whose link is last in reading order tends to be small, so the whole list fits a page or two.
    const cells = page.locator('a[data-testid="matrix-cell"]');
    expect(await cells.count(), "the matrix has linked cells").toBeGreaterThan(0);
    const cell = cells.last();
    const expected = Number(await cell.getAttribute("data-count"));
    const href = (await cell.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/accounts\?/);
    const filter = new URL(href, "http://x").searchParams;
    expect(filter.get("tier")).toBeTruthy();
    expect(filter.get(by)).toBeTruthy();

    await cell.click();
    await expect(page).toHaveURL((url) => url.pathname === "/accounts" && url.searchParams.get(by) === filter.get(by) && url.searchParams.get("tier") === filter.get("tier"));
    expect(await readTotal(page)).toBe(expected);
  });
}

test("the segments page lists published segments with sizes that match their member lists", async ({ page }) => {
  await page.goto("/segments");
  await expect(page.getByRole("heading", { level: 1, name: "Segments" })).toBeVisible();
  const segments = page.getByTestId("segment");
  expect(await segments.count(), "the demo publishes segments").toBeGreaterThan(0);

  const first = segments.first();
  await expect(first.getByTestId("segment-rule")).not.toBeEmpty();
  await expect(first.getByTestId("segment-trend")).toContainText(/days/);
  const size = Number(((await first.getByTestId("segment-size").textContent()) ?? "").replace(/,/g, ""));
  expect(Number.isInteger(size)).toBe(true);

  await first.getByRole("link", { name: /^View members of / }).click();
  await expect(page).toHaveURL(/\/accounts\?segment=\d+$/);
  expect(await readTotal(page)).toBe(size);
});

test("a segment's page shows its header and its top members", async ({ page }) => {
  await page.goto("/segments");
  const first = page.getByTestId("segment").first();
  const name = ((await first.getByRole("heading").textContent()) ?? "").trim();
  await first.getByRole("heading").getByRole("link").click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Members by tier" })).toBeVisible();
});

test("an account page explains its tier, segments, score and history", async ({ page }) => {
  await page.goto("/accounts");
  const account = (await readTable(page)).rows[0];
  expect(account, "the rep has accounts").toBeDefined();
  await page.goto(`/accounts/${account!.id}`);

  const tier = page.getByTestId("explain-tier");
  await expect(tier.getByRole("heading", { name: "Why this tier" })).toBeVisible();
  await expect(tier.getByTestId("trace-condition").first().or(tier.getByText(/no tier scheme published/i))).toBeVisible();
  await expect(page.getByRole("heading", { name: "Segments", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why this score" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Membership history" })).toBeVisible();

  // Segment traces open on demand.
  const segment = page.getByTestId("explain-segment").first();
  if ((await segment.count()) > 0) {
    await segment.locator("summary").click();
    await expect(segment.getByTestId("trace-condition").first()).toBeVisible();
  }
});
