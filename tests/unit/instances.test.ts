/**
 * scripts/lib/instances.ts: several workers answer on one port, a worker that crashes after its
 * start is replaced, one that fails while starting stops them all with its exit code, and SIGTERM
 * stops every worker. Run in a child process (the cluster primary), as `npm start` runs it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

const dir = mkdtempSync(path.join(os.tmpdir(), "tierwise-instances-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A worker: answers with its pid; GET /crash exits with code 3; FAIL_AT_START=1 exits at once.
const worker = path.join(dir, "worker.cjs");
writeFileSync(
  worker,
  `if (process.env.FAIL_AT_START === "1") process.exit(7);
require("node:http").createServer((req, res) => {
  if (req.url === "/crash") { res.end("bye"); setTimeout(() => process.exit(3), 10); return; }
  res.end(String(process.pid));
}).listen(Number(process.argv[2]), "127.0.0.1");`,
);
const primary = path.join(dir, "primary.mts");
writeFileSync(
  primary,
  `import { runInstances } from ${JSON.stringify(path.resolve("scripts/lib/instances.ts"))};
const code = await runInstances({ instances: 2, exec: ${JSON.stringify(worker)}, args: [process.argv[2]!], log: (l) => console.log(l), startGraceMs: 1000 });
console.log("primary exits " + code);
process.exit(code);`,
);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startPrimary(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", primary, String(port)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** GET on a new connection each time (a kept-alive one would stay with one worker). */
function getOnce(port: number, urlPath = "/"): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

async function answers(port: number, count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; ; attempt++) {
      try {
        bodies.push(await getOnce(port));
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
  return bodies;
}

test("two workers share the port; a crashed one is replaced; SIGTERM stops them all", { timeout: 30_000 }, async () => {
  const port = await freePort();
  const app = startPrimary(port);
  // Cluster hands connections out round-robin: both workers answer within a few requests.
  let pids = new Set<string>();
  for (let round = 0; round < 20 && pids.size < 2; round++) pids = new Set([...pids, ...(await answers(port, 4))]);
  expect(pids.size).toBe(2);

  // Past the start grace period (1 s here, 10 s in npm start) a crash is recovered from.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await getOnce(port, "/crash");
  for (let wait = 0; wait < 100 && !app.output().includes("starting a new one"); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(app.output()).toContain("starting a new one");
  let after = new Set<string>();
  for (let round = 0; round < 100 && after.size < 2; round++) {
    after = new Set([...after, ...(await answers(port, 4))]);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the new worker starts listening
  }
  // Two workers again: the one that did not crash and its new sibling.
  expect(after.size).toBe(2);
  expect([...after].filter((pid) => pids.has(pid))).toHaveLength(1);

  app.child.kill("SIGTERM");
  expect(await app.exited).toBe(0);
  await expect(getOnce(port)).rejects.toThrow();
});

test("a worker that fails while starting stops the others and the primary exits with its code", { timeout: 30_000 }, async () => {
  const app = startPrimary(await freePort(), { FAIL_AT_START: "1" });
  expect(await app.exited).toBe(7);
  expect(app.output()).toContain("stopped while starting");
});
