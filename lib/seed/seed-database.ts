import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { multiTableInsert } from "./bulk-insert";
import { startOfUtcDay } from "./calendar";
import { dropSecondaryIndexes } from "./deferred-indexes";
import { TECHNOLOGY_CATALOGUE } from "./catalogue";
import { DEMO_USERS, demoUsersPassword } from "./demo-users";
import { generateAccounts, REP_COUNT } from "./generate";
import { batchRows, type IdCounters } from "./seed-rows";

export interface SeedOptions {
  accounts: number;
  /** Same seed, size and asOf ⇒ identical data. */
  seed: string | number;
  /** Reference day of the generated history; today (00:00 UTC) by default so demo data looks current. */
  asOf?: Date;
  /** Create the demo team and spread accounts over the reps (default true). */
  demoUsers?: boolean;
  /** Empty account data and the technology catalogue first; otherwise a database with accounts is refused. */
  reset?: boolean;
  /** Accounts generated and inserted per statement (default 2,500: ~15-25k child rows per table). */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  asOf: string;
  rows: {
    accounts: number;
    orders: number;
    events: number;
    campaignResponses: number;
    accountTechnologies: number;
    technologies: number;
    users: number;
  };
  /** Milliseconds per phase, in order, and `total` (wall clock). */
  timings: Record<string, number>;
  /** How "accounts and history" splits: generating in Node and waiting for PostgreSQL overlap. */
  loading: { generateMs: number; databaseWaitMs: number };
}

/** The database already holds accounts and `reset` was not requested. */
export class SeedRefusedError extends Error {
  constructor() {
    super("The database already has accounts: refusing to seed over them (pass --reset to replace all account data).");
    this.name = "SeedRefusedError";
  }
}

/** Tables the seed fills; --reset empties them (CASCADE also clears memberships that point at accounts). */
const SEEDED_TABLES = ["accounts", "orders", "engagement_events", "campaign_responses", "account_technologies", "technologies"];
/** Tables bulk-loaded without their secondary indexes and foreign keys. */
const ACCOUNT_DATA_TABLES = ["accounts", "account_search", "orders", "engagement_events", "campaign_responses", "account_technologies"];
const SERIAL_TABLES = ["accounts", "orders", "engagement_events", "campaign_responses"];
/** Arbitrary constant: two concurrent seeds of one database queue instead of interleaving. */
const SEED_LOCK_KEY = 727_002;

/**
 * Fill the database with deterministic demo data in one transaction (all or nothing):
 * technology catalogue, demo users, accounts with orders, engagement events, campaign responses
 * and technologies, then derived metrics; ANALYZE once committed. Takes a pg Pool because
 * bulk loading needs one dedicated connection and raw array parameters.
 */
