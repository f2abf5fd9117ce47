/**
 * App instances reduced to their job worker (job-worker-child.ts), as child processes the crash
 * tests start, SIGKILL and start again on the test's database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const CHILD = path.resolve(import.meta.dirname, "job-worker-child.ts");
const children: ChildProcess[] = [];

/** Start a worker process and wait until it says it is ready. */
export async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHILD], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("worker ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
  return child;
}

/** SIGKILL every worker process still running (call after each test). */
export function killWorkerProcesses(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
