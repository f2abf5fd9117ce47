import { accessSync, constants } from "node:fs";
import { run } from "./run";

/** Where Debian and Ubuntu put their Chromium; CHROMIUM_PATH wins when set. */
const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  return SYSTEM_PATHS.find(isExecutable);
}

/**
 * A system Chromium for Playwright (`npx playwright install` cannot download browsers on
 * this network). Installs Debian's package when running as root and none is present;
 * otherwise fails saying what to install.
 */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      "No Chromium found for the browser tests (looked in " +
        `${SYSTEM_PATHS.join(", ")}).\n` +
        "Install Debian's package as root:  apt-get update && apt-get install -y chromium\n" +
        "or point CHROMIUM_PATH at a Chromium or Chrome executable.",
    );
  }
  console.log("No Chromium found: installing Debian's chromium package (apt-get)…");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update"], { env, quiet: true });
  await run("apt-get", ["install", "-y", "chromium"], { env, quiet: true });
  const installed = findChromium();
  if (!installed) throw new Error("apt-get installed chromium but no executable appeared at /usr/bin/chromium.");
  return installed;
}
