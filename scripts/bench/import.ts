/**
 * Import benchmark: a 100,000-row accounts file (half updates of seeded accounts, half new) and a
 * 100,000-row orders file, each uploaded in parts, dry-run and committed through the same data
 * layer the page uses (lib/data/import/). Prints the time of every step and the peak memory.
 * By default it seeds an empty database (use --fresh as below):
 *
 *   npx tsx scripts/with-db.ts --fresh -- tsx --conditions=react-server scripts/bench/import.ts [--rows 100000] [--existing 50000]
 *
 * With --use-db it runs against the database DATABASE_URL names as it is (e.g. a 100k or 1M
 * benchmark copy with published rules): nothing is seeded; the accounts file updates the first
 * rows/2 accounts and creates rows/2 new ones, named with --tag (default: a fresh one per run, so
 * every run creates and changes as much as the first); --cleanup deletes what the run created
 * (new accounts with their orders and ledger rows, the bench orders) afterwards, recomputes the
 * metrics of the accounts that lost bench orders and runs the full recompute, so tiers, segments,
 * plays and scores are again what the remaining data gives (the existing half keeps its updated
 * employee counts: the cleanup deletes, it does not restore old values):
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/import.ts --use-db [--cleanup] [--kinds accounts,orders]
 *
 * (`--conditions=react-server` lets this script import the server-only data layer.)
 */
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import pg from "pg";
import { db } from "@/lib/db/client";
import { recomputeEverything } from "@/lib/db/membership/recompute-all";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { env } from "@/lib/env";
import { startCommit, startDryRun } from "@/lib/data/import/runs";
import { appendUpload, completeUpload, createUpload } from "@/lib/data/import/uploads";
import type { ImportJobView } from "@/lib/import/job";
import type { ImportKind } from "@/lib/import/kinds";
import { publishDemoRules } from "@/lib/seed/demo-rules";
import { seedDatabase } from "@/lib/seed/seed-database";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    existing: { type: "string", default: "50000" },
    "use-db": { type: "boolean", default: false },
    tag: { type: "string", default: Date.now().toString(36) },
    kinds: { type: "string", default: "accounts,orders" },
    cleanup: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const EXISTING = Number(values.existing);
const USE_DB = values["use-db"];
const TAG = values.tag;
const KINDS = new Set(values.kinds.split(","));
/** Employee counts shift by this per tag, so the existing half is updated on every run. */
const TAG_SHIFT = 1 + ([...TAG].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) % 4999, 7) % 4998);
const PART_BYTES = 4 * 1024 * 1024;

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tierwise-import-bench-"));
// Import storage reads the folder through env() on every use, so this run's files go here.
process.env.TIERWISE_IMPORT_DIR = path.join(dir, "uploads");

// ---- Memory: sampled RSS, plus the kernel's high-water mark.
let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const results: { step: string; seconds: number; rssAfter: string }[] = [];
const summary: { file: string; run: string; seconds: number; rowsPerSecond: number; peakRss: string }[] = [];
async function time<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  sample();
  const seconds = (performance.now() - started) / 1000;
  results.push({ step, seconds: Math.round(seconds * 100) / 100, rssAfter: mb(process.memoryUsage().rss) });
  console.log(`  ${step}: ${seconds.toFixed(2)} s`);
  return result;
}

/** Stream rows to a file (the generator never holds the file). */
async function writeCsv(file: string, header: string, rows: number, row: (i: number) => string): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${row(i)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return (await fs.stat(file)).size;
}

async function* fileParts(file: string): AsyncGenerator<{ offset: number; bytes: AsyncIterable<Uint8Array> }> {
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    for (let offset = 0; offset < size; offset += PART_BYTES) {
      const buffer = Buffer.alloc(Math.min(PART_BYTES, size - offset));
      await handle.read(buffer, 0, buffer.length, offset);
      yield { offset, bytes: (async function* () { yield new Uint8Array(buffer); })() };
    }
  } finally {
    await handle.close();
  }
}

