import fs from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { column, readTable, waitForRows } from "./support/accounts";
import { authFile } from "./support/users";

/**
 * An admin imports a small accounts file the way a person does: the file's "Region" column holds
 * states, so the recognised mapping is wrong; the dry run says so row by row, the admin fixes the
 * mapping (regions are then worked out from the countries), checks again, commits, and finds the
 * new accounts, with their tiers, in the accounts list.
 */
test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("fixes a wrongly mapped column after the dry run, commits, and sees the new accounts", async ({ page }) => {
    const word = `Quill${Date.now().toString(36)}`;
    const w = word.toLowerCase();
    const csv = [
      "Company name,Website,Industry,Country,Region,Employees,Estimated potential,Journey stage,Hosting",
      `${word} Alpha,https://www.alpha.${w}.example/,Software,United States,California,1500,"$750,000",Purchase,Cloud`,
      `${word} Beta,beta.${w}.example,Retail,Canada,Ontario,40,,Awareness,On-premise`,
      `${word} Gamma,gamma.${w}.example,Healthcare,Germany,Bavaria,300,"$120,000",Consideration,Hybrid`,
    ].join("\n");

    await page.goto("/admin/import");
    await expect(page.getByRole("heading", { name: "1. Upload" })).toBeVisible();
    await page.getByLabel(/^CSV file:/).setInputFiles({ name: `${w}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and map columns" }).click();

    // Step 2: the columns were recognised, Region included (wrongly: it holds states).
    await expect(page.getByRole("heading", { name: "2. Map columns" })).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/import\?job=/);
    await expect(page.getByLabel("Region", { exact: true })).toHaveValue("Region");
    await expect(page.getByLabel(/^Domain/)).toHaveValue("Website");
    await page.getByRole("button", { name: "Run dry run" }).click();

    // Step 3: every bad row with its line, column and reason; committing is not possible.
    await expect(page.getByRole("heading", { name: "3. Dry run" })).toBeVisible();
    await expect(page.getByText("3 problems in 3 rows: nothing can be imported yet")).toBeVisible();
    const errors = page.getByTestId("import-errors");
    await expect(errors.locator("tbody tr")).toHaveCount(3);
    await expect(errors.locator("tbody tr").first()).toContainText("2");
    await expect(errors).toContainText("'California' is not a region");
    await expect(page.getByRole("button", { name: /^Commit/ })).toBeDisabled();

    // Fix the mapping: Region is not in the file, so it comes from the country.
    await page.getByRole("button", { name: "Change mapping" }).click();
    await expect(page.getByRole("heading", { name: "2. Map columns" })).toBeVisible();
    await page.getByLabel("Region", { exact: true }).selectOption({ label: "— Not in the file —" });
    await page.getByRole("button", { name: "Run dry run" }).click();

    await expect(page.getByText("All 3 rows are valid")).toBeVisible();
    await expect(page.getByTestId("row-counts")).toContainText("Accounts to create3");
    await expect(page.getByTestId("new-by-tier")).toBeVisible();
    await page.getByRole("button", { name: "Commit: import 3 accounts" }).click();

    // Step 4: the summary, then the accounts list.
    await expect(page.getByTestId("commit-headline")).toContainText("3 accounts created");
    await expect(page.getByTestId("new-accounts").getByRole("listitem")).toHaveCount(3);
    await page.getByRole("link", { name: "View the new accounts" }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts\\?q=${w}\\.example`));
    const table = await waitForRows(page, (t) => t.rows.length === 3, "the three new accounts");
    expect(table.rows.map((r) => r.name).sort()).toEqual([`${word} Alpha`, `${word} Beta`, `${word} Gamma`]);
    const tiers = column(await readTable(page), "Tier");
    expect(tiers.every((t) => t.length > 0)).toBe(true);
    await expect(page.getByTestId("accounts-table").getByText(/Tier \d|Untiered/).first()).toBeVisible();
    // Alpha's $750,000 potential makes it Growth in the demo scheme; Beta has nothing to tier on.
    const byName = new Map(table.rows.map((r, i) => [r.name, tiers[i]]));
    expect(byName.get(`${word} Alpha`)).toContain("Growth");
    expect(byName.get(`${word} Beta`)).toBe("Untiered");
  });

  test("on a phone, a dry run that moves existing accounts shows each move and its count within the screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // Existing accounts (from the export) given a large or a tiny potential: some change tier. A
    // dry run only, so nothing is written.
    const exported = await page.request.get("/accounts/export");
    expect(exported.ok()).toBe(true);
    const [header = "", ...lines] = (await exported.text()).split("\n").filter(Boolean);
    const domainAt = header.split(",").findIndex((c) => /domain/i.test(c));
    const domains = lines.slice(0, 200).map((line) => line.split(",")[domainAt]);
    const csv = ["Company Domain Name,Estimated potential", ...domains.map((d, i) => `${d},"${i % 2 ? "$2,500,000" : "$1,000"}"`)].join("\n");

    await page.goto("/admin/import");
    await page.getByLabel(/^CSV file:/).setInputFiles({ name: "potential.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and map columns" }).click();
    await page.getByRole("button", { name: "Run dry run" }).click();
    await expect(page.getByTestId("tier-change-headline")).toContainText(/^[\d,]+ accounts? will change tier$/);
    const moves = page.getByTestId("tier-moves");
    await expect(moves.locator("tbody tr").first()).toBeVisible();
    // No table is wider than its card, and a move reads "from to" (the arrow is an icon).
    for (const id of ["tier-moves", "segment-changes"]) {
      const table = page.getByTestId(id);
      if ((await table.count()) === 0) continue;
      const fit = await table.evaluate((el) => ({ table: el.scrollWidth, room: el.parentElement!.clientWidth }));
      expect(fit.table, `${id} is ${fit.table} px wide in ${fit.room} px`).toBeLessThanOrEqual(fit.room);
    }
    await expect(moves.locator("tbody tr").first()).toContainText(/Tier \d.*to.*(Tier \d|Untiered).*\d/);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });

  test("an upload gone from the server: the dry run says so and offers only to upload it again", async ({ page }) => {
    await page.goto("/admin/import");
    await page.getByLabel(/^CSV file:/).setInputFiles({ name: "gone.csv", mimeType: "text/csv", buffer: Buffer.from("Company name,Website\nGone Co,gone-co.example\n") });
    await page.getByRole("button", { name: "Upload and map columns" }).click();
    await expect(page.getByRole("heading", { name: "2. Map columns" })).toBeVisible();
    // What a sweep of week-old uploads, or an instance without the shared folder, leaves: no file.
    const job = new URL(page.url()).searchParams.get("job");
    await fs.rm(path.join(process.cwd(), "data", "imports", `${job}.csv`));
    await page.getByRole("button", { name: "Run dry run" }).click();
    // The error box (the recent-imports table below may show the same message once it refreshes).
    await expect(page.getByRole("alert").filter({ hasText: "The dry run did not finish" })).toContainText(
      "The uploaded file is no longer on the server, so nothing was changed. Upload the file again.",
    );
    await expect(page.getByRole("button", { name: "Run the dry run again" })).toHaveCount(0);
    await page.getByRole("button", { name: "Upload the file again" }).click();
    await expect(page.getByLabel(/^CSV file:/)).toBeVisible();
  });
});

test.describe("as a rep", () => {
  test.use({ storageState: authFile("rep1") });

  test("the import page does not exist", async ({ page }) => {
    const response = await page.goto("/admin/import");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "1. Upload" })).toHaveCount(0);
  });
});
