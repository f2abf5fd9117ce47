import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { column, parseMoney, pickFilterOption, waitForRows } from "./support/accounts";
import { authFile, currentUserName, openSessionAs } from "./support/users";

test.use({ storageState: authFile("admin") });
// The test publishes (and then restores) the tier scheme: keep its steps in order.
test.describe.configure({ mode: "serial" });

/** "$1,234,567" or "1,234" -> 1234567 / 1234. */
function readNumber(text: string | null): number {
  const n = Number((text ?? "").replace(/[^0-9.-]/g, ""));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

function previewRow(page: Page, tierName: string): Locator {
  return page
    .getByTestId("tier-preview")
    .getByTestId("tier-preview-row")
    .filter({ has: page.getByTestId("tier-name").getByText(tierName, { exact: true }) });
}

async function waitForLivePreview(page: Page): Promise<void> {
  await expect(page.getByTestId("tier-preview").getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The rep whose account the test follows from the publish into their own view. */
const REP = "rep1";

/** Do something in the rep's own browser session, closed again afterwards. */
async function asRep<T>(browser: Browser, baseURL: string | undefined, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await openSessionAs(browser, baseURL, REP);
  try {
    return await work(page);
  } finally {
    await page.context().close();
  }
}

interface FollowedAccount {
  id: number;
  name: string;
  lifetimeValue: number;
}

/** The rep's lowest-value account in a tier, from their own list filtered to that tier. */
async function smallestAccountIn(page: Page, tierName: string): Promise<FollowedAccount> {
  await page.goto("/accounts?sort=ltv&dir=asc");
  await pickFilterOption(page, "Tier", tierName);
  const table = await waitForRows(page, (t) => column(t, "Tier").every((tier) => tier === tierName), `every row is in ${tierName}`);
  const values = column(table, "Lifetime value").map((text) => parseMoney(text) ?? Number.POSITIVE_INFINITY);
  const i = values.indexOf(Math.min(...values));
  return { id: table.rows[i]!.id, name: table.rows[i]!.name, lifetimeValue: values[i]! };
}

/** The account page's header: its name and the tier badge next to it. */
function accountHeader(page: Page): Locator {
  return page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
}

/** The membership history's tier entries, newest first (segment, play and outcome entries left out). */
function tierHistory(page: Page): Locator {
  return page.getByRole("region", { name: "Membership history" }).locator('[data-testid="history-entry"][data-scope="TIER"]');
}

test("an admin raises the Tier 1 lifetime value threshold, previews the drop and publishes it with a note; a rep sees an account move", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/admin/rules/tiers");
  await expect(page.getByRole("heading", { level: 1, name: "Tier scheme" })).toBeVisible();

  const tier1 = page.getByRole("region", { name: /^Tier 1:/ });
  const tierName = await tier1.getByLabel("Name", { exact: true }).inputValue();
  // The demo scheme's first tier has a "Lifetime value ≥ …" condition: find it by its field.
  const condition = tier1.getByRole("group", { name: /^Condition \d+: Lifetime value is at least$/ }).first();
  await expect(condition, "Tier 1 has a 'Lifetime value is at least' condition").toBeVisible();
  const amount = condition.getByRole("textbox", { name: "Value for Lifetime value in US dollars" });
  const threshold = readNumber(await amount.inputValue());

  await waitForLivePreview(page);
  const row = previewRow(page, tierName);
  const countBefore = readNumber(await row.getByTestId("tier-count").textContent());
  expect(countBefore, `${tierName} has accounts to lose`).toBeGreaterThan(1);

  // Raise the bar to the lifetime value of the tier's biggest account (the sample is sorted by it),
  // so the tier keeps at least that account and loses the others below it.
  await row.locator("summary").click();
  const topValue = readNumber(await row.getByRole("listitem").first().locator(".tabular").textContent());
  const raised = Math.max(Math.floor(topValue), Math.ceil(threshold * 1.5));
  await amount.fill(String(raised));
  await amount.blur();
  await expect(amount).toHaveValue(raised.toLocaleString("en-US"));

  await expect
    .poll(async () => readNumber(await previewRow(page, tierName).getByTestId("tier-count").textContent()), {
      message: `the ${tierName} count drops in the live preview`,
      timeout: 30_000,
    })
    .toBeLessThan(countBefore);
  await waitForLivePreview(page);

  // The demo's next tier down asks for far less lifetime value: an account that falls below the
  // new bar (and was not churned, or it would not have been in the tier) lands there.
  const nextTierName = await page.getByRole("region", { name: /^Tier 2:/ }).getByLabel("Name", { exact: true }).inputValue();

  const { account, repName } = await test.step(`${REP} has a ${tierName} account below the new bar`, () =>
    asRep(browser, baseURL, async (rep) => {
      const account = await smallestAccountIn(rep, tierName);
      expect(account.lifetimeValue, `${account.name}'s lifetime value is below the raised threshold`).toBeLessThan(raised);
      await rep.goto(`/accounts/${account.id}`);
      await expect(accountHeader(rep).getByRole("heading", { level: 1 })).toHaveText(account.name);
      await expect(accountHeader(rep).getByText(tierName, { exact: true })).toBeVisible();
      return { account, repName: await currentUserName(rep) };
    }),
  );

  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: /^Publish tier scheme v\d+$/ });
  await expect(dialog).toBeVisible();
  const nextVersion = Number(/v(\d+)$/.exec((await dialog.getByRole("heading").first().textContent()) ?? "")?.[1]);
  expect(nextVersion).toBeGreaterThan(1);

  await expect(dialog.getByTestId("transition-matrix")).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId("transition-cell").first()).toBeVisible();
  const moving = readNumber(await dialog.getByTestId("publish-totals").locator("dd").first().textContent());
  expect(moving, "accounts move between tiers").toBeGreaterThan(0);
  await expect(
    dialog.getByRole("cell", { name: new RegExp(`^[\\d,]+ accounts from ${escapeRegExp(tierName)} to ${escapeRegExp(nextTierName)}, `) }),
    `the matrix shows accounts moving from ${tierName} to ${nextTierName}`,
  ).toBeVisible();
  await expect(dialog.getByTestId("publish-totals"), `${repName} is among the reps affected`).toContainText(repName);
  const movers = dialog.getByRole("region", { name: /^Biggest accounts that move/ });
  await expect(movers.getByRole("listitem").first(), "the dialog names the biggest account that moves, and where to").toContainText(
    `${tierName} → ${nextTierName}`,
  );

  await test.step("publishing without a note shows the error next to the note field", async () => {
    await dialog.getByRole("button", { name: `Publish v${nextVersion}` }).click();
    const note = dialog.getByRole("textbox", { name: /^Note/ });
    await expect(note).toHaveAttribute("aria-invalid", "true");
    await expect(note).toHaveAccessibleDescription(/Write a short note saying why/);
    await expect(dialog).toBeVisible();
  });

  const noteText = `Raise ${tierName} to ${raised.toLocaleString("en-US")} (e2e ${Date.now()})`;
  await dialog.getByRole("textbox", { name: /^Note/ }).fill(noteText);
  await dialog.getByRole("button", { name: `Publish v${nextVersion}` }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });

  await expect(page.getByTestId("editor-status").getByText(`Published v${nextVersion}`)).toBeVisible();
  const history = page.getByTestId("version-history");
  const latest = history.getByTestId(`version-${nextVersion}`);
  await expect(latest).toBeVisible();
  await expect(latest).toContainText(noteText);
  await expect(latest).toContainText("Current");

  await test.step(`${REP} sees ${account.name} move to ${nextTierName}, with the publish in its history`, () =>
    asRep(browser, baseURL, async (rep) => {
      await rep.goto(`/accounts/${account.id}`);
      await expect(accountHeader(rep).getByText(nextTierName, { exact: true })).toBeVisible();
      await expect(accountHeader(rep).getByText(tierName, { exact: true })).toHaveCount(0);

      const why = rep.getByRole("region", { name: "Why this tier" });
      await expect(why).toContainText(`Tier scheme v${nextVersion}`);
      await expect(why).toContainText(`Placed in ${nextTierName}`);
      // What it would take to get back: the new bar, not the old one.
      await expect(why.getByTestId("explain-tier-gap")).toContainText(`$${raised.toLocaleString("en-US")}`);

      const newest = tierHistory(rep).first();
      await expect(newest).toContainText(`Moved from ${tierName} to ${nextTierName}`);
      await expect(newest).toContainText("Rule published");
      await expect(newest).toContainText(`rule v${nextVersion}`);
      await expect(newest).toContainText(noteText);
    }),
  );

  await test.step("restore the previous version so other tests see the seeded tiers", async () => {
    await history
      .getByTestId(`version-${nextVersion - 1}`)
      .getByRole("button", { name: `Restore version ${nextVersion - 1}` })
      .click();
    const restore = page.getByRole("dialog", { name: `Restore version ${nextVersion - 1}` });
    await restore.getByRole("textbox", { name: /^Why restore it\?/ }).fill("Undo the e2e threshold change");
    await restore.getByRole("button", { name: `Restore v${nextVersion - 1}` }).click();
    await expect(restore).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId("version-history").getByTestId(`version-${nextVersion + 1}`)).toContainText(`Restored from v${nextVersion - 1}`);
  });
});

test("an admin creates a segment, archives it after the confirmation and it leaves the segment list", async ({ page }) => {
  const name = `E2E archive ${Date.now()}`;
  await page.goto("/admin/rules");
  await page.getByRole("button", { name: /^New segment/ }).first().click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create and edit rule" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.getByRole("button", { name: "Archive" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Archive “${name}”?` });
  await expect(confirm).toContainText("Reps stop seeing it.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();

  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive segment" }).click();
  await expect(page).toHaveURL(/\/admin\/rules$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test.describe("as a rep", () => {
  test.use({ storageState: authFile("rep1") });

  test("the rule editor pages do not exist", async ({ page }) => {
    for (const path of ["/admin/rules", "/admin/rules/tiers", "/admin/rules/scoring", "/admin/rules/segments/1"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("button", { name: /^Publish/ })).toHaveCount(0);
    }
  });
});
