import { expect, test, type Browser, type Page } from "@playwright/test";
import { pickFilterOption } from "./support/accounts";
import { authFile, openSessionAs } from "./support/users";

// Publishes a play and records an outcome: runs after the read-only specs (playwright.config.ts).
test.use({ storageState: authFile("admin") });

const readNumber = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

async function asRep<T>(browser: Browser, baseURL: string | undefined, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await openSessionAs(browser, baseURL, "rep1");
  try {
    return await work(page);
  } finally {
    await page.context().close();
  }
}

test("an admin publishes a play for Tier 1-2 on-premise ERP laggards; rep1 works it from /today; the admin sees the outcome counted", async ({
  page,
  browser,
  baseURL,
}) => {
  const playName = `ERP cloud move ${Date.now()}`;

  await test.step("the admin writes the play and sees the live audience", async () => {
    await page.goto("/admin/plays/new");
    await page.getByLabel("Name", { exact: true }).fill(playName);
    await page.getByLabel("Goal", { exact: true }).fill("Move on-premise ERP to our cloud suite");
    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Migration" });
    await page.getByLabel("Priority", { exact: true }).fill("100");
    const tiers = page.getByRole("group", { name: "Tiers" });
    await tiers.getByRole("checkbox", { name: /Tier 1/ }).check();
    await tiers.getByRole("checkbox", { name: /Tier 2/ }).check();
    await page.getByRole("button", { name: "Choose segments, every one" }).click();
    await page.getByRole("dialog", { name: "Segments, every one" }).getByRole("checkbox", { name: "On-premise ERP laggards" }).check();
    await page.keyboard.press("Escape");
    await page.getByLabel("Pitch", { exact: true }).fill("{{name}} still runs {{technologies.ERP}} on its own servers: our cloud suite ends the upgrade weekends.");
    await expect
      .poll(async () => readNumber(await page.getByTestId("play-matching").first().textContent()), { message: "the live count shows the audience", timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect(page.getByTestId("audience-text")).toContainText("On-premise ERP laggards");
    // The pitch as a rep will read it, for a sample account: placeholders filled in.
    const example = page.getByTestId("pitch-example");
    await expect(example).toContainText("still runs");
    await expect(example).not.toContainText("{{");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page).toHaveURL(/\/admin\/plays\/\d+$/);
  });
  const playId = Number(/\/admin\/plays\/(\d+)$/.exec(page.url())?.[1]);

  await test.step("and publishes it with a note", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: `Publish ${playName} v1` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("textbox", { name: /^Note/ }).fill("Cloud migration push for Q1");
    await dialog.getByRole("button", { name: "Publish v1" }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId("version-history").getByTestId("version-1")).toContainText("Cloud migration push for Q1");
  });

  const accountName = await test.step("rep1 sees the play on /today with the pitch rendered, records a meeting, and the item leaves", () =>
    asRep(browser, baseURL, async (rep) => {
      await rep.goto("/today");
      await pickFilterOption(rep, "Play", playName);
      await expect(rep).toHaveURL(new RegExp(`play=${playId}`));
      const item = rep.getByTestId("worklist-item").filter({ hasText: playName }).first();
      await expect(item).toBeVisible();
      const name = (await item.getByRole("link").first().textContent())?.trim() ?? "";
      expect(name.length).toBeGreaterThan(0);
      // The pitch quotes the account and its ERP, not the placeholders.
      await expect(item).toContainText("still runs");
      await expect(item).not.toContainText("{{");
      await item.getByRole("link", { name: new RegExp(`^Record outcome for ${playName}`) }).click();

      await expect(rep).toHaveURL(/\/accounts\/\d+#plays$/);
      const card = rep.getByTestId("recommended-play").filter({ hasText: playName });
      await expect(card).toContainText("still runs");
      await expect(card).toContainText("On-premise ERP laggards");
      const form = card.getByTestId("record-outcome");
      await form.getByLabel("Outcome").selectOption({ label: "Meeting booked" });
      await form.getByRole("button", { name: "Record outcome" }).click();
      await expect(card.getByText("Recorded: meeting booked.")).toBeVisible();
      await expect(rep.getByRole("region", { name: "Membership history" }).getByTestId("history-entry").first()).toContainText("Meeting booked");

      await rep.goto(`/today?play=${playId}`);
      await expect(rep.getByTestId("plan-summary")).toBeVisible();
      await expect(rep.getByTestId("worklist-item").filter({ hasText: name }).filter({ hasText: playName })).toHaveCount(0);
      return name;
    }),
  );
  expect(accountName).not.toBe("");

  await test.step("the admin sees the outcome counted on /admin/plays", async () => {
    await page.goto("/admin/plays");
    const row = page.getByRole("row").filter({ hasText: playName });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  });
});
