/**
 * The batch writes of /api/v1: accounts by normalised domain, orders, engagement events, campaign
 * responses and technology stacks. All or nothing per request, per-item errors keyed by index and
 * field, unknown fields refused, the import's normalisation, 1,000 items at most.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST as technologies } from "@/app/api/v1/account-technologies/batch/route";
import { POST as accounts } from "@/app/api/v1/accounts/batch/route";
import { POST as responses } from "@/app/api/v1/campaign-responses/batch/route";
import { POST as events } from "@/app/api/v1/engagement-events/batch/route";
import { POST as orders } from "@/app/api/v1/orders/batch/route";
import { AccountUpsertItem } from "@/lib/api/endpoints/account-writes";
import { db } from "@/lib/db/client";
import { TARGET_FIELDS } from "@/lib/import/kinds";
import { apiKey, apiPost, resetApiTables, type ApiError } from "../support/api-calls";
import { createAccount, createUser } from "../support/fixtures";
import { createCatalogue, tableCounts } from "../support/import";
import { resetDatabase } from "../support/reset-db";

interface Result {
  created: number;
  updated: number;
  unchanged: number;
  accountIds: number[];
  removed?: number;
}

let key: string;
let acme: number;
let globex: number;

beforeAll(async () => {
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  await createUser("REP", "rita@example.com", "Rita Rep");
  await createCatalogue();
  acme = await createAccount({ name: "Acme", domain: "acme.com", employeeCount: 50 });
  globex = await createAccount({ name: "Globex", domain: "globex.com" });
  key = await apiKey(["accounts:write"], "CRM sync");
});
afterAll(() => db.$disconnect());

/** Posts and expects a 422 whose field errors are exactly `fields`, with nothing written. */
async function refused(handler: typeof accounts, path: string, body: unknown, fields: string[]): Promise<Record<string, string>> {
  const before = await tableCounts();
  const answer = await apiPost<ApiError>(handler, key, path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  expect(answer.body.error.code).toBe("INVALID");
  const fieldErrors = answer.body.error.details?.fieldErrors ?? {};
  expect(Object.keys(fieldErrors).sort()).toEqual([...fields].sort());
  expect(await tableCounts()).toEqual(before);
  return fieldErrors;
}

describe("accounts", () => {
  test("an upsert takes exactly the fields the CSV import of accounts takes", () => {
    expect(Object.keys(AccountUpsertItem.shape).sort()).toEqual(TARGET_FIELDS.accounts.map((f) => f.key).sort());
  });

  test("creates new domains and updates known ones; left-out fields keep their value", async () => {
    const answer = await apiPost<Result>(accounts, key, "/api/v1/accounts/batch", {
      items: [
        { domain: "https://www.NewCo.io/about?x=1", name: "NewCo", industry: "Computer Software", country: "DE", owner: "RITA@example.com" },
        { domain: "acme.com", employeeCount: 1200, hostingPreference: "ON_PREMISE", benefitsSought: ["Security", "security", "Scale"] },
        { domain: "globex.com" },
      ],
    });
    expect(answer.status).toBe(200);
    const newco = await db.account.findUniqueOrThrow({ where: { domain: "newco.io" }, include: { owner: true } });
    expect(answer.body).toEqual({ created: 1, updated: 1, unchanged: 1, accountIds: [acme, newco.id].sort((a, b) => a - b) });
    expect(newco).toMatchObject({ name: "NewCo", industry: "Software", country: "Germany", region: "EMEA", loyaltyStatus: "NEW", owner: { email: "rita@example.com" } });
    const updated = await db.account.findUniqueOrThrow({ where: { id: acme } });
    expect(updated).toMatchObject({ name: "Acme", employeeCount: 1200, hostingPreference: "ON_PREMISE", benefitsSought: ["security", "scale"], industry: "Software" });
  });

  test("per-item errors name the item and the field, and nothing is written", async () => {
    // What the schema finds first (types, enums, the import's normalisers)...
    await refused(accounts, "/api/v1/accounts/batch", {
      items: [
        { domain: "fine.example.org", name: "Fine", industry: "Retail", country: "US" },
        { domain: "acme.com", industry: "Underwater basket weaving" },
        { domain: "acme.com", region: "MARS", employeeCount: 1.5 },
      ],
    }, ["items.1.industry", "items.2.region", "items.2.employeeCount"]);
    // ...then what needs the database: new accounts' required fields, owners.
    const errors = await refused(accounts, "/api/v1/accounts/batch", {
      items: [
        { domain: "fine.example.org", name: "Fine", industry: "Retail", country: "US" },
        { domain: "brand-new.com", industry: "Retail", country: "US" },
        { domain: "other.com", name: "Other", industry: "Retail", country: "US", owner: "nobody@example.com" },
        { domain: "ACME.com/contact" },
      ],
    }, ["items.1.name", "items.2.owner"]);
    expect(errors["items.1.name"]).toMatch(/name is needed to create the new account brand-new\.com/);
  });

  test("a domain repeated after normalisation, the owner lookup and the country's region are checked with the database", async () => {
    await refused(accounts, "/api/v1/accounts/batch", {
      items: [
        { domain: "fine.example.org", name: "Fine", industry: "Retail", country: "US" },
        { domain: "https://FINE.example.org/", name: "Fine again", industry: "Retail", country: "US" },
        { domain: "nowhere.example", name: "Nowhere", industry: "Retail", country: "Atlantis" },
      ],
    }, ["items.1.domain", "items.2.region"]);
  });

  test("unknown fields are refused, not ignored (no mass assignment)", async () => {
    await refused(accounts, "/api/v1/accounts/batch", { items: [{ domain: "acme.com", lifetimeValue: 1e9, id: 7 }] }, ["items.0.lifetimeValue", "items.0.id"]);
    await refused(accounts, "/api/v1/accounts/batch", { items: [{ domain: "acme.com" }], dryRun: true }, ["dryRun"]);
  });

  test("a domain that normalises to nothing is refused", async () => {
    const errors = await refused(accounts, "/api/v1/accounts/batch", {
      items: [{ domain: "https://", name: "X", industry: "Retail", country: "US" }, { domain: "   " }, { domain: "www." }, { domain: 42 }],
    }, ["items.0.domain", "items.1.domain", "items.2.domain", "items.3.domain"]);
    expect(errors["items.1.domain"]).toBe("Domain is empty");
  });

  test("1,001 items are refused whole; 1,000 are taken", async () => {
    const item = (i: number) => ({ domain: `bulk-${i}.example.com`, name: `Bulk ${i}`, industry: "Retail", country: "US" });
    const errors = await refused(accounts, "/api/v1/accounts/batch", { items: Array.from({ length: 1001 }, (_, i) => item(i)) }, ["items"]);
    expect(errors.items).toMatch(/at most 1,000 items/);
    const answer = await apiPost<Result>(accounts, key, "/api/v1/accounts/batch", { items: Array.from({ length: 1000 }, (_, i) => item(i)) });
    expect(answer.status).toBe(200);
    expect(answer.body.created).toBe(1000);
    await db.account.deleteMany({ where: { domain: { startsWith: "bulk-" } } });
  });

  test("malformed JSON is 400; a key without accounts:write is 403", async () => {
    expect((await apiPost<ApiError>(accounts, key, "/api/v1/accounts/batch", "{ items: [")).status).toBe(400);
    const reader = await apiKey(["accounts:read", "segments:read"]);
    expect((await apiPost<ApiError>(accounts, reader, "/api/v1/accounts/batch", { items: [{ domain: "acme.com" }] })).status).toBe(403);
  });
});

describe("orders", () => {
  beforeEach(async () => {
    await db.order.deleteMany();
  });

  test("by domain or id; an external id updates instead of adding; none adds", async () => {
    const first = await apiPost<Result>(orders, key, "/api/v1/orders/batch", {
      items: [
        { domain: "www.acme.com", orderedAt: "2026-03-12", amount: 1250.499, externalId: "SO-1" },
        { accountId: globex, orderedAt: "2026-04-01", amount: 10, productLine: "Support" },
      ],
    });
    expect(first.body).toEqual({ created: 2, updated: 0, unchanged: 0, accountIds: [acme, globex] });
    const again = await apiPost<Result>(orders, key, "/api/v1/orders/batch", {
      items: [
        { domain: "acme.com", orderedAt: "2026-03-12", amount: 1300, externalId: "SO-1" },
        { domain: "acme.com", orderedAt: "2026-03-12", amount: 1300, externalId: "SO-1 " },
      ],
    });
    expect(again.status).toBe(422);
    const updated = await apiPost<Result>(orders, key, "/api/v1/orders/batch", { items: [{ domain: "acme.com", orderedAt: "2026-03-12", amount: 1300, externalId: "SO-1" }] });
    expect(updated.body).toEqual({ created: 0, updated: 1, unchanged: 0, accountIds: [acme] });
    const same = await apiPost<Result>(orders, key, "/api/v1/orders/batch", { items: [{ domain: "acme.com", orderedAt: "2026-03-12", amount: 1300, externalId: "SO-1" }] });
    expect(same.body).toEqual({ created: 0, updated: 0, unchanged: 1, accountIds: [] });
    const stored = await db.order.findMany({ orderBy: { id: "asc" } });
    expect(stored.map((o) => [o.accountId, o.amount.toString(), o.productLine, o.externalId])).toEqual([
      [acme, "1300", "Unspecified", "SO-1"],
      [globex, "10", "Support", null],
    ]);
  });

  test("an order for an unknown account, a bad amount or date, or no account at all: per-item errors, nothing written", async () => {
    const errors = await refused(orders, "/api/v1/orders/batch", {
      items: [
        { domain: "acme.com", orderedAt: "2026-03-12", amount: 5 },
        { domain: "unknown.example", orderedAt: "2026-03-12", amount: 5 },
        { accountId: 999_999, orderedAt: "2026-03-12", amount: 5 },
        { domain: "acme.com", orderedAt: "12/03/2026", amount: -1 },
        { orderedAt: "2026-03-12", amount: 5 },
        { domain: "acme.com", accountId: acme, orderedAt: "2026-03-12", amount: 5 },
      ],
    }, ["items.3.orderedAt", "items.3.amount", "items.4.domain", "items.5.domain"]);
    expect(errors["items.4.domain"]).toMatch(/domain or its accountId/);
    const unknown = await refused(orders, "/api/v1/orders/batch", {
      items: [
        { domain: "acme.com", orderedAt: "2026-03-12", amount: 5 },
        { domain: "unknown.example", orderedAt: "2026-03-12", amount: 5 },
        { accountId: 999_999, orderedAt: "2026-03-12", amount: 5 },
      ],
    }, ["items.1.domain", "items.2.accountId"]);
    expect(unknown["items.1.domain"]).toMatch(/No account has the domain unknown\.example/);
  });

  test("the same batch twice with one Idempotency-Key: one write, the same answer", async () => {
    const body = { items: [{ domain: "acme.com", orderedAt: "2026-05-01", amount: 99 }] };
    const headers = { "idempotency-key": "order-batch-1" };
    const first = await apiPost<Result>(orders, key, "/api/v1/orders/batch", body, headers);
    const second = await apiPost<Result>(orders, key, "/api/v1/orders/batch", body, headers);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await db.order.count()).toBe(1);
  });
});

