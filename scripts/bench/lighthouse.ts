/**
 * Lighthouse scores (performance, accessibility, best practices) of the pages a rep lives in:
 * the accounts list, an account page and /today, signed in as the demo rep, against a running
 * Tierwise with the demo data. Desktop preset (Lighthouse's desktop-config: no mobile CPU or
 * network throttling emulation beyond its desktop defaults). Drives Debian's Chromium through
 * chrome-launcher. Targets (issue 13): performance >= 90, accessibility 100, best practices >= 95.
 *
 *   npx tsx scripts/bench/lighthouse.ts [--base-url http://127.0.0.1:3000] [--email rep1@tierwise.local]
 *
 * Exits 1 when a page misses a target, after listing the audits that cost it points.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { signInAs } from "./http";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const baseUrl = option("--base-url", "http://127.0.0.1:3000").replace(/\/$/, "");
const email = option("--email", "rep1@tierwise.local");
const password = option("--password", "tierwise-demo");
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = { performance: 90, accessibility: 100, "best-practices": 95 };

const session = await signInAs(baseUrl, email, password);
const list = await fetch(`${baseUrl}/accounts`, { headers: { cookie: session.cookie } });
const accountId = /href="\/accounts\/(\d+)"/.exec(await list.text())?.[1];
if (!accountId) throw new Error(`${email} sees no account on /accounts`);
const pages = ["/accounts", `/accounts/${accountId}`, "/today"];

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
let missed = false;
try {
  console.log(`Lighthouse ${desktopConfig.settings?.formFactor ?? "desktop"} preset, ${baseUrl} as ${email}; load average ${(await loadAverage()).trim()}`);
  for (const page of pages) {
    const result = await lighthouse(
      `${baseUrl}${page}`,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES], extraHeaders: { Cookie: session.cookie } },
      desktopConfig,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(`${baseUrl}${page}`).pathname) {
      throw new Error(`${page} ended on ${lhr.finalDisplayedUrl}: the session cookie was not accepted`);
    }
    const scores = CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)] as const);
    console.log(`${page.padEnd(18)} ${scores.map(([c, s]) => `${c} ${s}`).join("  ")}`);
    for (const [category, score] of scores) {
      const below = score < TARGETS[category];
      if (below) missed = true;
      // What cost the points: the failing audits of a category below its target, and any
      // weighted accessibility or best-practices audit that failed (100 is the aim there).
      if (!below && category === "performance") continue;
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 0.9 || (ref.weight === 0 && category !== "performance")) continue;
        const items = (audit.details as { items?: unknown[] } | undefined)?.items ?? [];
        const first = items.length ? ` e.g. ${JSON.stringify(items[0]).slice(0, 200)}` : "";
        console.log(`    ${category}${below ? ` < ${TARGETS[category]}` : ""}: ${ref.id} (score ${audit.score}, weight ${ref.weight})${audit.displayValue ? ` ${audit.displayValue}` : ""}${first}`);
      }
    }
  }
} finally {
  chrome.kill();
}
process.exit(missed ? 1 : 0);

async function loadAverage(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return readFile("/proc/loadavg", "utf8").catch(() => "unknown");
}
