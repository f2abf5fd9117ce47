/**
 * GET /accounts/export answers through the route boundary: signed out, a JSON 401 (not a
 * plain-text body); signed in, the streamed CSV with its download headers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createAccount, createUser } from "../support/fixtures";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());

const { GET } = await import("@/app/(app)/accounts/export/route");

let rep: SessionUser;
const noParams = { params: Promise.resolve({}) };
const get = (search = "") => GET(new Request(`http://localhost/accounts/export${search}`), noParams);

beforeAll(async () => {
  await resetDatabase();
  rep = await createUser("REP", "rep@test.local");
  const other = await createUser("REP", "other@test.local");
  await createAccount({ name: "Mine Ltd", ownerId: rep.id, region: "EMEA" });
  await createAccount({ name: "Mine Too", ownerId: rep.id, region: "APAC" });
  await createAccount({ name: "Theirs Inc", ownerId: other.id, region: "EMEA" });
});
afterAll(() => db.$disconnect());
beforeEach(() => {
  session.user = null;
});

describe("GET /accounts/export", () => {
  test("signed out: 401 with the JSON error", async () => {
    const response = await get();
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." } });
  });

  test("signed in: the filtered CSV of the user's own accounts, as a download", async () => {
    session.user = rep;
    const response = await get("?region=EMEA&page=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tierwise-accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true); // the byte order mark, for spreadsheets
    const [header, ...rows] = text.slice(1).trim().split(/\r?\n/);
    expect(header).toBe("Account ID,Name,Domain,Tier,Priority score,Owner,Industry,Country,Region,Employees,Lifetime value,Orders,Orders (12 months),Average order value,Last order date,Engagement score,Journey stage,Loyalty,Usage,Hosting,Adoption");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\d+,Mine Ltd,mine-ltd\.example\.com,Untiered,0,rep,Software,United States,EMEA,250,/);
  });
});
