/** Small HTTP helpers for benchmarks: sign in through Auth.js and time GET requests. */
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";

export interface Session {
  cookie: string;
}

/** name=value pairs of Set-Cookie; a later cookie of the same name wins, as in a browser. */
function cookiesFrom(response: Response, jar: string[] = []): string[] {
  const byName = new Map(jar.map((c) => [c.split("=")[0]!, c]));
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(";")[0]!;
    byName.set(pair.split("=")[0]!, pair);
  }
  return [...byName.values()];
}

export async function signInAs(baseUrl: string, email: string, password: string): Promise<Session> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/accounts` }),
  });
  const cookies = cookiesFrom(response, jar);
  if (!cookies.some((c) => c.startsWith("authjs.session-token="))) throw new Error(`sign-in as ${email} failed`);
  return { cookie: cookies.join("; ") };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Time `count` sequential GETs after `warmup` untimed ones; returns sorted milliseconds. */
export async function timeGets(url: string, session: Session, count: number, warmup = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie: session.cookie }, redirect: "manual" });
    await response.arrayBuffer();
    const elapsed = performance.now() - start;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= warmup) times.push(elapsed);
  }
  return times.sort((a, b) => a - b);
}

export async function waitForServer(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start`);
}

export interface GetResult {
  url: string;
  /** HTTP status, or 0 for a network error or a timeout. */
  status: number | 0;
  ms: number;
  bytes: number;
  body: string;
}

/**
 * How a page is fetched: "document" as a browser's first load or reload (the HTML with the RSC
 * payload inlined); "rsc" as a client-side navigation (the app's links and forms, through the App
 * Router): the `RSC: 1` request the router sends, with its state-tree header, answered with the
 * payload of the page's own segments (the layouts it shares with the page before are not rendered
 * again).
 */
export type Navigation = "document" | "rsc";

/** A page segment as the router marks it for a navigation: the page to fetch again. */
const PAGE = ["__PAGE__", {}, null, "refetch", 0];
const appTree = (segment: unknown[]) => ["", { children: ["(app)", { children: segment }, null, null, 8] }, null, null, 24];

/**
 * The `Next-Router-State-Tree` header Chromium's App Router sends when it navigates to a page of
 * this app, or undefined for a path not listed (the server then renders every layout, so such a
 * request costs at least what a navigation does). Captured from Chromium on Next.js 16.5
 * (2026-12-06) for each page kind; the numbers are the router's segment flags.
 */
export function routerStateTree(pathname: string): string | undefined {
  const [, first, id, extra] = pathname.split("/");
  if (extra !== undefined) return undefined;
  let tree: unknown[] | undefined;
  if (first === "accounts" && id === undefined) tree = appTree(["accounts", { children: ["(list)", { children: PAGE }, null, null, 4] }, null, null, 8]);
  else if (first === "accounts" && /^\d+$/.test(id!)) tree = appTree(["accounts", { children: [["id", id, "d", null], { children: PAGE }, null, null, 4] }, null, null, 8]);
  else if (first === "segments" && id !== undefined && /^\d+$/.test(id)) tree = appTree(["segments", { children: [["id", id, "d", null], { children: PAGE }, null, null, 4] }, null, null, 12]);
  else if (["segments", "matrix", "today"].includes(first!) && id === undefined) tree = appTree([first, { children: PAGE }, null, null, 4]);
  return tree && encodeURIComponent(JSON.stringify(tree));
}

/**
 * The URL and headers of a navigation's request: Next.js answers an `RSC: 1` request only with its
 * `_rsc` cache-busting parameter (a hash of the router headers, computed as the router does),
 * otherwise it redirects to it. `from` is the page the user is on (the router's Next-URL header).
 */
async function navigationRequest(url: string, from: string): Promise<{ url: string; headers: Record<string, string> }> {
  const parsed = new URL(url);
  const tree = routerStateTree(parsed.pathname);
  const headers: Record<string, string> = { RSC: "1" };
  if (tree) Object.assign(headers, { "Next-Router-State-Tree": tree, "Next-Url": from });
  parsed.searchParams.set("_rsc", tree ? await computeCacheBustingSearchParam(undefined, undefined, tree, from) : "");
  return { url: parsed.toString(), headers };
}

/**
 * One GET as a signed-in user, never throwing: a network error or a timeout is status 0. A
 * navigation ("rsc") comes from the page `from` (a path).
 */
export async function get(url: string, session: Session, timeoutMs = 30_000, navigation: Navigation = "document", from = "/accounts"): Promise<GetResult> {
  const start = performance.now();
  try {
    const request = navigation === "rsc" ? await navigationRequest(url, from) : { url, headers: {} };
    const headers = { cookie: session.cookie, ...request.headers };
    const response = await fetch(request.url, { headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return { url, status: response.status, ms: performance.now() - start, bytes: Buffer.byteLength(body), body };
  } catch {
    return { url, status: 0, ms: performance.now() - start, bytes: 0, body: "" };
  }
}

/** The numeric ids of the links under `prefix` in a page's HTML (`/accounts/` -> account ids), in order, once each. */
export function linkedIds(html: string, prefix: string): string[] {
  const pattern = new RegExp(`href="${prefix.replace(/[/]/g, "\\/")}(\\d+)"`, "g");
  return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))];
}

/** The values of a page's <option> elements (e.g. the reps of the manager's rep picker on /today). */
export function optionValues(html: string): string[] {
  return [...html.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1]!);
}
