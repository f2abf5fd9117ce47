/**
 * CPU per page kind: one signed-in rep opens each kind of page N times (2 at a time) against a
 * running app; the app's CPU time over those requests (its process tree's, from /proc, so the app
 * must run on this machine) divided by N. A steadier figure than throughput when other work shares
 * the machine, for before/after pairs of a rendering change. (PostgreSQL's backends come and go
 * with the pool, so their CPU is not summed here: pg_stat_statements has it.)
 *
 *   npx tsx scripts/bench/page-cpu.ts --base-url http://127.0.0.1:3100 --app-pid <pid> [--count 60] [--user rep2@tierwise.local] [--navigation rsc]
 *
 * --navigation rsc fetches each page as a client-side navigation does (http.ts, Navigation).
 */
import { readFileSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { get, linkedIds, signInAs, type Navigation } from "./http";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://127.0.0.1:3000" },
    "app-pid": { type: "string" },
    count: { type: "string", default: "60" },
    user: { type: "string", default: "rep1@tierwise.local" },
    navigation: { type: "string", default: "document" },
  },
});
const base = values["base-url"]!;
const count = Number(values.count);
const TICK = 100;
if (!["document", "rsc"].includes(values.navigation!)) throw new Error("--navigation must be document or rsc");
const navigation = values.navigation as Navigation;

/** CPU seconds of a process and all its descendants. */
function treeCpu(root: number): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / TICK);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    let p: number | undefined = pid;
    while (p && p !== root && p !== 1) p = parents.get(p);
    if (p === root) total += seconds;
  }
  return total;
}

const appPid = Number(values["app-pid"]);
const session = await signInAs(base, values.user!, "tierwise-demo");
const list = await get(`${base}/accounts`, session);
const segments = await get(`${base}/segments`, session);
const accountIds = linkedIds(list.body, "/accounts/");
const segmentIds = linkedIds(segments.body, "/segments/");
const kinds: [string, (i: number) => string][] = [
  ["accounts list", (i) => ["/accounts", "/accounts?sort=ltv", "/accounts?tier=strategic", "/accounts?page=3"][i % 4]!],
  ["account page", (i) => `/accounts/${accountIds[i % accountIds.length]}`],
  ["segments", () => "/segments"],
  ["segment page", (i) => `/segments/${segmentIds[i % segmentIds.length]}`],
  ["matrix", () => "/matrix"],
  ["today", () => "/today"],
];
for (const [kind, url] of kinds) {
  for (let i = 0; i < 4; i++) await get(`${base}${url(i)}`, session, undefined, navigation);
  const app0 = treeCpu(appPid);
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const page = await get(`${base}${url(next++)}`, session, undefined, navigation);
      if (page.status !== 200) throw new Error(`${page.url}: ${page.status}`);
      bytes += page.body.length;
    }
  };
  await Promise.all([worker(), worker()]);
  const app = ((treeCpu(appPid) - app0) * 1000) / count;
  console.log(`${kind.padEnd(14)} app ${app.toFixed(1).padStart(6)} ms CPU per page  ${Math.round(bytes / count / 1024)} KiB`);
}
