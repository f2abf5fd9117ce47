import { expect, test } from "@playwright/test";
import { authFile } from "./support/users";

test.use({ storageState: authFile("admin") });

/**
 * An edit made while a preview is still counting is previewed at once (app/api/rules/preview):
 * the older request is aborted, not waited for, so at a million accounts the admin does not sit
 * through a count of a draft already gone. (As a server action the newer preview was queued
 * behind the older one: Next.js sends a client's actions one at a time.)
 */
test("a newer draft's preview goes out and is shown while the older one is still counting", async ({ page }) => {
  let held = 0;
  let release = () => {};
  const stuck = new Promise<void>((resolve) => (release = resolve));
  const aborted: string[] = [];
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).pathname === "/api/rules/preview") aborted.push(request.failure()?.errorText ?? "");
  });
  await page.route(
    (url) => url.pathname === "/api/rules/preview",
    async (route) => {
      // The preview on load counts "for ever": held until the end of the test.
      if (held++ === 0) {
        await stuck;
        await route.continue().catch(() => {}); // aborted by then
        return;
      }
      await route.continue();
    },
  );

  await page.goto("/admin/rules/tiers");
  const panel = page.getByTestId("tier-preview");
  await expect.poll(() => held, { message: "the preview on load was sent" }).toBe(1);
  await expect(panel.getByText("Live", { exact: true })).toHaveCount(0);

  const value = page.getByRole("textbox", { name: "Value for Lifetime value in US dollars" }).first();
  await value.fill("123456");
  await expect(panel.getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(held).toBe(2);
  expect(aborted, "the older preview's request was aborted").toHaveLength(1);
  release();
});
