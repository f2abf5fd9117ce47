/**
 * `npm test`: every test on one command, on a fresh machine.
 * 1. finds (or, as root, installs) a system Chromium for Playwright;
 * 2. without DATABASE_URL starts one throw-away embedded PostgreSQL and migrates it once;
 * 3. runs Vitest (unit and integration projects);
 * 4. seeds the 2,000-account demo, builds the app (or reuses the build with
 *    TIERWISE_REUSE_BUILD=1), serves it with scripts/app-server.ts and runs Playwright against it;
 * 5. stops the server and the database on every exit path and prints `N passed, N failed`.
 *
 *   npm test [-- --unit-only | --no-e2e | --e2e-only [e2e/<name>.spec.ts ...]]
 *
 * Spec files after --e2e-only run just those browser tests (and the sign-in setup they depend on).
 *
 * DATABASE_URL, when set, must point at a throw-away database: the tests empty and reseed it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { env, flag, parseVariables } from "../lib/env";
import { ensureChromium } from "./lib/chromium";
import { freePort, startEmbeddedDatabase, type RunningDatabase } from "./lib/embedded-db";
import { APP_ROLE } from "./lib/app-role";
import { migrateDeploy } from "./lib/migrate";
import { onShutdown, run } from "./lib/run";

const FLAGS = ["--unit-only", "--no-e2e", "--e2e-only"] as const;
const argv = process.argv.slice(2);
const specs = argv.filter((a) => /^e2e\/[\w.-]+\.spec\.ts$/.test(a));
const unknown = argv.filter((a) => !(FLAGS as readonly string[]).includes(a) && !specs.includes(a));
if (specs.length > 0 && !argv.includes("--e2e-only")) unknown.push(...specs.map((s) => `${s} (spec files need --e2e-only)`));
if (unknown.length > 0 || (argv.includes("--unit-only") && argv.includes("--e2e-only"))) {
  console.error(`usage: npm test [-- ${FLAGS.join(" | ")} [e2e/<name>.spec.ts ...]]${unknown.length ? `\nunknown option: ${unknown.join(" ")}` : ""}`);
  process.exit(2);
}
const unitOnly = argv.includes("--unit-only");
const runVitest = !argv.includes("--e2e-only");
const runE2e = !unitOnly && !argv.includes("--no-e2e");
const needsDatabase = !unitOnly;

const RESULTS_DIR = "test-results";
const VITEST_JSON = path.join(RESULTS_DIR, "vitest.json");
const PLAYWRIGHT_JSON = path.join(RESULTS_DIR, "playwright.json");
const SERVER_LOG = path.join(RESULTS_DIR, "server.log");
const SEED_ARGS = ["tsx", "prisma/seed.ts", "--accounts", "2000", "--seed", "42", "--reset"];
const SERVER_READY_TIMEOUT_MS = 120_000;

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Record<string, Counts> = {};
const problems: string[] = [];
const timings: { phase: string; seconds: number }[] = [];

let db: RunningDatabase | undefined;
let server: ChildProcess | undefined;
let shuttingDown = false;
const finish = onShutdown(async () => {
  await stopServer();
  await db?.stop();
});
// onShutdown's own handlers run first; this only tells the main flow not to race them.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!shuttingDown) console.error(`\n${signal}: stopping the server and the database…`);
    shuttingDown = true;
  });
}

class Interrupted extends Error {}

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (shuttingDown) throw new Interrupted("interrupted");
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  let result: T;
  try {
    result = await work();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    timings.push({ phase: name, seconds });
    console.log(`◀ ${name}: ${seconds.toFixed(1)} s`);
  }
  if (shuttingDown) throw new Interrupted("interrupted");
  return result;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Vitest's JSON report; a file that fails to load has no tests but must still count as a failure. */
function vitestCounts(exitedOk: boolean): Counts {
  const report = readJson(VITEST_JSON) as
    | {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
      }
    | undefined;
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  );
  for (const f of brokenFiles) problems.push(`vitest: ${path.relative(process.cwd(), f.name)} failed to run${f.message ? `: ${f.message.split("\n")[0]}` : ""}`);
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  if (!exitedOk && counts.failed === 0) {
    problems.push("vitest exited with an error outside any test (see its output above)");
    counts.failed = 1;
  }
  return counts;
}

