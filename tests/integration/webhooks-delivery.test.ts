/**
 * Webhooks end to end through the queue (lib/webhooks): a tier publish reaches a receiver on
 * 127.0.0.1 as signed batches that the standardwebhooks library verifies, with the account, its
 * owner, from/to and the reason; a receiver that fails twice gets the batch on the third try
 * (same webhook-id, every attempt logged); a redirect is not followed; private addresses are
 * refused unless allowed; an endpoint failing for 24 hours is deactivated with the reason; test
 * events and redelivery; an inactive endpoint is sent nothing.
 */
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { publishTierScheme, saveTierSchemeDraft } from "@/lib/data/rules/tier-scheme";
import {
  createWebhookEndpoint,
  listWebhookAttempts,
  listWebhookEndpoints,
  redeliverWebhook,
  sendWebhookTestEvent,
  setWebhookEndpointActive,
} from "@/lib/data/webhooks";
import { AppError } from "@/lib/errors";
import type { RuleGroup } from "@/lib/segmentation/rule";
import { createAccount, createUser } from "../support/fixtures";
import { clearJobs, runWorker, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";
import { receivedEvents, startReceiver, type Receiver } from "../support/webhook-receiver";

const ltvAtLeast = (value: number): RuleGroup => ({ kind: "group", op: "and", children: [{ kind: "condition", id: "c", field: "lifetimeValue", operator: "gte", value }] });

let admin: Actor;
let receiver: Receiver;

async function publishThreshold(value: number, note: string): Promise<void> {
  const base = (await db.tierSchemeDraft.findUnique({ where: { id: 1 } }))?.revision ?? 0;
  const { revision } = await saveTierSchemeDraft(admin, { tiers: [{ key: "tier1", name: "Tier 1", color: "#4f46e5", rule: ltvAtLeast(value) }] }, base);
  await publishTierScheme(admin, { baseRevision: revision, note });
}

async function resetWebhooks(): Promise<void> {
  // DELETE, not TRUNCATE: a sender job may still be writing an attempt.
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await db.$executeRawUnsafe("DELETE FROM webhook_dispatch_cursor");
}

runWorker(["webhook-dispatch", "webhook-deliver"]);

beforeAll(async () => {
  process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
  process.env.TIERWISE_WEBHOOK_RETRY_MS = "100";
  await resetDatabase();
  await resetWebhooks();
  await clearJobs();
  admin = await createUser("ADMIN", "admin@hooks.test");
  const rep = await createUser("REP", "rep@hooks.test");
  for (const [name, amount] of [["Acme", 150_000], ["Globex", 60_000], ["Initech", 5_000]] as const) {
    const id = await createAccount({ name, domain: `${name.toLowerCase()}.com`, ownerId: rep.id });
    await db.order.create({ data: { accountId: id, orderedAt: new Date("2026-01-10T00:00:00Z"), amount, productLine: "Core" } });
  }
  await recomputeAccountMetrics(db);
  await publishThreshold(100_000, "Strategic accounts first");
});
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
  await resetWebhooks();
});
afterAll(async () => {
  delete process.env.TIERWISE_WEBHOOK_ALLOW;
  delete process.env.TIERWISE_WEBHOOK_RETRY_MS;
});

const allEvents = ["account.tier_changed", "account.segment_entered", "account.segment_left"] as const;

