/**
 * Webhook endpoints through the API (webhooks:manage): register (the secret in that answer only),
 * list, delete; a key without the scope gets 403; a private address is refused with the field
 * named; the writes are audited with the key's name.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { DELETE as deleteEndpoint } from "@/app/api/v1/webhooks/[id]/route";
import { GET as listEndpoints, POST as createEndpoint } from "@/app/api/v1/webhooks/route";
import { db } from "@/lib/db/client";
import { apiGet, apiKey, apiPost, resetApiTables, type ApiError } from "../support/api-calls";
import { resetDatabase } from "../support/reset-db";

let manager: string;
let reader: string;

beforeAll(async () => {
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  manager = await apiKey(["webhooks:manage"], "Hook admin");
  reader = await apiKey(["accounts:read", "accounts:write", "segments:read"], "Reader");
});
afterAll(async () => {
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
});

async function remove(key: string, id: string) {
  const request = new Request(`http://localhost/api/v1/webhooks/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${key}` } });
  const response = await deleteEndpoint(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: (await response.json()) as unknown };
}

test("a key without webhooks:manage gets 403 on every webhook endpoint", async () => {
  expect((await apiGet(listEndpoints, reader, "/api/v1/webhooks")).status).toBe(403);
  const created = await apiPost<ApiError>(createEndpoint, reader, "/api/v1/webhooks", { url: "https://93.184.216.34/x", events: ["account.tier_changed"] });
  expect(created.status).toBe(403);
  expect((await remove(reader, "anything")).status).toBe(403);
  expect(await db.webhookEndpoint.count()).toBe(0);
});

test("register, list (no secret), delete; audited with the key's name", async () => {
  const created = await apiPost<{ endpoint: { id: string; url: string; createdBy: string; active: boolean }; secret: string }>(createEndpoint, manager, "/api/v1/webhooks", {
    url: "https://93.184.216.34/tierwise",
    events: ["account.tier_changed", "account.segment_entered", "account.tier_changed"],
    description: "CRM sync",
  });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  expect(created.body.endpoint).toMatchObject({ url: "https://93.184.216.34/tierwise", active: true, createdBy: expect.stringMatching(/^API key Hook admin \(tw_/) });

  const listed = await apiGet<{ data: { id: string; events: string[] }[] }>(listEndpoints, manager, "/api/v1/webhooks");
  expect(listed.status).toBe(200);
  expect(listed.body.data).toEqual([expect.objectContaining({ id: created.body.endpoint.id, events: ["account.tier_changed", "account.segment_entered"] })]);
  expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

  expect(await remove(manager, created.body.endpoint.id)).toEqual({ status: 200, body: { id: created.body.endpoint.id, deleted: true } });
  expect((await remove(manager, created.body.endpoint.id)).status).toBe(404);
  const audit = await db.auditLog.findMany({ where: { action: "API_WRITE" }, orderBy: { id: "asc" } });
  expect(audit.map((entry) => entry.target)).toEqual(["Webhook endpoint https://93.184.216.34/tierwise", "Webhook endpoint https://93.184.216.34/tierwise"]);
});

test("a private or loopback URL is refused with the field named; unknown fields are refused", async () => {
  for (const url of ["http://127.0.0.1:8080/hook", "http://192.168.1.10/hook", "http://[fd00::1]/hook"]) {
    const answer = await apiPost<ApiError>(createEndpoint, manager, "/api/v1/webhooks", { url, events: ["account.tier_changed"] });
    expect(answer.status, url).toBe(422);
    expect(answer.body.error.details?.fieldErrors?.url, url).toMatch(/refused/);
  }
  const extra = await apiPost<ApiError>(createEndpoint, manager, "/api/v1/webhooks", { url: "https://93.184.216.34/x", events: ["account.tier_changed"], secret: "mine" });
  expect(extra.status).toBe(422);
  expect(await db.webhookEndpoint.count()).toBe(0);
});
