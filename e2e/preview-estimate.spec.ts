import { expect, test, type Page, type Route } from "@playwright/test";
import { authFile } from "./support/users";

test.use({ storageState: authFile("admin") });

/**
 * The editors' estimate → exact display (components/rules/use-live-preview.ts). On a database of
 * 200,000+ accounts the first preview answer is an estimate from a sample and the exact one
 * follows; the test database has 2,000 accounts, so the server always answers exactly. This test
 * makes the first answer an estimate on the way back (the same figures, marked as estimated) and
 * holds the exact answer back, to check what the admin sees meanwhile and that the exact answer
 * then replaces the estimate. Nothing is saved: the editors only preview on load.
 */

const ESTIMATE = { sampled: 19_696, accounts: 999_501 };

/** The editors' preview phase in a request to app/api/rules/preview. */
function phaseOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { phase?: string }).phase;
  } catch {
    return undefined;
  }
}

/** Intercept the editors' preview requests: estimates marked, exact answers held until `release`. */
async function interceptPreviews(page: Page): Promise<{ release: () => void; estimates: () => number }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let estimates = 0;
  await page.route(
    (url) => url.pathname === "/api/rules/preview",
    async (route: Route) => {
      const request = route.request();
      const body = request.method() === "POST" ? (request.postData() ?? "") : "";
      if (phaseOf(body) === "estimate") {
        const response = await route.fetch();
        const text = await response.text();
        expect(text, "the preview answer carries an estimate field").toContain('"estimate":null');
        estimates++;
        const headers = { ...response.headers() };
        delete headers["content-length"];
        await route.fulfill({ status: response.status(), headers, body: text.replace('"estimate":null', `"estimate":${JSON.stringify(ESTIMATE)}`) });
      } else if (phaseOf(body) === "exact") {
        await held;
        await route.continue();
      } else {
        await route.continue();
      }
    },
  );
  return { release, estimates: () => estimates };
}

test("tier scheme editor: an estimate first, labelled, then the exact figures in its place", async ({ page }) => {
  const previews = await interceptPreviews(page);
  await page.goto("/admin/rules/tiers");
  const panel = page.getByTestId("tier-preview");

  await expect(panel.getByTestId("preview-estimate")).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("preview-estimate")).toContainText("Estimate from a sample of 19,696 of about 999,501 accounts");
  await expect(panel.getByTestId("preview-refining")).toHaveText("Estimate · counting exactly…");
  const counts = panel.getByTestId("tier-count");
  for (const text of await counts.allTextContents()) expect(text).toMatch(/^≈ [\d,]+$/);
  await panel.getByTestId("tier-preview-row").first().locator("summary").click();
  await expect(panel.getByText("Sample accounts load with the exact figures…").first()).toBeVisible();
  expect(previews.estimates()).toBe(1);

  previews.release();
  await expect(panel.getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("preview-estimate")).toHaveCount(0);
  for (const text of await counts.allTextContents()) expect(text).toMatch(/^[\d,]+$/);
  await expect(panel.getByText("Sample accounts load with the exact figures…")).toHaveCount(0);
});

test("segment editor: an estimate first, labelled, then the exact count in its place", async ({ page }) => {
  await page.goto("/admin/rules");
  const href = await page.locator("a[href^='/admin/rules/segments/']").first().getAttribute("href");
  expect(href, "a segment to open").toBeTruthy();
  const previews = await interceptPreviews(page);
  await page.goto(href!);
  const panel = page.getByTestId("segment-preview");

  await expect(panel.getByTestId("preview-estimate")).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("preview-refining")).toBeVisible();
  await expect(panel.getByTestId("segment-matching")).toHaveText(/^≈ [\d,]+$/);
  await expect(panel.getByText("Sample accounts load with the exact figures…")).toBeVisible();

  previews.release();
  await expect(panel.getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("preview-estimate")).toHaveCount(0);
  await expect(panel.getByTestId("segment-matching")).toHaveText(/^[\d,]+$/);
  await expect(panel.getByText("Sample accounts load with the exact figures…")).toHaveCount(0);
  expect(previews.estimates()).toBe(1);
});

test("scoring form: the perfect-fit count is an estimate first, then exact", async ({ page }) => {
  const previews = await interceptPreviews(page);
  await page.goto("/admin/rules/scoring");
  const line = page.getByText(/accounts meet all \d+ criteri/);

  await expect(line).toContainText("estimated from a sample of 19,696", { timeout: 30_000 });
  await expect(line).toHaveText(/^≈ [\d,]+ of ≈ [\d,]+ accounts meet all/);
  await expect(page.getByTestId("preview-refining")).toBeVisible();

  previews.release();
  await expect(line).toHaveText(/^[\d,]+ of [\d,]+ accounts meet all \d+ criteri(on|a) \(fit 100\)\.$/, { timeout: 30_000 });
  await expect(page.getByTestId("preview-refining")).toHaveCount(0);
  expect(previews.estimates()).toBe(1);
});
