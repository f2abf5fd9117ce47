/**
 * The CRM write-back example (scripts/examples/crm-sync.ts) against a stub HubSpot on 127.0.0.1:
 * Tierwise's webhooks reach the example, which sets the company's tier, segments and reason; a CRM
 * outage makes it answer 503, and Tierwise's retry applies the change once the CRM is back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import { createWebhookEndpoint } from "@/lib/data/webhooks";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { crmSyncHandler } from "../../scripts/examples/crm-sync";
import { createAccount, createUser, publishSegment } from "../support/fixtures";
import { clearJobs, runWorker, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";

const TOKEN = "pat-test";
const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "lifetimeValue", operator: "gte", value }] });

/** The stub CRM: companies by id, the HubSpot v3 search and update calls the example makes. */
const companies = new Map<string, Record<string, string | null>>([
  ["101", { domain: "globex.com", tierwise_tier: null, tierwise_segments: "Legacy list", tierwise_reason: null }],
  ["102", { domain: "initech.com", tierwise_tier: null, tierwise_segments: null, tierwise_reason: null }],
]);
let crmDown = 0;
const servers: http.Server[] = [];

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function stubCrm(request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    const send = (status: number, json: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: "bad token" });
    if (crmDown > 0) {
      crmDown--;
      return send(503, { message: "maintenance" });
    }
    if (request.method === "POST" && request.url === "/crm/v3/objects/companies/search") {
      const domain = (body as { filterGroups: { filters: { value: string }[] }[] }).filterGroups[0]!.filters[0]!.value;
      const results = [...companies].filter(([, p]) => p.domain === domain).map(([id, properties]) => ({ id, properties }));
      return send(200, { total: results.length, results });
    }
    const match = /^\/crm\/v3\/objects\/companies\/(\d+)$/.exec(request.url ?? "");
    if (request.method === "PATCH" && match && companies.has(match[1]!)) {
      Object.assign(companies.get(match[1]!)!, (body as { properties: Record<string, string> }).properties);
      return send(200, { id: match[1], properties: companies.get(match[1]!) });
    }
    send(404, { message: "not found" });
  });
}

let admin: Actor;

runWorker(["webhook-dispatch", "webhook-deliver"]);

beforeAll(async () => {
  process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
  process.env.TIERWISE_WEBHOOK_RETRY_MS = "100";
  await resetDatabase();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await db.$executeRawUnsafe("DELETE FROM webhook_dispatch_cursor");
  await clearJobs();
  admin = await createUser("ADMIN", "admin@crm.test");
  for (const [name, amount] of [["Globex", 150_000], ["Initech", 5_000]] as const) {
    const id = await createAccount({ name, domain: `${name.toLowerCase()}.com` });
    await db.order.create({ data: { accountId: id, orderedAt: new Date("2026-01-10T00:00:00Z"), amount, productLine: "Core" } });
  }
  await recomputeAccountMetrics(db);
});
afterAll(async () => {
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  for (const server of servers) server.close();
});

test("tier and segment changes reach the CRM's company properties, after a CRM outage too", { timeout: 60_000 }, async () => {
  const crmUrl = await listen(stubCrm);
  let handler: http.RequestListener = (_request, response) => response.writeHead(503).end();
  const syncUrl = await listen((request, response) => handler(request, response));
  const { secret } = await createWebhookEndpoint(admin, {
    url: `${syncUrl}/tierwise`,
    events: ["account.tier_changed", "account.segment_entered", "account.segment_left"],
    description: "HubSpot sync",
  });
  handler = crmSyncHandler({ secret, hubspotUrl: crmUrl, hubspotToken: TOKEN });

  // The first delivery finds the CRM down: 503, and Tierwise tries again.
  crmDown = 1;
  const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "strategic", name: "Tier 1 Strategic", color: "#4f46e5", rule: ltvAtLeast(100_000) }] }, 0);
  await publishTierScheme(admin, { baseRevision: revision, note: "Strategic = $100k+" });
  await until("the tier in the CRM", async () => companies.get("101")!.tierwise_tier === "Tier 1 Strategic", 20_000);
  expect(companies.get("101")).toMatchObject({ tierwise_reason: "Rules v1: Strategic = $100k+" });
  expect(companies.get("102")!.tierwise_tier).toBeNull();
  expect(crmDown).toBe(0);

  await publishSegment("Six figures", ltvAtLeast(100_000), { note: "Big spenders" });
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
  await until("the segment in the CRM", async () => companies.get("101")!.tierwise_segments === "Legacy list;Six figures", 20_000);
});
