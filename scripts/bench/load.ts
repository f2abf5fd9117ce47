/**
 * Load: N concurrent signed-in users (the demo reps and the manager; several virtual users share
 * one user's session) for D seconds, each in a closed loop over a realistic mix of pages: the
 * accounts list with filters and sorts, the user's own account pages, /segments and a segment page,
 * /matrix and /today (the manager also opens a rep's /today?rep=). Reports pages/s, errors (any
 * answer but 200, or a network error, by page and status) and p50/p95/p99 per page kind.
 *
 *   npx tsx scripts/bench/load.ts [--base-url http://127.0.0.1:3000[,http://127.0.0.1:3001]] [--users 50] [--duration 60] [--think-ms 0] [--navigation document|browser]
 *   npx tsx scripts/bench/load.ts --serve [--accounts 100000] [--reuse] [--instances 2] …
 *
 * Several base URLs (or --instances with --serve: app instances sharing one database, as in
 * production behind a load balancer) share the users round-robin: one Node process renders on one
 * core, so on two cores two instances use both.
 *
 * --navigation: "document" (the default) fetches every page as a full document, as a reload does;
 * "browser" fetches each user's first page as a document and every later one as the App Router's
 * client-side navigation does (http.ts, Navigation: the app's links, filter forms and the app
 * shell's anchors navigate that way), which is how a person clicking through the app loads it.
 *
 * Without --serve it loads an app that is already running (127.0.0.1 only). With --serve it serves
 * the production build itself like accounts-page.ts: `--reuse` with DATABASE_URL loads that
 * database as it is, otherwise it seeds --accounts into a throw-away embedded PostgreSQL.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../../lib/env";
import { freePort, startEmbeddedDatabase, type RunningDatabase } from "../lib/embedded-db";
import { migrateDeploy } from "../lib/migrate";
import { onShutdown, run, start } from "../lib/run";
import { get, linkedIds, optionValues, percentile, signInAs, waitForServer, type Navigation, type Session } from "./http";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://127.0.0.1:3000" },
    users: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    "think-ms": { type: "string", default: "0" },
    "timeout-ms": { type: "string", default: "30000" },
    serve: { type: "boolean", default: false },
    accounts: { type: "string", default: "100000" },
    reuse: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    instances: { type: "string", default: "1" },
    navigation: { type: "string", default: "document" },
  },
});
const virtualUsers = positive("users");
const durationMs = positive("duration") * 1000;
const thinkMs = Number(values["think-ms"]);
const timeoutMs = positive("timeout-ms");
if (!["document", "browser"].includes(values.navigation!)) throw new Error("--navigation must be document or browser");
const browserLike = values.navigation === "browser";
const PASSWORD = "tierwise-demo";
const DEMO_USERS = ["rep1", "rep2", "rep3", "rep4", "rep5", "manager"].map((name) => `${name}@tierwise.local`);

function positive(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** What one signed-in user can open: fixed URLs plus ids found on its own pages at the start. */
interface Profile {
  email: string;
  session: Session;
  accountIds: string[];
  segmentIds: string[];
  repIds: string[];
}

type Pick = () => { kind: string; path: string };

/** Small deterministic PRNG (mulberry32) so two runs send the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIST_URLS = [
  "/accounts",
  "/accounts?sort=ltv",
  "/accounts?tier=strategic",
  "/accounts?q=tech",
  "/accounts?industry=Software&region=NORTH_AMERICA&sort=lastOrder",
  "/accounts?tech=1&page=2",
  "/accounts?category=ERP&sort=name",
  "/accounts?page=3",
];
const TODAY_URLS = ["/today", "/today?tier=strategic"];

/** The page mix: weights per page kind (out of 100), as a person clicks through the app. */
function mixFor(profile: Profile, next: () => number): Pick {
  const any = <T,>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const manager = profile.repIds.length > 0;
  const entries: [number, Pick, boolean][] = [
    [30, () => ({ kind: "accounts list", path: any(LIST_URLS) }), true],
    [25, () => ({ kind: "account page", path: `/accounts/${any(profile.accountIds)}` }), profile.accountIds.length > 0],
    [8, () => ({ kind: "segments", path: "/segments" }), true],
    [7, () => ({ kind: "segment page", path: `/segments/${any(profile.segmentIds)}` }), profile.segmentIds.length > 0],
    [10, () => ({ kind: "matrix", path: "/matrix" }), true],
    [manager ? 10 : 20, () => ({ kind: "today", path: any(TODAY_URLS) }), true],
    [10, () => ({ kind: "today ?rep=", path: `/today?rep=${any(profile.repIds)}` }), manager],
  ];
  const usable = entries.filter(([, , ok]) => ok);
  const total = usable.reduce((sum, [w]) => sum + w, 0);
  return () => {
    let r = next() * total;
    for (const [weight, pick] of usable) if ((r -= weight) < 0) return pick();
    return usable[0]![1]();
  };
}

async function profileOf(base: string, email: string): Promise<Profile> {
  const session = await signInAs(base, email, PASSWORD);
  const pages = await Promise.all(["/accounts", "/accounts?page=2", "/segments", "/today"].map((p) => get(`${base}${p}`, session, timeoutMs)));
  for (const page of pages) if (page.status !== 200) throw new Error(`${email}: ${page.url} answered ${page.status}`);
  const [first, second, segments, today] = pages.map((p) => p.body);
  return {
    email,
    session,
    accountIds: [...new Set([...linkedIds(first!, "/accounts/"), ...linkedIds(second!, "/accounts/")])],
    segmentIds: linkedIds(segments!, "/segments/"),
    repIds: email.startsWith("manager") ? optionValues(today!).filter((v) => v !== "") : [],
  };
}

