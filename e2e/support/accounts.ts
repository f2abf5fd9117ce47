import { expect, type Page } from "@playwright/test";

export interface AccountsTable {
  /** Column labels without the sort arrows, e.g. "Lifetime value". */
  headers: string[];
  rows: { id: number; name: string; cells: string[] }[];
}

/** What the accounts table shows, read in one go (cells as text, the account id from its link). */
export async function readTable(page: Page): Promise<AccountsTable> {
  return page.getByTestId("accounts-table").evaluate((table: HTMLTableElement) => ({
    headers: Array.from(table.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? "").replace(/[▲▼↕]/g, "").trim()),
    rows: Array.from(table.tBodies[0]?.rows ?? []).map((r) => {
      const link = r.querySelector<HTMLAnchorElement>("a[href^='/accounts/']");
      return {
        id: Number(link?.getAttribute("href")?.split("/").pop()),
        name: link?.textContent?.trim() ?? "",
        cells: Array.from(r.cells).map((c) => (c.textContent ?? "").trim()),
      };
    }),
  }));
}

/** The values of one column, by its label. */
export function column(table: AccountsTable, label: string): string[] {
  const index = table.headers.indexOf(label);
  if (index < 0) throw new Error(`no "${label}" column (columns: ${table.headers.join(", ")})`);
  return table.rows.map((r) => r.cells[index] ?? "");
}

/** The number of matching accounts, from "Showing 1–50 of 1,234 accounts" (0 for the empty state). */
export async function readTotal(page: Page): Promise<number> {
  const range = page.getByTestId("result-range");
  const empty = page.getByRole("heading", { name: "No accounts match" });
  await expect(range.or(empty)).toBeVisible();
  if (await empty.isVisible()) return 0;
  const text = (await range.textContent()) ?? "";
  const match = /of ([\d,]+) accounts/.exec(text);
  if (!match?.[1]) throw new Error(`cannot read the total from "${text}"`);
  return Number(match[1].replace(/,/g, ""));
}

/** "$1,234,567" -> 1234567; "—" (no value) -> null. */
export function parseMoney(text: string): number | null {
  const match = /(-)?\$([\d,]+(?:\.\d+)?)/.exec(text);
  if (!match?.[2]) return null;
  return (match[1] ? -1 : 1) * Number(match[2].replace(/,/g, ""));
}

/** Open a filter dropdown by its label and tick one option; the dropdown is closed again. */
export async function pickFilterOption(page: Page, filter: string, option: string): Promise<void> {
  await page.getByRole("button", { name: filter, exact: true }).click();
  const dropdown = page.getByRole("dialog", { name: `${filter} filter` });
  await dropdown.getByRole("checkbox", { name: option, exact: true }).check();
  await page.keyboard.press("Escape");
  await expect(dropdown).toBeHidden();
}

/** The option labels a filter dropdown offers (it is closed again afterwards). */
export async function filterOptions(page: Page, filter: string): Promise<string[]> {
  await page.getByRole("button", { name: filter, exact: true }).click();
  const dropdown = page.getByRole("dialog", { name: `${filter} filter` });
  await expect(dropdown).toBeVisible();
  const labels = await dropdown.getByRole("checkbox").evaluateAll((boxes) =>
    boxes.map((b) => (b.closest("label")?.textContent ?? "").trim()),
  );
  await page.keyboard.press("Escape");
  await expect(dropdown).toBeHidden();
  return labels;
}

/**
 * Wait until the list shown satisfies `check`: filters go into the URL first and the
 * server's re-rendered list arrives a moment later.
 */
export async function waitForRows(page: Page, check: (table: AccountsTable) => boolean, message: string): Promise<AccountsTable> {
  let last: AccountsTable | undefined;
  await expect
    .poll(
      async () => {
        last = await readTable(page);
        return last.rows.length > 0 && check(last);
      },
      { message },
    )
    .toBe(true);
  return last!;
}
