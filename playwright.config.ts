import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against a running Tierwise. `npm test` builds, seeds and serves the app and sets
 * PLAYWRIGHT_BASE_URL and CHROMIUM_PATH; to run against `npm start` instead:
 *   PLAYWRIGHT_BASE_URL=http://localhost:3000 npx playwright test
 */
const baseURL = process.env.PLAYWRIGHT_BASE_URL ?? "http://127.0.0.1:3000";
const ci = process.env.CI === "true";
const MUTATING = /(admin-(rules|import|users|plays|api|webhooks)|keyboard|two-factor)\.spec\.ts$/;

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
    // Specs that publish rules or import data change what every other spec sees: they run after
    // them, one after the other.
    {
      name: "rules-admin",
      testMatch: /admin-rules\.spec\.ts$/,
      dependencies: ["chromium"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "import-admin",
      testMatch: /admin-import\.spec\.ts$/,
      dependencies: ["rules-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "users-admin",
      testMatch: /admin-users\.spec\.ts$/,
      dependencies: ["import-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "plays-admin",
      testMatch: /admin-plays\.spec\.ts$/,
      dependencies: ["users-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "api-admin",
      testMatch: /admin-api\.spec\.ts$/,
      dependencies: ["plays-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    {
      name: "webhooks-admin",
      testMatch: /admin-webhooks\.spec\.ts$/,
      dependencies: ["api-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    // Publishes a segment with the keyboard only (a condition every account meets).
    {
      name: "keyboard",
      testMatch: /keyboard\.spec\.ts$/,
      dependencies: ["webhooks-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
    // Creates its own user (who then shows in owner and rep lists) and enrols it.
    {
      name: "two-factor",
      testMatch: /two-factor\.spec\.ts$/,
      dependencies: ["webhooks-admin"],
      fullyParallel: false,
      use: { ...devices["Desktop Chrome"] },
    },
  ],
});
