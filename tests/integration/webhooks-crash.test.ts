/**
 * kill -9 of an app instance while it sends a webhook: the delivery is sent again after a restart,
 * with the same webhook-id and body, and delivered once the receiver answers (at least once: the
 * receiver saw the interrupted request and the one after the restart, nothing more). The
 * "instance" is a child process running the job worker (tests/support/job-worker-child.ts).
 */
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { createWebhookEndpoint, sendWebhookTestEvent } from "@/lib/data/webhooks";
import { createUser } from "../support/fixtures";
import { clearJobs, queueRows, until } from "../support/jobs";
import { resetDatabase } from "../support/reset-db";
import { killWorkerProcesses, startWorkerProcess } from "../support/worker-process";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

let admin: Actor;
let receiver: Receiver;

beforeAll(async () => {
  process.env.TIERWISE_WEBHOOK_ALLOW = "127.0.0.1/32";
  process.env.TIERWISE_WEBHOOK_RETRY_MS = "100";
  await resetDatabase();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await clearJobs();
  admin = await createUser("ADMIN", "admin@crash.test");
  receiver = await startReceiver();
});
afterEach(() => {
  killWorkerProcesses();
});
afterAll(async () => {
  await receiver.close();
  await db.$executeRawUnsafe("DELETE FROM webhook_endpoints");
  await db.$disconnect();
});

test("a delivery interrupted by kill -9 is sent again after the restart, same webhook-id", { timeout: 90_000 }, async () => {
  // The first request is never answered: the instance is caught inside the send.
  receiver.plan.push({ status: 0, hang: true });
  const { endpoint } = await createWebhookEndpoint(admin, { url: receiver.url, events: ["account.tier_changed"], description: "" });
  await sendWebhookTestEvent(admin, endpoint.id);

  const first = await startWorkerProcess();
  await until("the first instance to send", async () => receiver.received.length === 1, 30_000);
  const [running] = await queueRows("webhook-deliver");
  expect(running?.locked_by).toBeTruthy();
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  expect(await db.webhookDelivery.findFirst()).toMatchObject({ status: "PENDING", attempts: 0 });

  await startWorkerProcess();
  const delivered = await until("the delivery after the restart", async () => {
    const row = await db.webhookDelivery.findFirst();
    return row?.status === "DELIVERED" ? row : null;
  }, 30_000);
  expect(delivered.attempts).toBe(1);
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[1]!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
  expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
  // Nothing more is sent later.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(receiver.received).toHaveLength(2);
});
