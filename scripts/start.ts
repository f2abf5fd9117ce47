/**
 * `npm start`: the whole app on one command.
 * - No DATABASE_URL: starts the embedded PostgreSQL in ./data/pg (kept between runs), seeds the
 *   2,000-account demo on first start, and keeps a generated AUTH_SECRET in ./data/auth-secret.
 *   The app connects as the role tierwise_app, which owns no table (migrations and the seed run as
 *   the owner).
 * - DATABASE_URL set (production): uses that server; AUTH_SECRET must be set. With
 *   MIGRATION_DATABASE_URL too, migrations run as that (owner) role and grant DATABASE_URL's role
 *   what the app needs.
 * Then applies migrations, builds if the build is missing or older than the sources, and serves.
 *   npm start [-- --dev] [-- --port 3000]
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, parseVariables, wholeNumber } from "../lib/env";
import { startEmbeddedDatabase, type RunningDatabase } from "./lib/embedded-db";
import { userOf } from "./lib/app-role";
import { migrateDeploy } from "./lib/migrate";
import { onShutdown, run, start } from "./lib/run";
import { seedDemoIfEmpty } from "./lib/demo";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const portFlag = args.indexOf("--port");

let db: RunningDatabase | undefined;
const finish = onShutdown(async () => db?.stop());

function localAuthSecret(): string {
  const file = path.join("data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync("data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib"].filter(existsSync).map(newestSourceMtime);
  const files = ["proxy.ts", "next.config.js", "package-lock.json", "prisma/schema.prisma"].filter(existsSync).map((f) => statSync(f).mtimeMs);
  return Math.max(...sources, ...files) > built;
}

try {
  // Every variable is checked before anything starts: a bad one stops here, named.
  const config = env();
  // --port wins over PORT and follows the same rule.
  const port =
    portFlag >= 0 ? parseVariables({ "--port": wholeNumber(1, 65535) }, { "--port": args[portFlag + 1] }, "option")["--port"] : config.PORT;
  // The app connects with databaseUrl; migrations and the seed run as the tables' owner (ownerUrl).
  // One URL (no MIGRATION_DATABASE_URL): that role does both, as before.
  let databaseUrl = config.DATABASE_URL;
  let ownerUrl = config.MIGRATION_DATABASE_URL ?? databaseUrl;
  let authSecret = config.AUTH_SECRET;
  const embedded = !databaseUrl;
  if (embedded) {
    if (config.MIGRATION_DATABASE_URL) throw new Error("MIGRATION_DATABASE_URL is set but DATABASE_URL is not: set both (or neither, for the embedded database)");
    console.log("Starting the embedded PostgreSQL (data in ./data/pg unless said otherwise)…");
    db = await startEmbeddedDatabase({ dataDir: path.join("data", "pg"), persistent: true });
    databaseUrl = db.appUrl;
    ownerUrl = db.url;
    authSecret ??= localAuthSecret();
  } else if (!authSecret) {
    throw new Error("AUTH_SECRET must be set when DATABASE_URL is (generate one with: openssl rand -base64 32)");
  }
  const nextEnv = { DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, NEXT_TELEMETRY_DISABLED: "1" };
  console.log("Applying migrations…");
  const appRole = userOf(databaseUrl!);
  await migrateDeploy(ownerUrl!, { grantTo: appRole !== userOf(ownerUrl!) ? appRole : undefined });
  if (embedded || config.TIERWISE_SEED_DEMO) await seedDemoIfEmpty(ownerUrl!);

  if (dev) {
    const server = start("npx", ["next", "dev", "-p", String(port)], { env: nextEnv });
    server.on("exit", (code) => void finish(code ?? 0));
  } else {
    if (buildIsStale()) {
      console.log("Building the app (first start or changed sources)…");
      await run("npx", ["next", "build"], { env: nextEnv });
    }
    // One instance per core on the one port (scripts/serve.ts): Node renders on one core each.
    const server = start("npx", ["tsx", "scripts/serve.ts", "--port", String(port)], { env: nextEnv });
    // If the server stops on its own, stop the database too.
    server.on("exit", (code) => void finish(code ?? 0));
    console.log(`\nTierwise is starting on http://localhost:${port}  (sign in as admin@tierwise.local / tierwise-demo)\n`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}
