import path from "node:path";
import { startEmbeddedDatabase, type RunningDatabase } from "../../scripts/lib/embedded-db";
import { migrateDeploy } from "../../scripts/lib/migrate";

let db: RunningDatabase | undefined;

/**
 * Integration tests run against a real PostgreSQL: DATABASE_URL when given
 * (it must be a throw-away database: tests reset tables), else a fresh embedded cluster.
 */
export async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    db = await startEmbeddedDatabase({ dataDir: path.join("data", `test-${process.pid}`), persistent: false, quiet: true });
    process.env.DATABASE_URL = db.url;
    await migrateDeploy(db.url);
  } else if (!process.env.TIERWISE_SKIP_MIGRATE) {
    await migrateDeploy(process.env.DATABASE_URL);
  }
}

export async function teardown(): Promise<void> {
  await db?.stop();
}
