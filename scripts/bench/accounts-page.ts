/**
 * Page latency: seeds N accounts (with the demo rules and plays) into a throw-away embedded
 * PostgreSQL, serves the production build and times typical URLs as a rep and as a manager:
 * the accounts list, /today (the worklist) and the account page with its recommended plays.
 *
 *   npm run bench -- [--accounts 100000] [--requests 60] [--reuse]
 *
 * `--reuse` with DATABASE_URL set measures that database as it is (no migration, no seed), e.g. one
 * seeded once with `prisma/seed.ts --accounts 100000 --seed bench`.
 * Prints p50/p95 per URL (server response, full HTML). Run `npm run build` first.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../../lib/env";
import { freePort, startEmbeddedDatabase, type RunningDatabase } from "../lib/embedded-db";
import { migrateDeploy } from "../lib/migrate";
import { onShutdown, run, start } from "../lib/run";
import { percentile, signInAs, timeGets, waitForServer } from "./http";

const { values } = parseArgs({
  options: { accounts: { type: "string", default: "100000" }, requests: { type: "string", default: "60" }, reuse: { type: "boolean", default: false } },
});
const accounts = Number(values.accounts);
const requests = Number(values.requests);

let database: RunningDatabase | undefined;
const finish = onShutdown(async () => database?.stop());

try {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const given = env().DATABASE_URL;
  let url = given;
  if (!url) {
    database = await startEmbeddedDatabase({ dataDir: path.join("data", `bench-${process.pid}`), persistent: false, quiet: true });
    url = database.url;
  }
  const reuse = values.reuse && !!given;
  const seedStart = performance.now();
  if (!reuse) {
    await migrateDeploy(url);
    await run("npx", ["tsx", "prisma/seed.ts", "--accounts", String(accounts), "--seed", "bench", "--reset"], { env: { DATABASE_URL: url } });
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const port = await freePort();
  start(process.execPath, ["--import", "tsx", "scripts/app-server.ts", "--port", String(port)], {
    env: { DATABASE_URL: url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret", NEXT_TELEMETRY_DISABLED: "1", TIERWISE_DISABLE_REFRESH: "1" },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/sign-in`);
  const rep = await signInAs(base, "rep1@tierwise.local", "tierwise-demo");
  const manager = await signInAs(base, "manager@tierwise.local", "tierwise-demo");

  // rep1's id, and rep1's account with the most plays (the account page with plays at its fullest).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: picked } = await client.query<{ owner_id: string; id: number }>(`
    SELECT a.owner_id, a.id FROM accounts a JOIN account_segmentation r ON r.account_id = a.id JOIN users u ON u.id = a.owner_id
    WHERE u.email = 'rep1@tierwise.local' ORDER BY cardinality(r.play_ids) DESC, r.tier_rank, r.priority_score DESC LIMIT 1`);
  await client.end();
  const rep1 = picked[0];
  if (!rep1) throw new Error("rep1 owns no accounts");

  const cases: [string, string, typeof rep][] = [
    ["rep: default (tier, then score)", "/accounts", rep],
    ["rep: search 'tech'", "/accounts?q=tech", rep],
    ["rep: industry + region filter, sort by LTV", "/accounts?industry=Software&region=NORTH_AMERICA&sort=ltv", rep],
    ["rep: technology filter, page 5", "/accounts?tech=1&page=5", rep],
    ["manager: default, all accounts", "/accounts", manager],
    ["manager: tier + segment filter", "/accounts?tier=growth&segment=1", manager],
    ["manager: sort by last order, page 100", "/accounts?sort=lastOrder&page=100", manager],
    ["manager: search + category filter", "/accounts?q=an&category=ERP", manager],
    ["rep: /today (day plan)", "/today", rep],
    ["rep: /today filtered by tier", "/today?tier=strategic", rep],
    ["manager: /today for rep1", `/today?rep=${rep1.owner_id}`, manager],
    ["rep: account page with plays", `/accounts/${rep1.id}`, rep],
    ["manager: account page with plays", `/accounts/${rep1.id}`, manager],
  ];
  console.log(`\nPages, ${accounts.toLocaleString("en-US")} accounts (${reuse ? "database reused" : `seeded in ${seedSeconds.toFixed(1)} s`}); ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${requests} sequential requests per URL after 5 warm-up\n`);
  console.log("| URL | as | p50 | p95 |\n| --- | --- | --- | --- |");
  for (const [label, href, session] of cases) {
    const times = await timeGets(`${base}${href}`, session, requests);
    console.log(`| \`${href}\` | ${label} | ${percentile(times, 50).toFixed(0)} ms | ${percentile(times, 95).toFixed(0)} ms |`);
  }
  await finish(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}
