/**
 * The public API's boundary (lib/api/endpoint.ts) on a tiny endpoint defined here: keys (401),
 * scopes (403), the rate limit shared through PostgreSQL (429), bad bodies (413, 400, 422 with
 * the dotted path), and what every answer carries.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { apiRoute, defineEndpoint } from "@/lib/api/endpoint";
import { createKey } from "@/lib/api/keys";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import type { ApiScope } from "@/lib/api/scopes";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resetDatabase } from "../support/reset-db";

const echo = defineEndpoint({
  id: "testEcho",
  method: "POST",
  path: "/api/v1/test/{id}",
  scope: "accounts:write",
  tag: "Test",
  summary: "Echo",
  params: z.object({ id: z.coerce.number().int().positive() }).strict(),
  query: z.object({ dryRun: z.enum(["true", "false"]).optional() }).strict(),
  body: z.object({ items: z.array(z.object({ domain: z.string().min(1), amount: z.number() }).strict()).max(5) }).strict(),
  response: z.object({ id: z.number(), items: z.number(), total: z.number() }),
  maxBodyBytes: 1024,
});
const POST = apiRoute(echo, async ({ params, body, caller }) => {
  expect(caller.scopes).toContain("accounts:write");
  return { id: params.id, items: body.items.length, total: body.items.reduce((sum, item) => sum + item.amount, 0) };
});

const params = (id = "7") => ({ params: Promise.resolve({ id }) });
function post(key: string | null, body: string | ReadableStream<Uint8Array>, extra: { search?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...extra.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  return new Request(`http://localhost/api/v1/test/7${extra.search ?? ""}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
const good = JSON.stringify({ items: [{ domain: "a.com", amount: 2 }, { domain: "b.com", amount: 3 }] });

async function key(scopes: ApiScope[], extra: { expiresAt?: Date | null } = {}) {
  return (await createKey({ name: `key ${scopes.join(",")}`, scopes, expiresAt: extra.expiresAt ?? null, createdById: null })).key;
}

let writer: string;
beforeAll(async () => {
  await resetDatabase();
  await db.$executeRawUnsafe("TRUNCATE api_keys, api_rate_windows, api_idempotency_keys");
  writer = await key(["accounts:write"]);
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  delete process.env.TIERWISE_API_RATE_LIMIT;
});

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; details?: { fieldErrors?: Record<string, string> } } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

describe("authentication", () => {
  test("a good key with the scope: 200 with the handler's answer and the RateLimit headers", async () => {
    const response = await POST(post(writer, good), params());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 7, items: 2, total: 5 });
    expect(response.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(response.headers.get("ratelimit-remaining"))).toBeLessThan(600);
    expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
  });

  test("no key, a malformed key, a wrong secret: 401 with WWW-Authenticate: Bearer, never a redirect", async () => {
    for (const token of [null, "nope", writer.slice(0, -1) + (writer.endsWith("a") ? "b" : "a")]) {
      const response = await POST(post(token, good), params());
      const error = await expectError(response, 401, "UNAUTHENTICATED");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="Tierwise API"/);
      expect(error.message).not.toMatch(/revoked|expired/);
    }
    const basic = await POST(new Request("http://localhost/api/v1/test/7", { method: "POST", headers: { authorization: "Basic abc" }, body: good }), params());
    await expectError(basic, 401, "UNAUTHENTICATED");
  });

  test("a revoked key and an expired key: 401", async () => {
    const revoked = await key(["accounts:write"]);
    await db.apiKey.updateMany({ where: { prefix: revoked.slice(0, 11) }, data: { revokedAt: new Date() } });
    const error = await expectError(await POST(post(revoked, good), params()), 401, "UNAUTHENTICATED");
    expect(error.message).toMatch(/revoked/);

    const expired = await key(["accounts:write"], { expiresAt: new Date(Date.now() - 1000) });
    expect((await expectError(await POST(post(expired, good), params()), 401, "UNAUTHENTICATED")).message).toMatch(/expired/);
    const later = await key(["accounts:write"], { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await POST(post(later, good), params())).status).toBe(200);
  });

  test("a key without the endpoint's scope: 403", async () => {
    const reader = await key(["accounts:read", "segments:read"]);
    const error = await expectError(await POST(post(reader, good), params()), 403, "FORBIDDEN");
    expect(error.message).toContain("accounts:write");
  });

  test("the key's last use is recorded, at most once a minute", async () => {
    const fresh = await key(["accounts:write"]);
    const prefix = fresh.slice(0, 11);
    expect((await db.apiKey.findUniqueOrThrow({ where: { prefix } })).lastUsedAt).toBeNull();
    await POST(post(fresh, good), params());
    const first = (await db.apiKey.findUniqueOrThrow({ where: { prefix } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await POST(post(fresh, good), params());
    expect((await db.apiKey.findUniqueOrThrow({ where: { prefix } })).lastUsedAt).toEqual(first);
  });
});

describe("bad input", () => {
  test("a body over maxBodyBytes: 413, also when it streams in without a Content-Length", async () => {
    const big = JSON.stringify({ items: [{ domain: "x".repeat(2000), amount: 1 }] });
    await expectError(await POST(post(writer, big), params()), 413, "TOO_LARGE");
    const chunk = new TextEncoder().encode(" ".repeat(300));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = post(writer, stream);
    expect(request.headers.get("content-length")).toBeNull();
    await expectError(await POST(request, params()), 413, "TOO_LARGE");
    expect(sent).toBeLessThan(10); // it stopped reading once over the limit
  });

  test("malformed JSON and an empty body: 400 MALFORMED", async () => {
    await expectError(await POST(post(writer, '{"items": [}'), params()), 400, "MALFORMED");
    await expectError(await POST(post(writer, ""), params()), 400, "MALFORMED");
  });

  test("an unknown field, a wrong type, a bad path or query: 422 with dotted paths", async () => {
    const unknown = await expectError(await POST(post(writer, JSON.stringify({ items: [{ domain: "a.com", amount: 1 }, { domain: "b.com", amount: 1, colour: "red" }] })), params()), 422, "INVALID");
    expect(unknown.details?.fieldErrors).toEqual({ "items.1.colour": "Unknown field." });
    const wrong = await expectError(await POST(post(writer, JSON.stringify({ items: [{ domain: "a.com", amount: "12" }] })), params()), 422, "INVALID");
    expect(Object.keys(wrong.details?.fieldErrors ?? {})).toEqual(["items.0.amount"]);
    const topLevel = await expectError(await POST(post(writer, JSON.stringify({ items: [], role: "ADMIN" })), params()), 422, "INVALID");
    expect(topLevel.details?.fieldErrors).toEqual({ role: "Unknown field." });
    const notObject = await expectError(await POST(post(writer, "[1]"), params()), 422, "INVALID");
    expect(Object.keys(notObject.details?.fieldErrors ?? {})).toEqual(["body"]);
    const path = await expectError(await POST(post(writer, good), params("abc")), 422, "INVALID");
    expect(Object.keys(path.details?.fieldErrors ?? {})).toEqual(["id"]);
    const query = await expectError(await POST(post(writer, good, { search: "?dryRun=yes&x=1" }), params()), 422, "INVALID");
    expect(query.details?.fieldErrors).toMatchObject({ dryRun: expect.any(String), x: "Unknown field." });
  });
});

describe("rate limit", () => {
  test("per key, shared through PostgreSQL by separate clients: 429 with Retry-After and RateLimit headers", async () => {
    process.env.TIERWISE_API_RATE_LIMIT = "4";
    const [clock] = await db.$queryRaw<{ second: number }[]>`SELECT extract(second FROM clock_timestamp())::float8 AS second`;
    const second = clock!.second;
    if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000)); // stay inside one window

    const limited = await createKey({ name: "limited", scopes: ["accounts:write"], expiresAt: null, createdById: null });
    const other = await key(["accounts:write"]);
    // A second instance: its own client and connection pool on the same database.
    const instance2 = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) });
    try {
      expect((await POST(post(limited.key, good), params())).headers.get("ratelimit-remaining")).toBe("3");
      expect((await consumeRateLimit(limited.row.id, { client: instance2 })).remaining).toBe(2);
      expect((await POST(post(limited.key, good), params())).headers.get("ratelimit-remaining")).toBe("1");
      expect((await consumeRateLimit(limited.row.id, { client: instance2 })).allowed).toBe(true);

      const response = await POST(post(limited.key, good), params());
      await expectError(response, 429, "RATE_LIMITED");
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(response.headers.get("ratelimit-limit")).toBe("4");
      expect(response.headers.get("ratelimit-remaining")).toBe("0");
      expect((await consumeRateLimit(limited.row.id, { client: instance2 })).allowed).toBe(false);

      // Another key has its own budget.
      expect((await POST(post(other, good), params())).status).toBe(200);
    } finally {
      await instance2.$disconnect();
    }
  });
});
