import { expect, test, type Locator, type Page } from "@playwright/test";
import { authFile } from "./support/users";

// Nothing is saved: the suggestion goes into the draft on screen only, so this spec does not
// change what other specs see.
test.use({ storageState: authFile("admin") });

/** "$1,234,567" or "1,234" -> 1234567 / 1234. */
function readNumber(text: string | null): number {
  const n = Number((text ?? "").replace(/[^0-9.-]/g, ""));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

async function liveCount(page: Page, tierKey: string): Promise<number> {
  const row = page.getByTestId("tier-preview").locator(`[data-testid="tier-preview-row"][data-tier-key="${tierKey}"]`);
  return readNumber(await row.getByTestId("tier-count").textContent());
}

/** Each group's revenue in the horizon, by group key, from one of the backtest's tables. */
async function revenues(table: Locator): Promise<Record<string, number>> {
  const rows = table.locator("tbody tr");
  const out: Record<string, number> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out[(await row.getAttribute("data-group")) ?? `row ${i}`] = readNumber(await row.getByTestId("revenue").textContent());
  }
  return out;
}

test("an admin backtests the tier scheme 12 months back, applies a top-5% threshold to Tier 1 and sees the count and the backtest change", async ({ page }) => {
  // Two backtests, two live previews and a suggestion, each a server round trip: more than the
  // default minute when the machine is busy.
  test.setTimeout(120_000);
  await page.goto("/admin/rules/tiers");
  await expect(page.getByRole("heading", { level: 1, name: "Tier scheme" })).toBeVisible();
  await expect(page.getByTestId("tier-preview").getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });

  const panel = page.getByTestId("tier-backtest");
  await panel.getByRole("button", { name: "12 months ago" }).click();
  await expect(panel.getByRole("button", { name: "12 months ago" })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByLabel("Horizon")).toHaveValue("6");
  await panel.getByRole("button", { name: "Run backtest" }).click();

  const draft = panel.getByTestId("backtest-draft");
  const published = panel.getByTestId("backtest-published");
  await expect(draft).toBeVisible({ timeout: 30_000 });
  await expect(published).toBeVisible();
  await expect(panel.getByTestId("backtest-verdict")).toContainText("more per account than average");
  await expect(panel.getByText(/recomputed from dated orders and events: .*Lifetime value/)).toBeVisible();

  const tier1 = page.getByRole("region", { name: /^Tier 1:/ });
  const tierKey = (await page.getByTestId("tier-card").first().getAttribute("data-tier-key")) ?? "";
  const draftBefore = await revenues(draft);
  const publishedBefore = await revenues(published);
  expect(draftBefore[tierKey], "Tier 1 bought something in the horizon").toBeGreaterThan(0);
  expect(publishedBefore[tierKey]).toBeGreaterThan(0);
  const countBefore = await liveCount(page, tierKey);

  // Tier 1's "Lifetime value is at least" condition: suggest, then apply the top 5%.
  const condition = tier1.getByRole("group", { name: /^Condition \d+: Lifetime value is at least$/ }).first();
  await condition.getByRole("button", { name: "Suggest a threshold for Lifetime value" }).click();
  const suggestions = page.getByRole("dialog", { name: "Suggested thresholds for Lifetime value" });
  await expect(suggestions.getByTestId("threshold-histogram")).toBeVisible({ timeout: 30_000 });
  const apply = suggestions.getByRole("button", { name: /^Apply Top 5%: / });
  const label = (await apply.getAttribute("aria-label")) ?? "";
  const value = readNumber(label.split(":")[1] ?? "");
  await apply.click();
  await expect(suggestions).toBeHidden();
  await expect(condition.getByRole("textbox", { name: "Value for Lifetime value in US dollars" })).toHaveValue(value.toLocaleString("en-US"));

  await expect
    .poll(() => liveCount(page, tierKey), { message: "the live count of Tier 1 changes", timeout: 30_000 })
    .not.toBe(countBefore);
  await expect
    .poll(async () => (await revenues(draft))[tierKey], { message: "the draft's Tier 1 revenue in the backtest changes", timeout: 60_000 })
    .not.toBe(draftBefore[tierKey]);
  // The published scheme did not change.
  expect((await revenues(published))[tierKey]).toBe(publishedBefore[tierKey]);
});
