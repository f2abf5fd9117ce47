/**
 * App instances as child processes the crash tests start, SIGKILL and start again on the test's
 * database: reduced to their job worker (job-worker-child.ts), or to one publish (publish-child.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const children: ChildProcess[] = [];

/**
 * Start `script` (a file in tests/support, run as the server runs code: react-server conditions,
 * TypeScript through tsx) with `args`, and wait until it writes `ready` on its standard output.
 */
export async function startTestProcess(script: string, args: readonly string[], ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(import.meta.dirname, script), ...args], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited (${code}):\n${output}`)));
  });
  return child;
}

/** Start a worker process and wait until it says it is ready. */
export async function startWorkerProcess(): Promise<ChildProcess> {
  return startTestProcess("job-worker-child.ts", [], "worker ready");
}

/** SIGKILL the child and wait until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** SIGKILL every child process still running (call after each test). */
export function killWorkerProcesses(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
