import { expect, type Page } from "@playwright/test";

/**
 * Every form field has an id or a name: Chrome reports one without either in its Issues panel
 * ("A form field element should have an id or name attribute"), and browsers cannot autofill it.
 */
export async function expectNamedFields(page: Page, where: string): Promise<void> {
  const unnamed = await page
    .locator("input, select, textarea")
    .evaluateAll((fields) =>
      fields.filter((f) => !f.id && !f.getAttribute("name")).map((f) => `${f.tagName.toLowerCase()} "${f.getAttribute("aria-label") ?? f.getAttribute("type") ?? ""}"`),
    );
  expect(unnamed, `${where}: form fields without an id or a name`).toEqual([]);
}
