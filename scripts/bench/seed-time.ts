/**
 * Time the demo-data seed at a given size (replaces all account data in DATABASE_URL).
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx scripts/bench/seed-time.ts --accounts 100000 [--seed bench]
 *
 * Prints the phases, rows per second and one JSON line for tracking results over time.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "@/lib/env";
import { seedDatabase } from "@/lib/seed/seed-database";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    seed: { type: "string", default: "bench" },
    "batch-size": { type: "string" },
  },
});
const accounts = Number(values.accounts);
if (!Number.isSafeInteger(accounts) || accounts < 1) throw new Error(`--accounts must be a positive whole number`);
const connectionString = env().DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is not set: run through scripts/with-db.ts");

// The machine may be shared: record its load so a slow figure can be told from a slow seed.
const loadBefore = os.loadavg()[0] ?? 0;
const cpuBefore = process.cpuUsage();
console.log(`Seed benchmark, ${accounts.toLocaleString("en-US")} accounts, ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)}`);
const pool = new pg.Pool({ connectionString, max: 2 });
try {
  const summary = await seedDatabase(pool, {
    accounts,
    seed: values.seed,
    // A fixed day keeps runs comparable (same data whatever the date).
    asOf: new Date("2026-01-15T00:00:00Z"),
    reset: true,
    batchSize: values["batch-size"] ? Number(values["batch-size"]) : undefined,
    log: (message) => console.log(`  ${message}`),
  });
  const rows = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
  const seconds = (summary.timings.total ?? 0) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const loadAfter = os.loadavg()[0] ?? 0;
  console.log(
    `\n${accounts.toLocaleString("en-US")} accounts, ${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / seconds).toLocaleString("en-US")} rows/s; Node CPU ${(nodeCpuMs / 1000).toFixed(1)} s; ` +
      `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})`,
  );
  console.log(
    JSON.stringify({ bench: "seed-time", accounts, rows: summary.rows, timings: summary.timings, loading: summary.loading, nodeCpuMs, loadAverage: [loadBefore, loadAfter] }),
  );
} finally {
  await pool.end();
}