describe("delivery", () => {
  test("a tier publish is delivered as signed batches a Standard Webhooks verifier accepts", async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: [...allEvents], description: "CRM sync" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(await listWebhookEndpoints(admin))).not.toContain(secret);
    expect(await db.auditLog.findFirst({ where: { action: "WEBHOOK_ENDPOINT_CREATED" }, orderBy: { id: "desc" } })).toMatchObject({ target: receiver.url, actorEmail: "admin@hooks.test" });

    await publishThreshold(50_000, "Widen Tier 1 to $50k");
    await until("the batch to arrive", async () => receiver.received.length > 0);
    const [request] = receiver.received;
    const verified = new Webhook(secret).verify(request!.body, request!.headers) as { type: string; events: unknown[] };
    expect(verified.type).toBe("batch");
    expect(request!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(() => new Webhook(`whsec_${Buffer.from("another secret!!").toString("base64")}`).verify(request!.body, request!.headers)).toThrow();

    // Globex moved from Untiered to Tier 1 with the publish's version and note; nobody else moved.
    const events = receivedEvents(receiver.received);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: expect.stringMatching(/^evt_\d+$/),
      type: "account.tier_changed",
      data: {
        account: { name: "Globex", domain: "globex.com", owner: { email: "rep@hooks.test" } },
        from: null,
        to: { key: "tier1", name: "Tier 1" },
        reason: { code: "RULE_PUBLISHED", ruleVersion: 2, note: "Widen Tier 1 to $50k" },
      },
    });
    await until("the delivery to be recorded", async () => (await listWebhookAttempts(admin, endpoint.id)).length === 1);
    const [attempt] = await listWebhookAttempts(admin, endpoint.id);
    expect(attempt).toMatchObject({ ok: true, statusCode: 200, responseSnippet: "ok", delivery: { status: "DELIVERED", eventCount: 1, attempts: 1 } });

    // Moving it back: one more event, and only subscribed types reach an endpoint.
    await publishThreshold(100_000, "Back to $100k");
    await until("the second batch", async () => receiver.received.length === 2);
    expect(receivedEvents(receiver.received)[1]).toMatchObject({ data: { from: { key: "tier1" }, to: null, reason: { ruleVersion: 3, note: "Back to $100k" } } });
  });

  test("a receiver that fails twice gets the batch on the third try, with the same webhook-id", async () => {
    receiver.plan.push({ status: 500, body: "boom" }, { status: 503, body: "busy" });
    const { endpoint, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
    await publishThreshold(50_000, "Again to $50k");
    await until("three attempts", async () => receiver.received.length === 3, 15_000);
    expect(new Set(receiver.received.map((request) => request.headers["webhook-id"])).size).toBe(1);
    for (const request of receiver.received) expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
    const attempts = await until("three logged attempts", async () => {
      const rows = await listWebhookAttempts(admin, endpoint.id);
      return rows.length === 3 ? rows : null;
    });
    expect(attempts.map((a) => [a.ok, a.statusCode, a.responseSnippet])).toEqual([[true, 200, "ok"], [false, 503, "busy"], [false, 500, "boom"]]);
    expect(attempts[0]!.delivery).toMatchObject({ status: "DELIVERED", attempts: 3 });
    expect((await listWebhookEndpoints(admin))[0]).toMatchObject({ active: true, failingSince: null, pending: 0 });
    await publishThreshold(100_000, "Reset");
  });

  test("a redirect is not followed (a 3xx is a failed attempt)", async () => {
    const target = await startReceiver();
    try {
      receiver.plan.push({ status: 302, headers: { location: `http://127.0.0.1:${target.port}/steal` } });
      const { endpoint } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
      await sendWebhookTestEvent(admin, endpoint.id);
      const attempts = await until("the attempt", async () => {
        const rows = await listWebhookAttempts(admin, endpoint.id);
        return rows.length > 0 ? rows : null;
      });
      expect(attempts[0]).toMatchObject({ ok: false, statusCode: 302, error: `redirect to http://127.0.0.1:${target.port}/steal not followed` });
      // Retried (to the endpoint's own URL), never to the Location.
      await until("the retry", async () => receiver.received.length === 2);
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  test("test events and redelivery reach the receiver with the same webhook-id", async () => {
    const { endpoint, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
    await sendWebhookTestEvent(admin, endpoint.id);
    await until("the test event", async () => receiver.received.length === 1);
    const first = receiver.received[0]!;
    expect(receivedEvents([first])[0]).toMatchObject({ type: "webhook.test", data: { endpointId: endpoint.id } });
    expect(() => new Webhook(secret).verify(first.body, first.headers)).not.toThrow();
    const [attempt] = await until("the attempt log", async () => {
      const rows = await listWebhookAttempts(admin, endpoint.id);
      return rows.length === 1 ? rows : null;
    });
    await redeliverWebhook(admin, attempt!.delivery.id);
    await until("the redelivery", async () => receiver.received.length === 2);
    expect(receiver.received[1]).toMatchObject({ body: first.body, headers: { "webhook-id": first.headers["webhook-id"] } });
  });

  test("an inactive endpoint is sent nothing; an endpoint failing for 24 hours is deactivated with the reason", async () => {
    const { endpoint } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
    await setWebhookEndpointActive(admin, endpoint.id, false);
    await expect(sendWebhookTestEvent(admin, endpoint.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await publishThreshold(50_000, "While inactive");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(0);
    expect(await db.webhookDelivery.count()).toBe(0);

    await setWebhookEndpointActive(admin, endpoint.id, true);
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - 25 * 3600_000) } });
    receiver.plan.push({ status: 500, body: "down" });
    await sendWebhookTestEvent(admin, endpoint.id);
    const [view] = await until("the endpoint to be deactivated", async () => {
      const rows = await listWebhookEndpoints(admin);
      return rows[0]?.active === false ? rows : null;
    });
    expect(view).toMatchObject({ active: false, disabledReason: "Every delivery attempt failed for 24 hours (the last: HTTP 500)." });
    await publishThreshold(100_000, "Reset");
  });
});

describe("ledger order", () => {
  test("a change recorded by a writer still open is not skipped when a later writer commits first", { timeout: 30_000 }, async () => {
    await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
    const acme = await db.account.findFirstOrThrow({ where: { domain: "acme.com" } });
    const tier1 = await db.tier.findUniqueOrThrow({ where: { key: "tier1" } });
    // A writer takes a ledger id and stays open...
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query(
        "INSERT INTO membership_events (account_id, scope, tier_id, from_tier_id, change, reason, detail) VALUES ($1, 'TIER', $2, $2, 'ENTERED', 'DATA_CHANGE', 'slow writer')",
        [acme.id, tier1.id],
      );
      // ...while a publish with higher ids commits: nothing is dispatched past the open writer's id.
      await publishThreshold(50_000, "While a writer is open");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(receiver.received).toHaveLength(0);
      await writer.query("COMMIT");
    } finally {
      await writer.end();
    }
    await until("both changes", async () => receivedEvents(receiver.received).length === 2, 15_000);
    const events = receivedEvents(receiver.received);
    const reasons = events.map((e) => e.data.reason as { detail: string | null; note: string | null });
    expect(reasons.map((r) => r.detail)).toContain("slow writer");
    expect(reasons.map((r) => r.note)).toContain("While a writer is open");
    await publishThreshold(100_000, "Reset");
  });
});

