/**
 * Idempotency-Key on an idempotent endpoint defined here (it writes one audit entry per item
 * through recordApiAudit): the same batch twice -> one write, the same response; the same key
 * with another body -> refused; two at once -> one write; a failed request can be retried.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { recordApiAudit } from "@/lib/api/audit";
import { apiRoute, defineEndpoint } from "@/lib/api/endpoint";
import { createKey } from "@/lib/api/keys";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDatabase } from "../support/reset-db";

const batch = defineEndpoint({
  id: "testBatch",
  method: "POST",
  path: "/api/v1/test-batch",
  scope: "accounts:write",
  tag: "Test",
  summary: "Batch",
  body: z.object({ items: z.array(z.object({ name: z.string(), fail: z.boolean().optional() }).strict()) }).strict(),
  response: z.object({ written: z.number(), at: z.string() }),
  status: 201,
  idempotent: true,
});
let delayMs = 0;
const POST = apiRoute(batch, async ({ caller, body }) => {
  if (body.items.some((item) => item.fail)) throw new AppError("INVALID", "Item failed.", { fieldErrors: { "items.0.fail": "Failed on purpose." } });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  await db.$transaction(async (tx) => {
    for (const item of body.items) await recordApiAudit(caller, "API_WRITE", item.name, { test: true }, tx);
  });
  return { written: body.items.length, at: new Date().toISOString() };
});

let key: string;
const writes = () => db.auditLog.count({ where: { action: "API_WRITE" } });
function post(body: unknown, idempotencyKey?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  return POST(new Request("http://localhost/api/v1/test-batch", { method: "POST", headers, body: JSON.stringify(body) }));
}

beforeAll(async () => {
  await resetDatabase();
  await db.$executeRawUnsafe("TRUNCATE api_keys, api_rate_windows, api_idempotency_keys");
  key = (await createKey({ name: "CRM sync", scopes: ["accounts:write"], expiresAt: null, createdById: null })).key;
});
afterAll(() => db.$disconnect());

describe("Idempotency-Key", () => {
  test("the same batch twice with one key: one write, the same response (and the audit names the key)", async () => {
    const before = await writes();
    const first = await post({ items: [{ name: "a" }, { name: "b" }] }, "batch-1");
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(await writes()).toBe(before + 2);

    const again = await post({ items: [{ name: "a" }, { name: "b" }] }, "batch-1");
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(firstBody);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await writes()).toBe(before + 2);

    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "API_WRITE", target: "a" } });
    expect(entry.actorEmail).toMatch(/^API key CRM sync \(tw_[0-9A-Za-z]{8}\)$/);
    expect(entry.actorId).toBeNull();
  });

  test("without the header, every request writes", async () => {
    const before = await writes();
    await post({ items: [{ name: "c" }] });
    await post({ items: [{ name: "c" }] });
    expect(await writes()).toBe(before + 2);
  });

  test("the same key with another body: 422, nothing written", async () => {
    await post({ items: [{ name: "d" }] }, "batch-2");
    const before = await writes();
    const response = await post({ items: [{ name: "e" }] }, "batch-2");
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Idempotency-Key was already used with a different request/);
    expect(await writes()).toBe(before);
  });

  test("two concurrent requests with one key: one write, both get the first response", async () => {
    delayMs = 400;
    try {
      const before = await writes();
      const [a, b] = await Promise.all([post({ items: [{ name: "f" }] }, "batch-3"), post({ items: [{ name: "f" }] }, "batch-3")]);
      expect(await writes()).toBe(before + 1);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(await a.json()).toEqual(await b.json());
    } finally {
      delayMs = 0;
    }
  });

  test("a failed request stores nothing: a corrected retry with the same key runs", async () => {
    const failed = await post({ items: [{ name: "g", fail: true }] }, "batch-4");
    expect(failed.status).toBe(422);
    expect(await db.apiIdempotencyKey.count({ where: { idempotencyKey: "batch-4" } })).toBe(0);
    const before = await writes();
    const retried = await post({ items: [{ name: "g" }] }, "batch-4");
    expect(retried.status).toBe(201);
    expect(await writes()).toBe(before + 1);
    expect(await db.apiIdempotencyKey.findFirstOrThrow({ where: { idempotencyKey: "batch-4" } })).toMatchObject({ status: 201 });
  });

  test("a malformed Idempotency-Key header: 400", async () => {
    const response = await post({ items: [{ name: "h" }] }, "x".repeat(300));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("MALFORMED");
  });

  test("records expire after 24 hours: the key then runs again", async () => {
    await post({ items: [{ name: "i" }] }, "batch-5");
    expect((await post({ items: [{ name: "i" }] }, "batch-5")).headers.get("idempotent-replayed")).toBe("true");
    await db.apiIdempotencyKey.updateMany({ where: { idempotencyKey: "batch-5" }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    const before = await writes();
    const response = await post({ items: [{ name: "i" }] }, "batch-5");
    expect(response.headers.get("idempotent-replayed")).toBeNull();
    expect(await writes()).toBe(before + 1);
  });
});
