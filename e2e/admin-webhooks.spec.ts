import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { authFile } from "./support/users";

// Publishes the tier scheme: it runs after the other mutating specs (playwright.config.ts). The
// server allows webhook receivers on 127.0.0.1 (TIERWISE_WEBHOOK_ALLOW, scripts/test.ts).
test.use({ storageState: authFile("admin") });

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => void }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/e2e-hooks`, received, close: () => server.close() };
}

const eventsOf = (received: Received[]) => received.flatMap((r) => (JSON.parse(r.body) as { events: { type: string; data: Record<string, unknown> }[] }).events);
const readNumber = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

/** Raise Tier 1's lifetime value bar by half and publish it with a note (the rule editor's flow). */
async function publishTierChange(page: Page, note: string): Promise<void> {
  await page.goto("/admin/rules/tiers");
  const tier1 = page.getByRole("region", { name: /^Tier 1:/ });
  const condition = tier1.getByRole("group", { name: /^Condition \d+: Lifetime value is at least$/ }).first();
  const amount = condition.getByRole("textbox", { name: "Value for Lifetime value in US dollars" });
  const raised = Math.ceil(readNumber(await amount.inputValue()) * 1.5);
  await amount.fill(String(raised));
  await amount.blur();
  // The publish dialog needs the live preview of the edited scheme first (as admin-rules.spec.ts waits).
  await expect(page.getByTestId("tier-preview").getByText("Live", { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: /^Publish tier scheme v\d+$/ });
  await expect(dialog.getByTestId("transition-matrix")).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole("textbox", { name: /^Note/ }).fill(note);
  await dialog.getByRole("button", { name: /^Publish v\d+$/ }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
}

test("an admin registers a webhook endpoint, sends a test event, publishes a tier change and sees the deliveries in the log", async ({ page }) => {
  // A publish with its preview and transition matrix takes a while on a busy machine.
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  try {
    await page.goto("/admin/api");
    const section = page.getByRole("region", { name: "Webhooks" });
    await section.getByRole("button", { name: "New endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "New webhook endpoint" });
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel("Description (optional)").fill("E2E receiver");
    await dialog.getByRole("button", { name: "Register endpoint" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Endpoint registered" });
    const secret = await secretDialog.getByTestId("webhook-secret-value").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: "I have stored the secret" }).click();

    const endpoint = section.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(endpoint).toContainText("Active");
    await endpoint.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { message: "the test event reaches the receiver" }).toBeGreaterThan(0);
    expect(() => new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).not.toThrow();
    expect(eventsOf(receiver.received)[0]).toMatchObject({ type: "webhook.test" });

    const note = `Webhooks e2e ${Date.now()}`;
    await publishTierChange(page, note);
    await expect
      .poll(() => eventsOf(receiver.received).filter((e) => e.type === "account.tier_changed").length, { message: "tier changes reach the receiver", timeout: 30_000 })
      .toBeGreaterThan(0);
    const change = eventsOf(receiver.received).find((e) => e.type === "account.tier_changed")!;
    expect(change.data).toMatchObject({ reason: { code: "RULE_PUBLISHED", note } });
    for (const request of receiver.received) expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();

    await page.goto("/admin/api");
    const log = page.getByRole("region", { name: "Webhooks" }).getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(log.getByRole("table")).toContainText("account.tier_changed");
    await expect(log.getByRole("table")).toContainText("webhook.test");
    await expect(log.getByRole("table")).toContainText("thanks");

    // Leave nothing behind for later runs against the same server.
    page.once("dialog", (confirm) => void confirm.accept());
    await log.getByRole("button", { name: `Delete the endpoint ${receiver.url}` }).click();
    await expect(log).toHaveCount(0);
  } finally {
    receiver.close();
  }
});