describe("SSRF", () => {
  test("private, loopback and link-local URLs are refused unless allowed", async () => {
    delete process.env.TIERWISE_WEBHOOK_ALLOW;
    try {
      for (const url of [receiver.url, "http://10.1.2.3/hooks", "http://169.254.169.254/latest", "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://localhost/", "http://0.0.0.0/"]) {
        const error = await createWebhookEndpoint(admin, { url, events: ["account.tier_changed"], description: "" }).catch((e: unknown) => e);
        expect(error, url).toBeInstanceOf(AppError);
        expect((error as AppError).fieldErrors?.url, url).toMatch(/refused/);
      }
    } finally {
      process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
    }
    await expect(createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" })).resolves.toMatchObject({ endpoint: { url: receiver.url } });
  });

  test("an endpoint whose address stops being allowed is not called (checked at every attempt)", async () => {
    const { endpoint } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
    process.env.TIERWISE_WEBHOOK_ALLOW = "";
    try {
      await sendWebhookTestEvent(admin, endpoint.id);
      const [attempt] = await until("the refused attempt", async () => {
        const rows = await listWebhookAttempts(admin, endpoint.id);
        return rows.length > 0 ? rows : null;
      });
      expect(attempt).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/127\.0\.0\.1.*refused/) });
      expect(receiver.received).toHaveLength(0);
    } finally {
      process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
    }
  });
});