/** Playwright's JSON report: flaky tests passed on retry; errors outside tests count as one failure. */
function playwrightCounts(exitedOk: boolean): Counts {
  const report = readJson(PLAYWRIGHT_JSON) as
    | { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: { message?: string }[] }
    | undefined;
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const counts = {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
  for (const e of report.errors ?? []) problems.push(`playwright: ${(e.message ?? "error").split("\n")[0]}`);
  if (!exitedOk && counts.failed === 0) {
    problems.push("playwright exited with an error outside any test (see its output above)");
    counts.failed = 1;
  }
  return counts;
}

async function ranOk(work: Promise<void>): Promise<boolean> {
  try {
    await work;
    return true;
  } catch {
    return false; // the tool already printed what failed
  }
}

async function startServer(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const log = openSync(SERVER_LOG, "w");
  // The production app server (scripts/app-server.ts, as `npm start` runs it); own process
  // group, so stopping it also stops anything it spawns.
  server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/app-server.ts"), "--port", String(port), "--host", "127.0.0.1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the app server exited (${server.exitCode ?? server.signalCode}) before answering:\n${serverLogTail()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      if (response.status < 500) return baseUrl;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app server did not answer on ${baseUrl} within ${SERVER_READY_TIMEOUT_MS / 1000} s:\n${serverLogTail()}`);
}

function serverLogTail(lines = 30): string {
  if (!existsSync(SERVER_LOG)) return "(no server log)";
  return readFileSync(SERVER_LOG, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  // The app's variables are checked before anything starts; TIERWISE_REUSE_BUILD is this script's own.
  let databaseUrl = env().DATABASE_URL;
  const { TIERWISE_REUSE_BUILD: reuseBuild } = parseVariables({ TIERWISE_REUSE_BUILD: flag });
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const file of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(file, { force: true });

  const chromium = runE2e ? await phase("Find Chromium", ensureChromium) : undefined;
  if (chromium) console.log(`Chromium: ${chromium}`);

  if (needsDatabase) {
    if (!databaseUrl) {
      db = await phase("Start embedded PostgreSQL", () =>
        startEmbeddedDatabase({ dataDir: path.join("data", `test-${process.pid}`), persistent: false, quiet: true }),
      );
      databaseUrl = db.url;
    } else {
      console.log("Using DATABASE_URL (its data will be replaced by the tests).");
    }
    // The embedded database's app role (it owns nothing) gets its grants: the e2e server runs as it.
    await phase("Apply migrations", () => migrateDeploy(databaseUrl!, { grantTo: db ? APP_ROLE : undefined }));
  }

  if (runVitest) {
    const ok = await phase(unitOnly ? "Vitest (unit)" : "Vitest (unit + integration)", () =>
      ranOk(
        run(
          "npx",
          [
            "vitest",
            "run",
            ...(unitOnly ? ["--project", "unit"] : []),
            "--passWithNoTests",
            "--reporter=default",
            "--reporter=json",
            `--outputFile.json=${VITEST_JSON}`,
          ],
          { env: databaseUrl ? { DATABASE_URL: databaseUrl, TIERWISE_SKIP_MIGRATE: "1" } : {} },
        ),
      ),
    );
    totals.vitest = vitestCounts(ok);
  }

  if (runE2e) {
    try {
      // Seeded as the owner, served as the app's role (the same role npm start serves with).
      await runPlaywright(databaseUrl!, db?.appUrl ?? databaseUrl!, chromium!, reuseBuild);
    } catch (error) {
      if (shuttingDown) throw error;
      problems.push(`e2e: could not run: ${message(error)}`);
      totals.playwright = { passed: 0, failed: 1, skipped: 0 };
    }
  }
}

async function runPlaywright(databaseUrl: string, appDatabaseUrl: string, chromium: string, reuseBuild: boolean): Promise<void> {
  if (!existsSync("prisma/seed.ts")) {
    throw new Error("prisma/seed.ts does not exist: the browser tests need the demo data it generates.");
  }
  // Integration tests emptied the tables: seed after them, never before.
  await phase("Seed demo data (2,000 accounts)", () => run("npx", SEED_ARGS, { env: { DATABASE_URL: databaseUrl } }));

  const env = {
    DATABASE_URL: appDatabaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    // The webhooks e2e spec's receiver listens on 127.0.0.1.
    TIERWISE_WEBHOOK_ALLOW: "127.0.0.1/32",
  };
  if (reuseBuild && existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("\nReusing the existing build (.next, TIERWISE_REUSE_BUILD=1).");
  } else {
    await phase("next build", () => run("npx", ["next", "build"], { env }));
  }
  const baseUrl = await phase("app server", () => startServer(env));
  console.log(`Serving on ${baseUrl} (log: ${SERVER_LOG})`);

  const playwrightEnv = { PLAYWRIGHT_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON };
  const ok = await phase("Playwright", async () => {
    if (specs.length === 0) return ranOk(run("npx", ["playwright", "test", "--reporter=list,json"], { env: playwrightEnv }));
    // Playwright runs a filtered spec's dependency projects in full (every spec before it in the
    // chain): sign in first, then only the named specs.
    if (!(await ranOk(run("npx", ["playwright", "test", "--project=setup", "--reporter=list"], { env: playwrightEnv })))) return false;
    return ranOk(run("npx", ["playwright", "test", "--no-deps", "--reporter=list,json", ...specs], { env: playwrightEnv }));
  });
  totals.playwright = playwrightCounts(ok);
  if (!ok) console.log(`\nLast lines of the server log (${SERVER_LOG}):\n${serverLogTail()}`);
}

function report(): number {
  const sum = Object.values(totals).reduce(
    (acc, c) => ({ passed: acc.passed + c.passed, failed: acc.failed + c.failed, skipped: acc.skipped + c.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log("\nTimings:");
  for (const t of timings) console.log(`  ${t.phase.padEnd(32)} ${t.seconds.toFixed(1).padStart(6)} s`);
  console.log(`  ${"total".padEnd(32)} ${(performance.now() / 1000).toFixed(1).padStart(6)} s`);
  console.log("\nResults:");
  for (const [tool, c] of Object.entries(totals)) {
    console.log(`  ${tool.padEnd(11)} ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`);
  }
  for (const p of problems) console.log(`  ! ${p}`);
  console.log(`\n${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ""}`);
  return sum.failed > 0 ? 1 : 0;
}

try {
  await main();
  const code = report();
  await finish(code);
} catch (error) {
  if (shuttingDown) {
    await new Promise(() => {}); // onShutdown is cleaning up and will exit
  }
  console.error(`\nnpm test could not run: ${message(error)}`);
  problems.push(`could not run: ${message(error).split("\n")[0]}`);
  totals.setup = { passed: 0, failed: 1, skipped: 0 };
  report();
  await finish(1);
}
