import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { sweepDeadClusters } from "@/scripts/lib/sweep-clusters";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

test("deletes the throw-away clusters whose process is gone, keeps live ones, running servers and anything else", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "sweep-"));
  dirs.push(root);
  const dead = deadPid();
  const cluster = (name: string, postmasterPid?: number) => {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, "PG_VERSION"), "18\n");
    if (postmasterPid) writeFileSync(path.join(root, name, "postmaster.pid"), `${postmasterPid}\n/data\n`);
  };
  cluster(`test-${dead}`);
  cluster(`load-${dead}-0123456789ab`);
  cluster(`test-${process.pid}`);
  cluster(`restart-db-${dead}`, process.pid);
  cluster("pg");
  mkdirSync(path.join(root, "today-notes"));
  writeFileSync(path.join(root, `notes-${dead}`), "a file, not a cluster");

  const removed = sweepDeadClusters(root).map((p) => path.basename(p)).sort();

  expect(removed).toEqual([`load-${dead}-0123456789ab`, `test-${dead}`]);
  for (const kept of [`test-${process.pid}`, `restart-db-${dead}`, "pg", "today-notes", `notes-${dead}`]) expect(existsSync(path.join(root, kept))).toBe(true);
  expect(sweepDeadClusters(path.join(root, "missing"))).toEqual([]);
});
