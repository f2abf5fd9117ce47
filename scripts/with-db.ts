/**
 * Run a command with DATABASE_URL pointing at a migrated PostgreSQL.
 * If DATABASE_URL is already set, that server is used (as MIGRATION_DATABASE_URL, the owner, when
 * that is set too); otherwise an embedded
 * PostgreSQL is started (./data/pg, or a throw-away cluster with --fresh) and stopped afterwards.
 * --fresh with DATABASE_URL set is refused: the command (often a test run, which empties every
 * table) would otherwise run against that database instead of a throw-away one.
 *
 *   tsx scripts/with-db.ts [--fresh] [--no-migrate] -- <command> [args...]
 */
import path from "node:path";
import { env } from "../lib/env";
import { APP_ROLE, userOf } from "./lib/app-role";
import { startEmbeddedDatabase, type RunningDatabase } from "./lib/embedded-db";
import { migrateDeploy } from "./lib/migrate";
import { onShutdown, run } from "./lib/run";

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const flags = separator === -1 ? argv : argv.slice(0, separator);
const [command, ...args] = separator === -1 ? [] : argv.slice(separator + 1);
if (!command) {
  console.error("usage: tsx scripts/with-db.ts [--fresh] [--no-migrate] -- <command> [args...]");
  process.exit(2);
}

let db: RunningDatabase | undefined;
const finish = onShutdown(async () => db?.stop());

try {
  // The app's variables are checked before a database starts.
  const config = env();
  // The command runs as the tables' owner (migrations, the seed, benchmarks that VACUUM); the
  // app's own role, when it is another one, gets its grants after the migrations.
  let url = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
  let grantTo = config.DATABASE_URL && url && userOf(url) !== userOf(config.DATABASE_URL) ? userOf(config.DATABASE_URL) : undefined;
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) throw new Error("MIGRATION_DATABASE_URL is set but DATABASE_URL is not: set both (or neither, for the embedded database)");
  if (url && flags.includes("--fresh")) {
    throw new Error(`--fresh starts a throw-away database, but DATABASE_URL is set (${redacted(url)}): unset it, or leave out --fresh to run against that database`);
  }
  if (!url) {
    const fresh = flags.includes("--fresh");
    db = await startEmbeddedDatabase({
      dataDir: fresh ? path.join("data", `tmp-${process.pid}`) : path.join("data", "pg"),
      persistent: !fresh,
    });
    url = db.url;
    grantTo = APP_ROLE;
  }
  if (!flags.includes("--no-migrate")) await migrateDeploy(url, { grantTo });
  await run(command, args, { env: { DATABASE_URL: url } });
  await finish(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}

/** host:port/database of a URL, without the user and password. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "not a URL";
  }
}
