/**
 * The API contract: every endpoint of ENDPOINTS has its route handler at the path it documents,
 * and real answers of those handlers (the success and every error status the boundary gives)
 * validate against the generated OpenAPI 3.1 document (JSON Schema 2020-12, ajv). A new endpoint
 * without a scenario here fails the test.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { API_SCOPES } from "@/lib/api/scopes";
import { createPlay } from "@/lib/data/plays/editor";
import { publishPlay } from "@/lib/data/plays/publish";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { EMPTY_AUDIENCE } from "@/lib/plays/definition";
import { apiKey, resetApiTables } from "../support/api-calls";
import { createAccount, createUser } from "../support/fixtures";
import { createCatalogue, publishSegmentation } from "../support/import";
import { resetDatabase } from "../support/reset-db";

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A request to one endpoint: the URL (path and query), the dynamic segments, the JSON body. */
interface Call {
  url: string;
  params?: Record<string, string>;
  body?: unknown;
}
interface Scenario {
  ok: Call;
  invalid: Call;
  notFound?: Call;
}

const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

let ids: { account: number; segment: number; webhook: string };
const SCENARIOS: Record<string, () => Scenario> = {
  listAccounts: () => ({ ok: { url: "/api/v1/accounts?sort=ltv&limit=2&region=NORTH_AMERICA" }, invalid: { url: "/api/v1/accounts?sort=colour" } }),
  getAccount: () => ({
    ok: { url: `/api/v1/accounts/${ids.account}`, params: { id: String(ids.account) } },
    invalid: { url: "/api/v1/accounts/x", params: { id: "x" } },
    notFound: { url: "/api/v1/accounts/99999", params: { id: "99999" } },
  }),
  upsertAccounts: () => ({
    ok: { url: "/api/v1/accounts/batch", body: { items: [{ domain: "https://www.contract.example/", name: "Contract", industry: "Retail", country: "FR" }, { domain: "acme.com", employeeCount: 5000 }] } },
    invalid: { url: "/api/v1/accounts/batch", body: { items: [{ domain: "https://", colour: "red" }] } },
  }),
  upsertOrders: () => ({
    ok: { url: "/api/v1/orders/batch", body: { items: [{ domain: "acme.com", orderedAt: "2026-10-01", amount: 20000, externalId: "C-1" }] } },
    invalid: { url: "/api/v1/orders/batch", body: { items: [{ domain: "unknown.example", orderedAt: "2026-10-01", amount: 1 }] } },
  }),
  upsertEngagementEvents: () => ({
    ok: { url: "/api/v1/engagement-events/batch", body: { items: [{ accountId: ids.account, type: "WEBINAR", occurredAt: "2026-11-01T10:00:00Z" }] } },
    invalid: { url: "/api/v1/engagement-events/batch", body: { items: [{ accountId: ids.account, type: "FAX", occurredAt: "2026-11-01" }] } },
  }),
  createCampaignResponses: () => ({
    ok: { url: "/api/v1/campaign-responses/batch", body: { items: [{ domain: "acme.com", campaign: "Launch", channel: "EMAIL", respondedAt: "2026-11-02", outcome: "CLICKED" }] } },
    invalid: { url: "/api/v1/campaign-responses/batch", body: { items: [] } },
  }),
  updateAccountTechnologies: () => ({
    ok: { url: "/api/v1/account-technologies/batch", body: { items: [{ domain: "acme.com", add: [{ technology: "HubSpot CRM" }] }] } },
    invalid: { url: "/api/v1/account-technologies/batch", body: { items: [{ domain: "acme.com", add: [{ technology: "Lotus Notes" }] }] } },
  }),
  listSegments: () => ({ ok: { url: "/api/v1/segments" }, invalid: { url: "/api/v1/segments?limit=5" } }),
  listSegmentMembers: () => ({
    ok: { url: `/api/v1/segments/${ids.segment}/members?limit=1`, params: { id: String(ids.segment) } },
    invalid: { url: `/api/v1/segments/${ids.segment}/members?limit=-1`, params: { id: String(ids.segment) } },
    notFound: { url: "/api/v1/segments/999/members", params: { id: "999" } },
  }),
  getTierScheme: () => ({ ok: { url: "/api/v1/tiers" }, invalid: { url: "/api/v1/tiers?x=1" } }),
  listTierMembers: () => ({
    ok: { url: "/api/v1/tiers/enterprise/members?limit=1", params: { key: "enterprise" } },
    invalid: { url: "/api/v1/tiers/enterprise/members?cursor=zzz", params: { key: "enterprise" } },
    notFound: { url: "/api/v1/tiers/platinum/members", params: { key: "platinum" } },
  }),
  listMembershipChanges: () => ({ ok: { url: "/api/v1/membership-changes?limit=5" }, invalid: { url: "/api/v1/membership-changes?since=soon" } }),
  listWebhookEndpoints: () => ({ ok: { url: "/api/v1/webhooks" }, invalid: { url: "/api/v1/webhooks?limit=5" } }),
  // A public address literal: registering resolves the host, and the tests have no DNS.
  createWebhookEndpoint: () => ({
    ok: { url: "/api/v1/webhooks", body: { url: "https://93.184.216.34/tierwise", events: ["account.tier_changed"] } },
    invalid: { url: "/api/v1/webhooks", body: { url: "ftp://example.com/", events: [] } },
  }),
  deleteWebhookEndpoint: () => ({
    ok: { url: `/api/v1/webhooks/${ids.webhook}`, params: { id: ids.webhook } },
    invalid: { url: "/api/v1/webhooks/%20", params: { id: " " } },
    notFound: { url: "/api/v1/webhooks/nope", params: { id: "nope" } },
  }),
};