interface Stats {
  times: number[];
  bytes: number;
  errors: Map<string, number>;
}

async function load(bases: readonly string[]): Promise<void> {
  const base = bases[0]!;
  const profiles = await Promise.all(DEMO_USERS.map((email) => profileOf(base, email)));
  for (const p of profiles) if (p.accountIds.length === 0) throw new Error(`${p.email} sees no accounts`);
  const stats = new Map<string, Stats>();
  const statsOf = (kind: string) => stats.get(kind) ?? stats.set(kind, { times: [], bytes: 0, errors: new Map() }).get(kind)!;

  const [load1Start] = os.loadavg();
  console.log(`\nLoad: ${virtualUsers} users (${DEMO_USERS.join(", ")} in turn) for ${durationMs / 1000} s against ${bases.join(" and ")}, think time ${thinkMs} ms, navigation ${values.navigation}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
  const started = performance.now();
  const deadline = started + durationMs;
  const loops = Array.from({ length: virtualUsers }, async (_, i) => {
    const profile = profiles[i % profiles.length]!;
    const pick = mixFor(profile, random(Number(values.seed) * 1000 + i));
    let navigation: Navigation = "document";
    let from = "/accounts";
    while (performance.now() < deadline) {
      const { kind, path: p } = pick();
      const result = await get(`${bases[i % bases.length]}${p}`, profile.session, timeoutMs, navigation, from);
      if (browserLike) navigation = "rsc";
      from = p.split("?")[0]!;
      const s = statsOf(kind);
      if (result.status === 200) {
        s.times.push(result.ms);
        s.bytes += result.bytes;
      } else {
        const status = result.status === 0 ? "network error or timeout" : String(result.status);
        s.errors.set(status, (s.errors.get(status) ?? 0) + 1);
      }
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs));
    }
  });
  await Promise.all(loops);
  const seconds = (performance.now() - started) / 1000;
  report(stats, seconds);
  console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1-minute average at start ${load1Start?.toFixed(2)})`);
}

function report(stats: Map<string, Stats>, seconds: number): void {
  const row = (kind: string, times: number[], errors: number, bytes: number) => {
    const sorted = [...times].sort((a, b) => a - b);
    const ms = (p: number) => `${percentile(sorted, p).toFixed(0)} ms`;
    const kb = times.length ? `${(bytes / times.length / 1024).toFixed(0)} KiB` : "-";
    return `| ${kind} | ${times.length} | ${(times.length / seconds).toFixed(1)} | ${errors} | ${ms(50)} | ${ms(95)} | ${ms(99)} | ${kb} |`;
  };
  console.log(`\n| page | answered 200 | pages/s | errors | p50 | p95 | p99 | HTML per page |\n| --- | --- | --- | --- | --- | --- | --- | --- |`);
  const all: number[] = [];
  let errorCount = 0;
  let bytes = 0;
  for (const [kind, s] of [...stats].sort(([a], [b]) => a.localeCompare(b))) {
    const errors = [...s.errors.values()].reduce((a, b) => a + b, 0);
    console.log(row(kind, s.times, errors, s.bytes));
    all.push(...s.times);
    errorCount += errors;
    bytes += s.bytes;
  }
  console.log(row("**all**", all, errorCount, bytes));
  const errorLines = [...stats].flatMap(([kind, s]) => [...s.errors].map(([status, n]) => `${kind}: ${n} × ${status}`));
  console.log(`\n${(all.length / seconds).toFixed(1)} pages/s over ${seconds.toFixed(1)} s; errors: ${errorLines.length ? errorLines.join(", ") : "none"}`);
}

function loopbackOnly(base: string): string {
  const url = new URL(base);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`--base-url must be a loopback address (got ${url.hostname}): this script loads only a local app`);
  return url.origin;
}

let database: RunningDatabase | undefined;
const finish = onShutdown(async () => database?.stop());

try {
  let bases = values["base-url"]!.split(",").map(loopbackOnly);
  if (values.serve || values.reuse) {
    if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
    const given = env().DATABASE_URL;
    let url = given;
    if (!url) {
      database = await startEmbeddedDatabase({ dataDir: path.join("data", `load-${process.pid}`), persistent: false, quiet: true });
      url = database.url;
    }
    if (!(values.reuse && given)) {
      await migrateDeploy(url);
      await run("npx", ["tsx", "prisma/seed.ts", "--accounts", values.accounts!, "--seed", "bench", "--reset"], { env: { DATABASE_URL: url } });
    }
    bases = [];
    for (let i = 0; i < positive("instances"); i++) {
      const port = await freePort();
      start(process.execPath, ["--import", "tsx", "scripts/app-server.ts", "--port", String(port)], {
        env: { DATABASE_URL: url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret", NEXT_TELEMETRY_DISABLED: "1", TIERWISE_DISABLE_REFRESH: "1" },
      });
      bases.push(`http://127.0.0.1:${port}`);
      // Up before the next free port is picked, so two instances never get the same one.
      await waitForServer(`${bases.at(-1)}/sign-in`);
    }
  }
  for (const base of bases) await waitForServer(`${base}/sign-in`);
  await load(bases);
  await finish(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await finish(1);
}