export async function seedDatabase(pool: pg.Pool, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const seedStarted = performance.now();
  const asOf = startOfUtcDay(options.asOf ?? new Date());
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[phase] = Math.round(performance.now() - started);
    log(`${phase}: ${timings[phase]} ms`);
    return result;
  };

  // Decided before anything is written: production refuses the demo users unless forced.
  const demo = (options.demoUsers ?? true) ? demoUsersPassword() : null;
  const client = await pool.connect();
  let rows: SeedSummary["rows"];
  let loading: SeedSummary["loading"];
  try {
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    await timed("prepare", async () => {
      if (options.reset) await client.query(`TRUNCATE ${SEEDED_TABLES.join(", ")} RESTART IDENTITY CASCADE`);
      else if ((await client.query("SELECT 1 FROM accounts LIMIT 1")).rowCount) throw new SeedRefusedError();
    });
    const technologyIds = await timed("technology catalogue", () => upsertCatalogue(client));
    // bcrypt is deliberately slow: hash once for all demo users.
    const passwordHash = demo ? await timed("hash demo password", () => hashPassword(demo.password)) : undefined;
    const ownerIds = passwordHash ? await timed("demo users", () => upsertDemoUsers(client, passwordHash)) : [];
    const restoreIndexes = await timed("drop indexes", () => dropSecondaryIndexes(client, ACCOUNT_DATA_TABLES));
    // The generated account rows carry their technology_ids already (seed-rows.ts): the trigger
    // that keeps them in step would only redo that work, batch after batch, and the one that marks
    // a campaign response's account as written would rewrite every account it just inserted (the
    // accounts' inserts already count as writes). Back on before commit.
    await client.query("ALTER TABLE account_technologies DISABLE TRIGGER USER");
    await client.query("ALTER TABLE campaign_responses DISABLE TRIGGER USER");
    const loaded = await timed("accounts and history", () => loadAccounts(client, { ...options, asOf, technologyIds, ownerIds }));
    loading = loaded.loading;
    log(`  (generating ${loading.generateMs} ms, waiting for the database ${loading.databaseWaitMs} ms, overlapped)`);
    rows = { ...loaded.rows, technologies: technologyIds.length, users: ownerIds.length ? DEMO_USERS.length : 0 };
    await timed("sequences", () => advanceSequences(client));
    // Before the indexes come back, so the metrics UPDATE does not maintain ~20 of them.
    await timed("metrics", () => recomputeAccountMetrics(client, { asOf }));
    await timed("build indexes", restoreIndexes);
    await client.query("ALTER TABLE account_technologies ENABLE TRIGGER USER");
    await client.query("ALTER TABLE campaign_responses ENABLE TRIGGER USER");
    await timed("commit", () => client.query("COMMIT"));
    if (demo?.random) console.log(`Demo users created with this random password (shown once): ${demo.password}`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // Fresh statistics so the first queries get good plans. VACUUM is left to autovacuum, which
  // starts on its own after a load this size; running it here would add seconds to every seed.
  await timed("analyze", () => pool.query(`ANALYZE ${SEEDED_TABLES.join(", ")}, users`));
  timings.total = Math.round(performance.now() - seedStarted);
  return { asOf: asOf.toISOString().slice(0, 10), rows, timings, loading };
}

/** Insert the catalogue (or refresh vendor/category of existing names); catalogue index → database id. */
async function upsertCatalogue(client: pg.PoolClient): Promise<number[]> {
  const result = await client.query<{ id: number; name: string }>(
    `INSERT INTO technologies (name, vendor, category)
     SELECT * FROM unnest($1::text[], $2::text[], $3::"TechCategory"[])
     ON CONFLICT (name) DO UPDATE SET vendor = EXCLUDED.vendor, category = EXCLUDED.category
     RETURNING id, name`,
    [
      TECHNOLOGY_CATALOGUE.map((t) => t.name),
      TECHNOLOGY_CATALOGUE.map((t) => t.vendor),
      TECHNOLOGY_CATALOGUE.map((t) => t.category),
    ],
  );
  const idByName = new Map(result.rows.map((row) => [row.name, row.id]));
  return TECHNOLOGY_CATALOGUE.map((t) => {
    const id = idByName.get(t.name);
    if (id === undefined) throw new Error(`technology ${t.name} was not stored`);
    return id;
  });
}

/**
 * Create the demo team, or restore an existing demo user's name, role and password (and end its
 * sessions). Returns the rep ids in owner-slot order.
 */
async function upsertDemoUsers(client: pg.PoolClient, passwordHash: string): Promise<string[]> {
  const result = await client.query<{ id: string; email: string }>(
    `INSERT INTO users (id, email, name, password_hash, role, updated_at)
     SELECT id, email, name, $4, role, now() FROM unnest($1::text[], $2::text[], $3::text[], $5::"Role"[]) AS u(id, email, name, role)
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, active = true,
       password_hash = EXCLUDED.password_hash, session_version = users.session_version + 1, updated_at = now()
     RETURNING id, email`,
    [DEMO_USERS.map((u) => u.id), DEMO_USERS.map((u) => u.email), DEMO_USERS.map((u) => u.name), passwordHash, DEMO_USERS.map((u) => u.role)],
  );
  const idByEmail = new Map(result.rows.map((row) => [row.email, row.id]));
  const reps = DEMO_USERS.filter((u) => u.role === "REP").map((u) => idByEmail.get(u.email) ?? u.id);
  if (reps.length !== REP_COUNT) throw new Error(`expected ${REP_COUNT} demo reps, found ${reps.length}`);
  return reps;
}

/**
 * Generate and insert accounts batch by batch. Each batch goes out as one statement; the next
 * batch is generated while PostgreSQL inserts the previous one, so both cores stay busy.
 */
async function loadAccounts(
  client: pg.PoolClient,
  context: SeedOptions & { asOf: Date; technologyIds: number[]; ownerIds: string[] },
) {
  const counters: IdCounters = { account: 0, order: 0, event: 0, campaign: 0, accountTechnology: 0 };
  let generateMs = 0;
  let waitMs = 0;
  let inFlight: Promise<unknown> | undefined;
  const batches = generateAccounts({ seed: context.seed, count: context.accounts, asOf: context.asOf, batchSize: context.batchSize ?? 2_500 });
  try {
    for (;;) {
      const generating = performance.now();
      const next = batches.next();
      const statement = next.done ? undefined : multiTableInsert(batchRows(next.value, context, counters));
      generateMs += performance.now() - generating;
      if (inFlight) {
        const waiting = performance.now();
        await inFlight;
        inFlight = undefined;
        waitMs += performance.now() - waiting;
      }
      if (!statement) break;
      inFlight = client.query(statement.text, statement.values);
    }
  } catch (error) {
    // Let a statement still in flight settle before the caller rolls back on the same connection.
    await inFlight?.catch(() => undefined);
    throw error;
  }
  return {
    rows: {
      accounts: counters.account,
      orders: counters.order,
      events: counters.event,
      campaignResponses: counters.campaign,
      accountTechnologies: counters.accountTechnology,
    },
    loading: { generateMs: Math.round(generateMs), databaseWaitMs: Math.round(waitMs) },
  };
}

/** Ids were inserted explicitly: move each sequence past them so later inserts do not collide. */
async function advanceSequences(client: pg.PoolClient): Promise<void> {
  for (const table of SERIAL_TABLES) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT max(id) FROM ${table}), 0) + 1, false)`,
    );
  }
}