/** The route file of an OpenAPI path: "/api/v1/accounts/{id}" -> app/api/v1/accounts/[id]/route.ts. */
const routeFile = (endpoint: AnyEndpoint) =>
  path.resolve(import.meta.dirname, "../../app", `.${endpoint.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");

async function handlerOf(endpoint: AnyEndpoint): Promise<Handler> {
  const routeModule = (await import(routeFile(endpoint))) as Record<string, unknown>;
  return routeModule[endpoint.method] as Handler;
}

async function call(endpoint: AnyEndpoint, request: Call, key: string | null, raw?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  const init: RequestInit = { method: endpoint.method, headers };
  if (endpoint.method !== "GET") {
    headers["content-type"] = "application/json";
    init.body = raw ?? JSON.stringify(request.body ?? {});
  }
  return (await handlerOf(endpoint))(new Request(`http://localhost${request.url}`, init), { params: Promise.resolve(request.params ?? {}) });
}

type Json = Record<string, unknown>;

/** The document's schema of an operation's answer with this status (component references resolved). */
function documentedSchema(endpoint: AnyEndpoint, status: number): Json {
  const operation = (document.paths?.[endpoint.path] as Json | undefined)?.[endpoint.method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
  let response = operation?.responses[String(status)];
  if (!response) throw new Error(`${endpoint.id}: the document has no ${status} answer`);
  if (typeof response.$ref === "string") {
    const name = response.$ref.split("/").pop()!;
    response = (document.components?.responses as unknown as Record<string, Json>)[name]!;
  }
  const schema = ((response.content as Json)["application/json"] as Json).schema as Json;
  // Component references (#/components/schemas/…) resolve against the document's components.
  return { ...schema, components: document.components };
}

/** The answer's status is documented for the operation and its JSON body validates against the document. */
async function expectDocumented(endpoint: AnyEndpoint, response: Response, status: number): Promise<Json> {
  const body = (await response.json()) as Json;
  expect(response.status, `${endpoint.id}: ${JSON.stringify(body).slice(0, 500)}`).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const validate = ajv.compile(documentedSchema(endpoint, status));
  expect(validate(body), `${endpoint.id} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

let keys: Record<string, string>;

beforeAll(async () => {
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  const admin = await createUser("ADMIN", "admin@example.com");
  await createCatalogue();
  const account = await createAccount({ name: "Acme", domain: "acme.com", hostingPreference: "ON_PREMISE", employeeCount: 1500 });
  await createAccount({ name: "Globex", domain: "globex.com" });
  const { onPrem } = await publishSegmentation();
  // A play for the on-premise accounts, so an account's plays and the feed's PLAY entries are in the answers too.
  const play = await createPlay(admin, {
    name: "On-prem upsell", goal: "Reach out", kind: "UPSELL", audience: { ...EMPTY_AUDIENCE, segmentsAll: [onPrem] }, pitch: "Hello {{name}}.",
    talkingPoints: [], channel: "EMAIL", priority: 50, startsOn: null, endsOn: null,
  });
  await publishPlay(admin, play.id, { baseRevision: 0, note: "Launch" });
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
  const webhook = await db.webhookEndpoint.create({ data: { url: "https://93.184.216.34/old", events: ["account.tier_changed"], secret: "whsec_x", createdBy: "test", active: false } });
  ids = { account, segment: onPrem, webhook: webhook.id };
  keys = { all: await apiKey([...API_SCOPES]) };
  for (const scope of API_SCOPES) keys[`without ${scope}`] = await apiKey(API_SCOPES.filter((s) => s !== scope));
});
afterAll(async () => {
  // Active endpoints would have the ledger's trigger queue webhook dispatches in later test files.
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await db.$disconnect();
});

describe("every documented endpoint", () => {
  test("the document lists exactly the endpoints of ENDPOINTS, each once", () => {
    const operations = Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item as Json).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    expect(new Set(ENDPOINTS.map((e) => e.id)).size).toBe(ENDPOINTS.length);
  });

  test.each(ENDPOINTS.map((e) => [e.id, e] as const))("%s: the route exists and exports the method", async (_, endpoint) => {
    expect(fs.existsSync(routeFile(endpoint)), routeFile(endpoint)).toBe(true);
    expect(typeof (await handlerOf(endpoint))).toBe("function");
    expect(SCENARIOS[endpoint.id], `no contract scenario for ${endpoint.id}`).toBeDefined();
  });

  test.each(ENDPOINTS.map((e) => [e.id, e] as const))("%s: real answers validate against the document", async (_, endpoint) => {
    const scenario = SCENARIOS[endpoint.id]!();
    const ok = await expectDocumented(endpoint, await call(endpoint, scenario.ok, keys.all!), endpoint.status ?? 200);
    if (endpoint.id === "getAccount") expect(ok.plays).toEqual([expect.objectContaining({ name: "On-prem upsell", version: 1 })]);
    const invalid = await expectDocumented(endpoint, await call(endpoint, scenario.invalid, keys.all!), 422);
    expect(Object.keys((invalid.error as { details?: { fieldErrors?: Json } }).details?.fieldErrors ?? {}).length).toBeGreaterThan(0);
    await expectDocumented(endpoint, await call(endpoint, scenario.ok, null), 401);
    await expectDocumented(endpoint, await call(endpoint, scenario.ok, keys[`without ${endpoint.scope}`]!), 403);
    if (scenario.notFound) await expectDocumented(endpoint, await call(endpoint, scenario.notFound, keys.all!), 404);
    if (endpoint.body) {
      await expectDocumented(endpoint, await call(endpoint, scenario.ok, keys.all!, "{ not json"), 400);
      const huge = JSON.stringify({ items: [{ domain: "x".repeat((endpoint.maxBodyBytes ?? 5 * 1024 * 1024) + 1) }] });
      await expectDocumented(endpoint, await call(endpoint, scenario.ok, keys.all!, huge), 413);
    }
  });

  test.each(ENDPOINTS.map((e) => [e.id, e] as const))("%s: over the rate limit, 429 as documented", async (_, endpoint) => {
    const scenario = SCENARIOS[endpoint.id]!();
    const key = await apiKey([endpoint.scope]);
    process.env.TIERWISE_API_RATE_LIMIT = "1";
    try {
      await call(endpoint, scenario.invalid, key);
      const limited = await call(endpoint, scenario.ok, key);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      await expectDocumented(endpoint, limited, 429);
    } finally {
      process.env.TIERWISE_API_RATE_LIMIT = "100000";
    }
  });
});
