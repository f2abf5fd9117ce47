import { readFile } from "node:fs/promises";
import pg from "pg";
import { migrateQueue } from "../../lib/jobs/setup";
import { grantAppRole } from "./app-role";
import { run } from "./run";

/**
 * Apply committed migrations with the Prisma CLI (`prisma migrate deploy`), then
 * prisma/post-migrate.sql (idempotent objects Prisma's runner cannot parse, e.g. triggers), then the
 * job queue's own schema (graphile-worker manages `graphile_worker`; lib/jobs/setup.ts).
 * `databaseUrl` connects as the tables' owner. `grantTo`: the app's role (it owns nothing), given
 * its privileges on whatever the migrations created (scripts/lib/app-role.ts).
 */
export async function migrateDeploy(databaseUrl: string, options: { grantTo?: string } = {}): Promise<void> {
  await run("npx", ["prisma", "migrate", "deploy"], { env: { DATABASE_URL: databaseUrl }, quiet: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile("prisma/post-migrate.sql", "utf8"));
  } finally {
    await client.end();
  }
  await migrateQueue(databaseUrl);
  if (options.grantTo) await grantAppRole(databaseUrl, options.grantTo);
}
