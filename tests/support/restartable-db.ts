/**
 * A PostgreSQL the test can stop and start again on the same port and data directory, for the
 * outage test (tests/integration/fault-db-outage.test.ts). The cluster is created by the one
 * embedded-database starter (scripts/lib/embedded-db.ts) and migrated; then the test runs its
 * server itself, with the exact command line the starter used (the data directory's
 * postmaster.opts), so "stop" is a real fast shutdown (SIGINT to the postmaster, what
 * `pg_ctl stop -m fast` sends: open sessions get 57P01 admin_shutdown) and "start" brings the
 * same server back where the app's pool expects it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { removeCluster, startEmbeddedDatabase } from "../../scripts/lib/embedded-db";
import { migrateDeploy } from "../../scripts/lib/migrate";

export interface RestartableDatabase {
  url: string;
  /** Fast shutdown; resolves once the server has exited. */
  stop(): Promise<void>;
  /** Start the server again (same port, same data); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stop it for good and delete its data directory. */
  destroy(): Promise<void>;
}

/** The quoted words of postmaster.opts: the server binary, then its arguments. */
function commandLine(dataDir: string): string[] {
  const opts = readFileSync(path.join(dataDir, "postmaster.opts"), "utf8");
  return [...opts.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

export async function startRestartableDatabase(name: string): Promise<RestartableDatabase> {
  const first = await startEmbeddedDatabase({ dataDir: path.join("data", `${name}-${process.pid}`), persistent: true, quiet: true });
  await migrateDeploy(first.url);
  // Where the starter put the cluster (as root, maybe not where it was asked to).
  const { dataDir } = first;
  // Let the starter shut its server down cleanly (it waits for its own process), then run it here.
  await first.stop();
  const [binary, ...args] = commandLine(dataDir);
  // As root the starter runs PostgreSQL as the data directory's owner; so does this.
  const owner = statSync(dataDir);
  const ids = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};

  let server: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(binary!, args, { ...ids, stdio: ["ignore", "ignore", "pipe"] });
      let log = "";
      let ready = false;
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start:\n${log}`)), 30_000);
      // Read its log to the end (a full pipe would stall the server); kept only until it is ready.
      child.stderr!.on("data", (chunk: Buffer) => {
        if (ready) return;
        log += chunk.toString();
        if (log.includes("database system is ready to accept connections")) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", () => {
        clearTimeout(timer);
        process.off("exit", onExit);
        reject(new Error(`PostgreSQL exited:\n${log}`));
      });
      // A test process that dies must not leave the server running.
      const onExit = () => child.kill("SIGINT");
      process.on("exit", onExit);
      server = child;
    });
  const stop = async () => {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  };
  await start();
  return {
    url: first.url,
    start,
    stop,
    async destroy() {
      await stop();
      removeCluster(dataDir);
    },
  };
}