async function importFile(actor: { id: string; role: "ADMIN"; email: string }, kind: ImportKind, file: string): Promise<ImportJobView> {
  const size = (await fs.stat(file)).size;
  const name = path.basename(file);
  const job = await time(`${kind}: upload ${mb(size)} in ${Math.ceil(size / PART_BYTES)} parts + read header and count rows`, async () => {
    const { id } = await createUpload(actor, { kind, fileName: name, size, contentType: "text/csv" });
    for await (const part of fileParts(file)) await appendUpload(actor, id, part.offset, part.bytes);
    return completeUpload(actor, id);
  });
  peakRss = 0;
  const checked = await time(`${kind}: dry run (${job.totalRows.toLocaleString("en-US")} rows, rolled back)`, () =>
    startDryRun(actor, job.id, job.summary.mapping!, { wait: true }),
  );
  const dry = checked.summary.dryRun!;
  summarize(kind, "dry run", dry.durationMs, dry.rows);
  console.log(`    phases (ms): ${JSON.stringify(dry.phaseMs)}`);
  console.log(`    steps (ms): ${JSON.stringify(dry.stepMs ?? {})}`);
  console.log(`    ${checked.status}: ${dry.errorCount} errors, would create ${dry.created}, update ${dry.updated}, unchanged ${dry.unchanged}; ${dry.impact.tierChanges} tier changes`);
  if (checked.status !== "CHECKED") throw new Error(`${kind}: the dry run found problems or failed: ${checked.summary.failure?.message ?? ""}`);
  peakRss = 0;
  const committed = await time(`${kind}: commit (one transaction: upsert, metrics, tiers, segments, scores)`, () => startCommit(actor, job.id, { wait: true }));
  const done = committed.summary.commit;
  if (!done) throw new Error(`${kind}: the commit failed: ${committed.summary.failure?.message ?? committed.status}`);
  summarize(kind, "commit", done.durationMs, done.rows);
  console.log(`    phases (ms): ${JSON.stringify(done.phaseMs)}`);
  console.log(`    steps (ms): ${JSON.stringify(done.stepMs ?? {})}`);
  console.log(`    ${committed.status}: created ${done.created}, updated ${done.updated}, unchanged ${done.unchanged}; ${done.impact.tierChanges} tier changes (dry run said ${dry.impact.tierChanges})`);
  return committed;
}

/** The run's own figures (from its report): seconds, rows per second, peak RSS since the run started. */
function summarize(file: string, run: string, ms: number, rows: number) {
  summary.push({ file, run, seconds: Math.round(ms / 10) / 100, rowsPerSecond: Math.round(rows / (ms / 1000)), peakRss: mb(peakRss) });
}

const accountsBefore = await db.account.count();
console.log(
  `Import benchmark: ${ROWS.toLocaleString("en-US")}-row files over ${USE_DB ? `the existing database (${accountsBefore.toLocaleString("en-US")} accounts)` : `${EXISTING.toLocaleString("en-US")} seeded accounts`}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);

if (!USE_DB) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  await time(`seed ${EXISTING.toLocaleString("en-US")} accounts`, () => seedDatabase(pool, { accounts: EXISTING, seed: "import-bench", reset: true }));
  await pool.end();
}
const adminRow = await db.user.findFirstOrThrow({ where: { role: "ADMIN", active: true } });
if (!USE_DB) await time("publish the demo rules", () => publishDemoRules(db, { publishedById: adminRow.id }));
const actor = { id: adminRow.id, role: "ADMIN" as const, email: adminRow.email };

const existing = (await db.account.findMany({ select: { domain: true }, orderBy: { id: "asc" }, take: Math.floor(ROWS / 2) })).map((a) => a.domain);
const INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Logistics"];
const COUNTRIES = ["United States", "Germany", "United Kingdom", "Brazil", "Japan", "Canada", "France", "India"];
const HOSTING = ["Cloud", "On-premise", "Hybrid"];

const accountsFile = path.join(dir, "accounts.csv");
const accountsBytes = await time(`generate ${ROWS.toLocaleString("en-US")}-row accounts CSV`, () =>
  writeCsv(accountsFile, "Company name,Company Domain Name,Industry,Country/Region,Annual Revenue,Number of Employees,Hosting,Benefits sought", ROWS, (i) => {
    const domain = existing[i] ?? `bench-new-${TAG}-${i}.example`;
    return [
      `"Bench Company ${i}, Inc."`,
      `https://www.${domain}/`,
      INDUSTRIES[i % INDUSTRIES.length],
      COUNTRIES[i % COUNTRIES.length],
      `"$${(1_000_000 + (i % 997) * 10_000).toLocaleString("en-US")}"`,
      // Differs from run to run (by tag), so the existing half is updated every time.
      String(50 + ((i + TAG_SHIFT) % 5000)),
      HOSTING[i % 3],
      i % 4 === 0 ? "security; scalability" : "",
    ].join(",");
  }),
);
console.log(`    ${mb(accountsBytes)}`);
if (KINDS.has("accounts")) await importFile(actor, "accounts", accountsFile);

