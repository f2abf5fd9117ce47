import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Throw-away clusters are named `<kind>-<pid>` (as root `<kind>-<pid>-<key>`) after the process that
 * made them, which deletes them when it stops. A process killed before that (a test run stopped with
 * Ctrl-C twice, kill -9) leaves its cluster behind: the next throw-away cluster deletes those whose
 * process is gone and on which no PostgreSQL still runs. Returns the directories deleted.
 */
export function sweepDeadClusters(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-(\d+)(?:-[0-9a-f]{12})?$/.exec(name);
    if (!match) continue;
    const full = path.join(dir, name);
    if (alive(Number(match[1])) || !statSync(full).isDirectory()) continue;
    const postmaster = path.join(full, "postmaster.pid");
    if (existsSync(postmaster) && alive(Number(readFileSync(postmaster, "utf8").split("\n")[0]))) continue;
    rmSync(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}

/** Whether process `pid` may still run (one that cannot be judged counts as running: keep its files). */
export function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true; // not a pid we can judge: keep
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
