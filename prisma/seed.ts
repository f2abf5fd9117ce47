/**
 * Seed the database at DATABASE_URL with deterministic demo data.
 *
 *   tsx scripts/with-db.ts -- tsx prisma/seed.ts [--accounts 2000] [--seed tierwise]
 *       [--as-of YYYY-MM-DD] [--no-demo-users] [--reset]
 *
 * Same --seed, --accounts and --as-of ⇒ identical data. Without --as-of the history ends today,
 * so the demo always looks current. A database that already has accounts is refused unless --reset.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { parseIsoDay } from "@/lib/seed/calendar";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { SeedRefusedError, seedDatabase } from "@/lib/seed/seed-database";

const USAGE = "usage: tsx prisma/seed.ts [--accounts N] [--seed S] [--as-of YYYY-MM-DD] [--no-demo-users] [--no-rules] [--reset]";

function parseOptions() {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string", default: "2000" },
      seed: { type: "string", default: "tierwise" },
      "as-of": { type: "string" },
      "no-demo-users": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      "no-rules": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const accounts = Number(values.accounts);
  if (!Number.isSafeInteger(accounts) || accounts < 1 || accounts > 5_000_000) {
    throw new Error(`--accounts must be a whole number from 1 to 5,000,000, got "${values.accounts}"`);
  }
  return {
    accounts,
    seed: values.seed,
    asOf: values["as-of"] === undefined ? undefined : parseIsoDay(values["as-of"]),
    demoUsers: !values["no-demo-users"],
    reset: values.reset,
    rules: !values["no-rules"],
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let connectionString: string | undefined;
  try {
    connectionString = env().DATABASE_URL;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (!connectionString) {
    console.error("DATABASE_URL is not set: run through `tsx scripts/with-db.ts -- tsx prisma/seed.ts ...`");
    return 2;
  }
  const pool = new pg.Pool({ connectionString, max: 2 });
  try {
    console.log(`Seeding ${options.accounts.toLocaleString("en-US")} accounts (seed "${options.seed}")...`);
    if (options.reset) {
      // The demo rules are republished below; history that pointed at the old accounts goes too.
      await db.$executeRawUnsafe(`TRUNCATE membership_events, account_segments, segment_versions, segments,
        tier_scheme_versions, tier_scheme_draft, scoring_config, tiers, play_outcomes, play_versions, plays,
        change_dismissals RESTART IDENTITY CASCADE`);
    }
    const summary = await seedDatabase(pool, { ...options, log: (message) => console.log(`  ${message}`) });
    const r = summary.rows;
    console.log(
      `Seeded as of ${summary.asOf}: ${r.accounts} accounts, ${r.orders} orders, ${r.events} engagement events, ` +
        `${r.campaignResponses} campaign responses, ${r.accountTechnologies} detected technologies (catalogue of ${r.technologies}), ${r.users} demo users ` +
        `in ${(summary.timings.total ?? 0) / 1000} s.`,
    );
    if (options.rules) {
      const started = performance.now();
      const admin = await db.user.findFirst({ where: { role: "ADMIN" }, select: { id: true } });
      const changes = await publishDemoRules(db, {
        publishedById: admin?.id ?? null,
        asOf: new Date(`${summary.asOf}T00:00:00Z`),
        outcomesSeed: options.seed,
      });
      // Publishing rewrote every account's segmentation row twice (memberships, then plays): clear
      // the dead rows and refresh the statistics, or the first queries plan on a table that looks empty.
      await db.$executeRawUnsafe("VACUUM (ANALYZE) account_segmentation, account_segments, membership_events, play_outcomes");
      console.log(
        `Published the demo tier scheme, ${changes.segmentChanges.toLocaleString("en-US")} segment memberships, ` +
          `${changes.playChanges.toLocaleString("en-US")} play memberships (${changes.outcomes.toLocaleString("en-US")} demo outcomes) and scores ` +
          `in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
    if (r.users > 0) console.log("Sign in as admin@tierwise.local, manager@tierwise.local or rep1..rep5@tierwise.local, password tierwise-demo.");
    return 0;
  } catch (error) {
    if (error instanceof SeedRefusedError) console.error(error.message);
    else console.error(error);
    return 1;
  } finally {
    await pool.end();
    await db.$disconnect();
  }
}

process.exit(await main());
