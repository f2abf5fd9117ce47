import pg from "pg";
import { run } from "./run";

export const DEMO_ACCOUNTS = 2000;
export const DEMO_SEED = 42;

/** Seed the demo (accounts, users, rules) into an empty database; leaves a database with data alone. */
export async function seedDemoIfEmpty(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let count = 0;
  try {
    count = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts")).rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
  if (count > 0) return;
  console.log(`Seeding the demo data (${DEMO_ACCOUNTS} accounts)…`);
  await run("npx", ["tsx", "prisma/seed.ts", "--accounts", String(DEMO_ACCOUNTS), "--seed", String(DEMO_SEED)], {
    env: { DATABASE_URL: databaseUrl },
  });
}
