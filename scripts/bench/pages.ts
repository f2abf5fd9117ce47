/**
 * Every page, cold and warm: each page of the app as the role that uses it, timed right after a
 * write the data stamp sees (cold: no shared aggregate is reused, as after any import, publish or
 * API write; lib/data/aggregate-cache.ts) and then `--warm` more times (fastest to slowest). With
 * --api also the read endpoints of the REST API (it creates a read-only API key to do so).
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/pages.ts --base-url http://127.0.0.1:3000 [--warm 3] [--only /matrix] [--api]
 *
 * Against an app already running on the database DATABASE_URL names (a production build: `npm
 * run build`, then scripts/app-server.ts; 127.0.0.1 only), with the demo users of `prisma/seed.ts`
 * (any size: `--accounts 1000000 --seed bench`). The cold write is a statement that changes no row
 * (`UPDATE tiers … WHERE false`): its statement trigger is enough to move the data stamp.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { createApiKey } from "@/lib/data/api-keys";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { get, signInAs, type Session } from "./http";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://127.0.0.1:3000" },
    warm: { type: "string", default: "3" },
    only: { type: "string" },
    api: { type: "boolean", default: false },
  },
});
const base = values["base-url"];
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base)) throw new Error("--base-url must be on 127.0.0.1");
const WARM = Number(values.warm);

const client = new pg.Client({ connectionString: env().DATABASE_URL });
await client.connect();
const first = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows[0];
// The account with the longest history, the largest segment, a play, and one of rep1's accounts.
const busy = await first<{ id: number }>("SELECT account_id AS id FROM membership_events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
const segment = await first<{ id: number }>("SELECT segment_id AS id FROM account_segments GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
const play = await first<{ id: number }>("SELECT id FROM plays WHERE NOT archived ORDER BY id LIMIT 1");
const repAccount = await first<{ id: number }>(
  "SELECT a.id FROM accounts a JOIN users u ON u.id = a.owner_id WHERE u.email = 'rep1@tierwise.local' ORDER BY a.id LIMIT 1",
);

const sessions: Record<string, Session> = {
  admin: await signInAs(base, "admin@tierwise.local", "tierwise-demo"),
  manager: await signInAs(base, "manager@tierwise.local", "tierwise-demo"),
  rep: await signInAs(base, "rep1@tierwise.local", "tierwise-demo"),
};

type Page = [role: keyof typeof sessions, path: string];
const pages: Page[] = [
  ["manager", "/accounts"],
  ["manager", "/accounts?sort=ltv"],
  ["manager", "/accounts?sort=name&page=200"],
  ["manager", "/accounts?q=tech"],
  ["rep", "/accounts"],
  ["rep", "/today"],
  ["manager", "/today"],
  ...(repAccount ? [["rep", `/accounts/${repAccount.id}`] as Page] : []),
  ...(busy ? [["admin", `/accounts/${busy.id}`] as Page] : []),
  ["manager", "/matrix"],
  ["manager", "/matrix?by=category"],
  ["rep", "/matrix"],
  ["manager", "/segments"],
  ...(segment ? [["manager", `/segments/${segment.id}`] as Page, ["admin", `/admin/rules/segments/${segment.id}`] as Page] : []),
  ["manager", "/reassign"],
  ["admin", "/admin/plays"],
  ...(play ? [["admin", `/admin/plays/${play.id}`] as Page] : []),
  ["admin", "/admin/rules"],
  ["admin", "/admin/rules/tiers"],
  ["admin", "/admin/rules/scoring"],
  ["admin", "/admin/audit"],
  ["admin", "/admin/import"],
  ["admin", "/admin/jobs"],
  ["admin", "/admin/users"],
  ["admin", "/admin/api"],
];

const rows: { as: string; url: string; status: number; kb: number; coldMs: number; warmMs: string }[] = [];
async function measure(label: string, url: string, fetchOnce: () => Promise<{ status: number; bytes: number; ms: number }>) {
  await client.query("UPDATE tiers SET name = name WHERE false");
  const cold = await fetchOnce();
  const warm: number[] = [];
  for (let i = 0; i < WARM; i++) warm.push((await fetchOnce()).ms);
  warm.sort((a, b) => a - b);
  rows.push({ as: label, url, status: cold.status, kb: Math.round(cold.bytes / 1024), coldMs: Math.round(cold.ms), warmMs: warm.map((ms) => Math.round(ms)).join(" / ") });
}

for (const [role, path] of pages) {
  if (values.only && !path.includes(values.only)) continue;
  await measure(role, path, () => get(`${base}${path}`, sessions[role]!, 60_000));
}

if (values.api) {
  const admin = await db.user.findFirstOrThrow({ where: { email: "admin@tierwise.local" } });
  const { key } = await createApiKey({ id: admin.id, role: "ADMIN", email: admin.email }, { name: `pages bench ${new Date().toISOString()}`, scopes: ["accounts:read", "segments:read"], expiresOn: null });
  const headers = { authorization: `Bearer ${key}` };
  const fetchApi = (path: string) => async () => {
    const start = performance.now();
    const response = await fetch(`${base}${path}`, { headers });
    const bytes = (await response.arrayBuffer()).byteLength;
    return { status: response.status, bytes, ms: performance.now() - start };
  };
  const endpoints = ["/api/v1/accounts?limit=100", "/api/v1/accounts?limit=500", "/api/v1/accounts?limit=100&tier=untiered", "/api/v1/segments", "/api/v1/tiers", "/api/v1/membership-changes?limit=500"];
  if (busy) endpoints.push(`/api/v1/accounts/${busy.id}`);
  for (const path of endpoints) {
    if (values.only && !path.includes(values.only)) continue;
    await measure("api key", path, fetchApi(path));
  }
}

await client.end();
await db.$disconnect();
console.log(`\nPages at ${base} (cold: right after a write the data stamp sees; then ${WARM} warm, fastest first), ${new Date().toISOString()}`);
console.table(rows);
