/**
 * API keys through the admin's server actions: the secret comes back once and only its hash is
 * stored; the form's errors name their fields; revocation takes effect at the next request;
 * creation and revocation are audited; the data layer refuses anyone but an ADMIN.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { hashKey } from "@/lib/api/keys";
import type { SessionUser } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/data/api-keys";
import { db } from "@/lib/db/client";
import { createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createApiKeyAction, revokeApiKeyAction } = await import("@/lib/actions/api-keys");
const { apiRoute, defineEndpoint } = await import("@/lib/api/endpoint");

const GET = apiRoute(
  defineEndpoint({ id: "testPing", method: "GET", path: "/api/v1/ping", scope: "accounts:read", tag: "Test", summary: "Ping", response: z.object({ ok: z.boolean() }) }),
  async () => ({ ok: true }),
);
const ping = (key: string) => GET(new Request("http://localhost/api/v1/ping", { headers: { authorization: `Bearer ${key}` } }));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

let admin: SessionUser;
let manager: SessionUser;
beforeAll(async () => {
  await resetDatabase();
  await db.$executeRawUnsafe("TRUNCATE api_keys, api_rate_windows, api_idempotency_keys");
  admin = await createUser("ADMIN", "admin@test.local", "Ada Admin");
  manager = await createUser("MANAGER", "manager@test.local");
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = admin;
});

describe("API keys", () => {
  test("an admin creates a key: the full key once, only its hash stored, audited; it authenticates", async () => {
    const result = await createApiKeyAction(null, form({ name: " CRM sync ", "scope:accounts:read": "on", "scope:accounts:write": "on", expiresOn: "" }));
    if (!result.ok) throw new Error(result.error);
    const { key, prefix, name, id } = result.data;
    expect(name).toBe("CRM sync");
    expect(key).toMatch(/^tw_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toBe(hashKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(row.scopes).toEqual(["accounts:read", "accounts:write"]);
    expect(row.createdById).toBe(admin.id);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "API_KEY_CREATED" } });
    expect(audit).toMatchObject({ actorId: admin.id, actorEmail: admin.email, target: `CRM sync (${prefix})` });
    expect(JSON.stringify(audit.details)).not.toContain(key.slice(12));

    expect((await ping(key)).status).toBe(200);
    const [listed] = await listApiKeys(admin);
    expect(listed).toMatchObject({ id, name: "CRM sync", prefix, status: "active", createdBy: "Ada Admin", revokedAt: null });
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(key.slice(12));
  });

  test("the form's problems come back next to their fields; nothing is created", async () => {
    const before = await db.apiKey.count();
    const result = await createApiKeyAction(null, form({ name: "", expiresOn: "2001-01-01" }));
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["expiresOn", "name", "scopes"]);
    const badDate = await createApiKeyAction(null, form({ name: "x", "scope:segments:read": "on", expiresOn: "31/01/2027" }));
    expect(badDate).toMatchObject({ ok: false, fieldErrors: { expiresOn: "Enter a date like 2027-01-31." } });
    expect(await db.apiKey.count()).toBe(before);
  });

  test("an expiry date: the key works through that day (UTC), then 401", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const result = await createApiKeyAction(null, form({ name: "Until tomorrow", "scope:accounts:read": "on", expiresOn: tomorrow }));
    if (!result.ok) throw new Error(result.error);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row.expiresAt?.toISOString()).toBe(new Date(Date.parse(`${tomorrow}T00:00:00Z`) + 86_400_000).toISOString());
    expect((await ping(result.data.key)).status).toBe(200);
    await db.apiKey.update({ where: { id: result.data.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await ping(result.data.key)).status).toBe(401);
    expect((await listApiKeys(admin)).find((k) => k.id === result.data.id)?.status).toBe("expired");
  });

  test("revoking: the next request gets 401, audited once; revoking again is refused", async () => {
    const created = await createApiKeyAction(null, form({ name: "To revoke", "scope:accounts:read": "on" }));
    if (!created.ok) throw new Error(created.error);
    expect((await ping(created.data.key)).status).toBe(200);

    expect(await revokeApiKeyAction(created.data.id)).toMatchObject({ ok: true });
    expect((await ping(created.data.key)).status).toBe(401);
    expect(await revokeApiKeyAction(created.data.id)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await revokeApiKeyAction("no-such-key")).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const audits = await db.auditLog.findMany({ where: { action: "API_KEY_REVOKED" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, target: `To revoke (${created.data.prefix})` });
    const listed = (await listApiKeys(admin)).find((k) => k.id === created.data.id);
    expect(listed).toMatchObject({ status: "revoked", revokedBy: "Ada Admin" });
  });

  test("the data layer refuses a manager (and the actions refuse everyone else: actions-roles table)", async () => {
    await expect(listApiKeys(manager)).rejects.toMatchObject({ code: "FORBIDDEN" });
    session.user = manager;
    expect(await createApiKeyAction(null, form({ name: "x", "scope:accounts:read": "on" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
