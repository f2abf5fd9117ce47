/**
 * Persistent clusters kept under the shared root (scripts/lib/embedded-db.ts) record their
 * checkout; a start deletes those whose checkout is gone and on which no PostgreSQL runs.
 * Temp directories stand in for /var/lib/tierwise/clusters and the checkouts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { recordCheckout, removeCluster, sweepOrphanedClusters } from "@/scripts/lib/embedded-db";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

/** A checkout (package.json at its top) and the data directory it asks for. */
function checkout(): { root: string; dataDir: string } {
  const root = tempDir("tierwise-checkout-");
  writeFileSync(path.join(root, "package.json"), "{}\n");
  return { root, dataDir: path.join(root, "data", "pg") };
}

/** A cluster in `clusters` as a start leaves it: its files, its record, maybe a postmaster.pid. */
function cluster(clusters: string, name: string, dataDir: string | null, postmasterPid?: number): string {
  const dir = path.join(clusters, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, "PG_VERSION"), "18\n");
  if (dataDir) recordCheckout(dir, dataDir);
  if (postmasterPid !== undefined) writeFileSync(path.join(dir, "postmaster.pid"), `${postmasterPid}\n${dir}\n`);
  return dir;
}

test("the record names the checkout above the data directory", () => {
  const clusters = tempDir("tierwise-clusters-");
  const { root, dataDir } = checkout();
  const dir = cluster(clusters, "pg-0123456789ab", dataDir);
  expect(JSON.parse(readFileSync(`${dir}.checkout`, "utf8"))).toEqual({ checkout: root, dataDir });
});

test("deletes the clusters of deleted checkouts; keeps live checkouts', running servers', and unrecorded ones", () => {
  const clusters = tempDir("tierwise-clusters-");
  const live = checkout();
  const gone = [checkout(), checkout(), checkout(), checkout()];
  const kept = cluster(clusters, "pg-aaaaaaaaaaaa", live.dataDir);
  const orphan = cluster(clusters, "pg-bbbbbbbbbbbb", gone[0]!.dataDir);
  const orphanDeadServer = cluster(clusters, "pg-cccccccccccc", gone[1]!.dataDir, deadPid());
  const running = cluster(clusters, "pg-dddddddddddd", gone[2]!.dataDir, process.pid);
  const unrecorded = cluster(clusters, "pg-eeeeeeeeeeee", null);
  const unreadable = cluster(clusters, "pg-ffffffffffff", null);
  writeFileSync(`${unreadable}.checkout`, "not json");
  const unjudgeable = cluster(clusters, "pg-000000000000", gone[3]!.dataDir, 0);
  writeFileSync(path.join(clusters, ".checkout"), JSON.stringify({ checkout: "/nonexistent", dataDir: "/nonexistent/data/pg" }));
  for (const { root } of gone) rmSync(root, { recursive: true, force: true });

  expect(sweepOrphanedClusters(clusters).sort()).toEqual([orphan, orphanDeadServer].sort());

  for (const dir of [orphan, orphanDeadServer]) {
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`${dir}.checkout`)).toBe(false);
  }
  for (const dir of [kept, running, unrecorded, unreadable, unjudgeable]) expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
  expect(existsSync(`${running}.checkout`)).toBe(true);
  expect(existsSync(clusters)).toBe(true);
  expect(sweepOrphanedClusters(path.join(clusters, "missing"))).toEqual([]);
});

test("drops the record of a cluster that is already gone, whatever its checkout", () => {
  const clusters = tempDir("tierwise-clusters-");
  const live = checkout();
  const gone = cluster(clusters, "fault-outage-1-0123456789ab", live.dataDir);
  rmSync(gone, { recursive: true, force: true });
  const kept = cluster(clusters, "pg-aaaaaaaaaaaa", live.dataDir);
  expect(sweepOrphanedClusters(clusters)).toEqual([]);
  expect(existsSync(`${gone}.checkout`)).toBe(false);
  expect(existsSync(`${kept}.checkout`)).toBe(true);
});

test("removing a cluster removes its record with it", () => {
  const clusters = tempDir("tierwise-clusters-");
  const dir = cluster(clusters, "fault-outage-2-0123456789ab", checkout().dataDir);
  removeCluster(dir);
  expect(existsSync(dir)).toBe(false);
  expect(existsSync(`${dir}.checkout`)).toBe(false);
});
