import { spawn, type ChildProcess } from "node:child_process";

const children = new Set<ChildProcess>();
const groups = new Set<ChildProcess>();

/** Run a command to completion; rejects with its output when it fails. */
export function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; quiet?: boolean; cwd?: string } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    children.add(child);
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? code})${output ? `\n${output}` : ""}`));
    });
  });
}

/** Start a long-running command; the caller stops it. */
export function start(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): ChildProcess {
  // Its own process group, so stopping it also stops what it started (npx -> next-server).
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: "inherit", detached: true });
  children.add(child);
  groups.add(child);
  child.on("exit", () => {
    children.delete(child);
    groups.delete(child);
  });
  return child;
}

/** How long a stopping child (the app letting its running jobs finish) may take before cleanup goes on. */
const CHILD_EXIT_WAIT_MS = 10_000;

/**
 * Signal every child and wait until they have exited (at most CHILD_EXIT_WAIT_MS): the app's
 * worker and connections end before the database they use is stopped, instead of logging the
 * database's shutdown as connection errors.
 */
export async function stopChildren(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  const running = [...children];
  const exited = running.map((child) => new Promise<void>((resolve) => child.once("exit", () => resolve())));
  for (const child of running) {
    try {
      if (groups.has(child) && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CHILD_EXIT_WAIT_MS)));
  await Promise.race([Promise.all(exited), timeout]);
  clearTimeout(timer);
}

/** Run cleanup once on normal exit, Ctrl-C or SIGTERM, then exit with the given code. */
export function onShutdown(cleanup: () => Promise<void>): (code: number) => Promise<never> {
  let done = false;
  const finish = async (code: number): Promise<never> => {
    if (!done) {
      done = true;
      await stopChildren();
      try {
        await cleanup();
      } catch (error) {
        console.error(error);
      }
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void finish(130));
  process.on("SIGTERM", () => void finish(143));
  return finish;
}
