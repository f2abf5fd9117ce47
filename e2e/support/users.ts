import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

/** The demo users prisma/seed.ts creates (all with the same password). */
export const DEMO_PASSWORD = "tierwise-demo";
export const DEMO_USERS = {
  admin: "admin@tierwise.local",
  manager: "manager@tierwise.local",
  rep1: "rep1@tierwise.local",
  rep2: "rep2@tierwise.local",
  rep3: "rep3@tierwise.local",
  rep4: "rep4@tierwise.local",
  rep5: "rep5@tierwise.local",
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

/** Roles signed in once by auth.setup.ts; their sessions are reused by the specs. */
export const SAVED_SESSIONS = ["admin", "manager", "rep1", "rep2"] as const satisfies readonly DemoUser[];
export type SavedSession = (typeof SAVED_SESSIONS)[number];

// Under test-results/ (git-ignored) but outside Playwright's outputDir, which it empties on start.
export const authFile = (user: SavedSession) => path.join("test-results", ".auth", `${user}.json`);

export const WRONG_CREDENTIALS = "That e-mail and password do not match an active account.";
export const LOCKED_OUT = "Too many failed sign-ins";

/** Fill in and submit the sign-in form the way a person does. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the start page: /today for reps, /accounts for managers and admins. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await submitSignIn(page, DEMO_USERS[user], DEMO_PASSWORD);
  await expect(page).toHaveURL(user.startsWith("rep") ? /\/today$/ : /\/accounts$/);
}

/** A second, independent browser session for a saved role (e.g. a manager next to a rep). */
export async function openSessionAs(browser: Browser, baseURL: string | undefined, user: SavedSession): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: authFile(user) });
  return context.newPage();
}

/** The signed-in person's display name, from the app header. */
export async function currentUserName(page: Page): Promise<string> {
  const name = (await page.getByTestId("current-user").textContent())?.trim();
  if (!name) throw new Error("the header shows no signed-in user");
  return name;
}

/** An admin adds a rep from /admin/users with an initial password (the admin's page, signed in). */
export async function addRepAsAdmin(page: Page, user: { name: string; email: string; password: string }): Promise<void> {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill(user.name);
  await dialog.getByLabel("E-mail").fill(user.email);
  await dialog.getByLabel("Role").selectOption("REP");
  await dialog.getByLabel("Initial password").fill(user.password);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${user.name} can now sign in.` })).toBeVisible();
}
