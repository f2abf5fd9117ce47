import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against a running Tierwise. `npm test` builds, seeds and serves the app and sets
 * PLAYWRIGHT_BASE_URL and CHROMIUM_PATH; to run against `npm start` instead:
 *   PLAYWRIGHT_BASE_URL=http://localhost:3000 npx playwright test
 */
const baseURL = process.env.PLAYWRIGHT_BASE_URL ?? "http://127.0.0.1:3000";
const ci = process.env.CI === "true";
/**
 * Specs that change what every other spec sees (publish rules, import data, create users and
 * keys, enrol a second factor): they run after all the others, one after the other, in this
 * order. One list makes both the exclusion and the chain, so a spec cannot be left out of both.
 */
const MUTATING_SPECS = ["admin-rules", "admin-import", "admin-users", "admin-plays", "admin-api", "admin-webhooks", "keyboard", "two-factor"];
const specFile = (names: readonly string[]) => new RegExp(`(^|/)(${names.join("|")})\\.spec\\.ts$`);
const MUTATING = specFile(MUTATING_SPECS);

export default defineConfig({
  testDir: "e2e",
  // Playwright empties its output directory on start: keep it apart from the other reports.
  outputDir: "test-results/playwright",
  fullyParallel: true,
  forbidOnly: ci,
  workers: 2,
  retries: ci ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot reach its CDN here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without the networking flags Chromium floods the closed network with connections.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testMatch: /\.spec\.ts$/,
      testIgnore: MUTATING,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
    },
    ...MUTATING_SPECS.map((name, i) => ({
      name,
      testMatch: specFile([name]),
      dependencies: [i === 0 ? "chromium" : MUTATING_SPECS[i - 1]!],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    })),
  ],
});