const domains = (await db.account.findMany({ select: { domain: true }, orderBy: { id: "asc" }, take: 200_000 })).map((a) => a.domain);
const ordersFile = path.join(dir, "orders.csv");
const today = Date.now();
await time(`generate ${ROWS.toLocaleString("en-US")}-row orders CSV`, () =>
  writeCsv(ordersFile, "Order ID,Account domain,Order date,Amount,Product line", ROWS, (i) => {
    const day = new Date(today - ((i * 7919) % 730) * 86_400_000).toISOString().slice(0, 10);
    // Amounts shift per tag too, so a rerun over a database a run without --cleanup left behind
    // does not find every metric already as it computes it.
    return `BENCH-${TAG}-${i},${domains[(i * 31) % domains.length]},${day},"$${(500 + ((i * 37 + TAG_SHIFT * 101) % 50_000)).toLocaleString("en-US")}.00",Platform`;
  }),
);
if (KINDS.has("orders")) await importFile(actor, "orders", ordersFile);

if (USE_DB && values.cleanup) {
  // The import recomputed metrics, memberships and scores with the bench rows in; deleting the rows
  // alone would leave them all as they were computed (and every other account ranked against the
  // deleted ones), so the cleanup recomputes as the import did, then the full pass.
  await time("cleanup: delete what this run created, recompute the metrics of accounts that lost orders", () =>
    db.$transaction(async (tx) => {
      const lostOrders = await tx.$queryRawUnsafe<{ id: number }[]>(
        `SELECT DISTINCT o.account_id AS id FROM orders o JOIN accounts a ON a.id = o.account_id
         WHERE o.external_id LIKE $1 AND a.domain NOT LIKE $2 ORDER BY 1`,
        `BENCH-${TAG}-%`,
        `bench-new-${TAG}-%`,
      );
      await tx.$executeRawUnsafe("DELETE FROM orders WHERE external_id LIKE $1", `BENCH-${TAG}-%`);
      await tx.$executeRawUnsafe("DELETE FROM accounts WHERE domain LIKE $1", `bench-new-${TAG}-%`);
      const updated = await recomputeAccountMetrics(tx, { accountIds: lostOrders.map((r) => r.id) });
      console.log(`    ${lostOrders.length.toLocaleString("en-US")} accounts lost bench orders; ${updated.toLocaleString("en-US")} had their metrics rewritten`);
    }, LONG_TRANSACTION),
  );
  const restored = await time("cleanup: full recompute (tiers, segments, plays, scores)", () =>
    recomputeEverything(db, { reason: "DATA_CHANGE", detail: `Import benchmark cleanup (${TAG})` }),
  );
  console.log(`    ${JSON.stringify(restored)}`);
}

clearInterval(sampler);
sample();
const maxRssKb = process.resourceUsage().maxRSS;
console.log("\nStep timings");
console.table(results);
console.log(`Peak RSS: ${mb(maxRssKb * 1024)} (resourceUsage maxRSS, whole process)`);
console.log("\nImport runs (seconds from each run's report; peak RSS sampled during the run)");
console.table(summary);
await fs.rm(dir, { recursive: true, force: true });
await db.$disconnect();
