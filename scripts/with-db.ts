/**
 * Run a command with DATABASE_URL pointing at a migrated PostgreSQL.
 * If DATABASE_URL is already set, that server is used; otherwise an embedded
 * PostgreSQL is started (./data/pg, or a throw-away cluster with --fresh) and stopped afterwards.
 *
 *   tsx scripts/with-db.ts [--fresh] [--no-migrate] -- <command> [args...]
 */
import path from "node:path";
import { env } from "../lib/env";
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
  let url = env().DATABASE_URL;
  if (!url) {
    const fresh = flags.includes("--fresh");
    db = await startEmbeddedDatabase({
      dataDir: fresh ? path.join("data", `tmp-${process.pid}`) : path.join("data", "pg"),
      persistent: !fresh,
    });
    url = db.url;
  }
  if (!flags.includes("--no-migrate")) await migrateDeploy(url);
  await run(command, args, { env: { DATABASE_URL: url } });
  await finish(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}
