/**
 * An Idempotency-Key write whose server dies right after its transaction commits, before the
 * boundary stores the response: the write's own transaction stored it, so the client's retry
 * gets the first response back and writes nothing (an order without an external id would
 * otherwise be added twice).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as orders } from "@/app/api/v1/orders/batch/route";
import { authenticate } from "@/lib/api/auth";
import { OrderItem } from "@/lib/api/endpoints/activity-writes";
import { claimIdempotencyKey, requestFingerprint, runClaimed } from "@/lib/api/idempotency";
import { upsertApiOrders } from "@/lib/data/api/writes/activity";
import { db } from "@/lib/db/client";
import { apiKey, apiPost, resetApiTables } from "../support/api-calls";
import { createAccount } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";

let key: string;
let accountId: number;
const body = () => ({ items: [{ accountId, orderedAt: "2026-11-30", amount: 1_250, productLine: "Core" }] });

beforeAll(async () => {
  await resetDatabase();
  await resetApiTables();
  key = await apiKey(["accounts:write"], "ERP");
  accountId = await createAccount({ name: "Retry Ltd" });
});
afterAll(() => db.$disconnect());

test("the retry of a write whose server died after the commit replays the stored response and writes nothing", async () => {
  const text = JSON.stringify(body());
  const request = new Request("http://localhost/api/v1/orders/batch", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": "erp-run-7" },
    body: text,
  });
  const caller = await authenticate(request);
  // What the boundary does up to the handler's commit, and then nothing: the process is gone.
  expect(await claimIdempotencyKey(caller.keyId, "erp-run-7", requestFingerprint(request, new TextEncoder().encode(text)))).toEqual({ kind: "run" });
  const first = await runClaimed({ keyId: caller.keyId, idempotencyKey: "erp-run-7", status: 200 }, () => upsertApiOrders(caller, body().items.map((item) => OrderItem.parse(item))));
  expect(first).toMatchObject({ created: 1, accountIds: [accountId] });
  expect(await db.order.count({ where: { accountId } })).toBe(1);

  const retry = await apiPost<typeof first>(orders, key, "/api/v1/orders/batch", body(), { "idempotency-key": "erp-run-7" });
  expect(retry.status).toBe(200);
  expect(retry.headers.get("idempotent-replayed")).toBe("true");
  expect(retry.body).toEqual(first);
  expect(await db.order.count({ where: { accountId } })).toBe(1);
});

test("a write that fails stores no response: the retry runs", async () => {
  const bad = { items: [{ accountId: 999_999, orderedAt: "2026-11-30", amount: 5 }] };
  expect((await apiPost(orders, key, "/api/v1/orders/batch", bad, { "idempotency-key": "erp-run-8" })).status).toBe(422);
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM api_idempotency_keys WHERE idempotency_key = 'erp-run-8'`;
  expect(row?.n).toBe(0);
});