describe("audit and live recompute", () => {
  test("every write is audited with the key's name and asks for a live recompute of the accounts it changed", async () => {
    await db.$executeRawUnsafe("TRUNCATE pending_recomputes");
    const answer = await apiPost<Result>(orders, key, "/api/v1/orders/batch", { items: [{ domain: "globex.com", orderedAt: "2026-06-01", amount: 5 }] });
    expect(answer.status).toBe(200);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "API_WRITE" }, orderBy: { id: "desc" } });
    expect(audit.actorEmail).toMatch(/^API key CRM sync \(tw_\w+\)$/);
    expect(audit.target).toBe("orders");
    expect(audit.details).toMatchObject({ items: 1, created: 1, accounts: 1 });
    const pending = await db.$queryRaw<{ account_id: number; detail: string }[]>`SELECT account_id, detail FROM pending_recomputes`;
    expect(pending).toEqual([{ account_id: globex, detail: "API write by key CRM sync" }]);
  });
});

describe("engagement events and campaign responses", () => {
  test("events upsert by external id; responses are added", async () => {
    const posted = await apiPost<Result>(events, key, "/api/v1/engagement-events/batch", {
      items: [
        { domain: "acme.com", type: "MEETING", occurredAt: "2026-11-30T14:05:00+02:00", detail: "Demo", externalId: "ev-1" },
        { accountId: globex, type: "WEB_VISIT", occurredAt: "2026-12-01T08:00:00Z" },
      ],
    });
    expect(posted.body).toMatchObject({ created: 2, accountIds: [acme, globex] });
    const meeting = await db.engagementEvent.findFirstOrThrow({ where: { externalId: "ev-1" } });
    expect(meeting.occurredAt.toISOString()).toBe("2026-11-30T12:05:00.000Z");
    const kept = await apiPost<Result>(events, key, "/api/v1/engagement-events/batch", {
      items: [{ domain: "acme.com", type: "MEETING", occurredAt: "2026-11-30T12:05:00Z", externalId: "ev-1" }],
    });
    expect(kept.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    await refused(events, "/api/v1/engagement-events/batch", { items: [{ domain: "acme.com", type: "FAX", occurredAt: "yesterday" }] }, [
      "items.0.type",
      "items.0.occurredAt",
    ]);

    const added = await apiPost<Result>(responses, key, "/api/v1/campaign-responses/batch", {
      items: [{ domain: "acme.com", campaign: "Q4 ERP webinar", channel: "WEBINAR", respondedAt: "2026-11-02", outcome: "ATTENDED" }],
    });
    expect(added.body).toEqual({ created: 1, updated: 0, unchanged: 0, accountIds: [acme] });
    await refused(responses, "/api/v1/campaign-responses/batch", { items: [{ domain: "acme.com", campaign: " ", channel: "FAX", respondedAt: "2026-11-02", outcome: "ATTENDED" }] }, [
      "items.0.campaign",
      "items.0.channel",
    ]);
  });
});

describe("technologies", () => {
  test("add, remove and set a stack by catalogue name; unknown names refused", async () => {
    const added = await apiPost<Result>(technologies, key, "/api/v1/account-technologies/batch", {
      items: [{ domain: "acme.com", add: [{ technology: "salesforce sales cloud", lastDetectedAt: "2026-11-01", confidence: 0.8 }, { technology: "Slack" }] }],
    });
    expect(added.body).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0, accountIds: [acme] });
    const stack = async () =>
      (await db.accountTechnology.findMany({ where: { accountId: acme }, include: { technology: true }, orderBy: { technologyId: "asc" } })).map((t) => t.technology.name);
    expect(await stack()).toEqual(["Salesforce Sales Cloud", "Slack"]);

    const set = await apiPost<Result>(technologies, key, "/api/v1/account-technologies/batch", {
      items: [{ accountId: acme, set: [{ technology: "Slack" }, { technology: "PostgreSQL", firstDetectedAt: "2025-01-01" }] }],
    });
    expect(set.body).toMatchObject({ created: 1, unchanged: 1, removed: 1, accountIds: [acme] });
    expect(await stack()).toEqual(["PostgreSQL", "Slack"]);
    expect((await db.account.findUniqueOrThrow({ where: { id: acme } })).technologyIds).toHaveLength(2);

    const removed = await apiPost<Result>(technologies, key, "/api/v1/account-technologies/batch", { items: [{ domain: "acme.com", remove: ["slack"] }] });
    expect(removed.body).toMatchObject({ removed: 1 });
    expect(await stack()).toEqual(["PostgreSQL"]);

    await refused(technologies, "/api/v1/account-technologies/batch", {
      items: [
        { domain: "acme.com", add: [{ technology: "Slack" }] },
        { domain: "globex.com", set: [], add: [] },
        { domain: "globex.com" },
        { domain: "globex.com", add: [{ technology: "Zoom", confidence: 1.5 }] },
      ],
    }, ["items.1.set", "items.2.add", "items.3.add.0.confidence"]);
    const errors = await refused(technologies, "/api/v1/account-technologies/batch", {
      items: [
        { domain: "acme.com", add: [{ technology: "Salesforse Sales Cloud" }] },
        { domain: "globex.com", add: [{ technology: "Zoom", firstDetectedAt: "2026-02-01", lastDetectedAt: "2026-01-01" }, { technology: "zoom" }] },
        { accountId: globex, remove: ["HubSpot CRM"] },
      ],
    }, ["items.0.add.0.technology", "items.1.add.0.firstDetectedAt", "items.1.add.1.technology", "items.2.accountId"]);
    expect(errors["items.0.add.0.technology"]).toMatch(/did you mean Salesforce Sales Cloud/);
  });
});
