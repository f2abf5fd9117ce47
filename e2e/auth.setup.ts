import { test as setup } from "@playwright/test";
import { authFile, SAVED_SESSIONS, signIn } from "./support/users";

for (const user of SAVED_SESSIONS) {
  setup(`sign in as ${user}`, async ({ page }) => {
    await signIn(page, user);
    await page.context().storageState({ path: authFile(user) });
  });
}
