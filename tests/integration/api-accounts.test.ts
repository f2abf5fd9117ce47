/**
 * GET /api/v1/accounts and /api/v1/accounts/{id}: the accounts page's filters and sorts as query
 * parameters, cursor pages that walk every account once (also while accounts are added), and one
 * account with its tier, score breakdown, segments and explanation.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getOne } from "@/app/api/v1/accounts/[id]/route";
import { GET as list } from "@/app/api/v1/accounts/route";
import { listAccounts } from "@/lib/data/accounts";
import { db } from "@/lib/db/client";
import { recomputeAll } from "@/lib/db/membership/recompute-all";
import { ACCOUNT_SORTS } from "@/lib/validation/account-query";
import { apiGet, apiKey, resetApiTables, type ApiError } from "../support/api-calls";
import { createAccount, createUser } from "../support/fixtures";
import { publishSegmentation } from "../support/import";
import { resetDatabase } from "../support/reset-db";

interface Row {
  id: number;
  name: string;
  domain: string;
  lifetimeValue: number;
  lastOrderAt: string | null;
  tier: { key: string } | null;
  owner: { id: string } | null;
}
interface Page {
  data: Row[];
  next_cursor: string | null;
}

let key: string;
let segments: { onPrem: number; crm: number };
let manager: Awaited<ReturnType<typeof createUser>>;
const REGIONS = ["NORTH_AMERICA", "EMEA", "APAC", "LATAM"] as const;

beforeAll(async () => {
  // Walking every sort page by page takes some 600 requests: more than a minute's default budget.
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  manager = await createUser("MANAGER", "manager@example.com");
  const rep = await createUser("REP", "rep@example.com", "Rita Rep");
  for (let i = 0; i < 37; i++) {
    await createAccount({
      name: `Company ${String(i).padStart(2, "0")}`,
      // Ties on purpose: pages must break them by id.
      lifetimeValue: (i % 5) * 5_000,
      employeeCount: i % 4 === 0 ? 2_000 : 100,
      lastOrderAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, i % 6, 1)),
      hostingPreference: i % 2 ? "ON_PREMISE" : "CLOUD",
      region: REGIONS[i % 4],
      ownerId: i % 4 === 1 ? rep.id : null,
    });
  }
  segments = await publishSegmentation();
  await recomputeAll(db, { reason: "RULE_PUBLISHED" });
  key = await apiKey(["accounts:read"]);
});
afterAll(() => db.$disconnect());

/** Every page of a listing, following next_cursor. */
async function walk(query: string, limit: number, between?: (page: number) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const search = new URLSearchParams(query);
    search.set("limit", String(limit));
    if (cursor) search.set("cursor", cursor);
    const answer = await apiGet<Page>(list, key, `/api/v1/accounts?${search}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data.length).toBeLessThanOrEqual(limit);
    rows.push(...answer.body.data);
    cursor = answer.body.next_cursor;
    if (!cursor) return rows;
    await between?.(page);
  }
  throw new Error("too many pages");
}

describe("list", () => {
  test.each(ACCOUNT_SORTS.flatMap((sort) => [[sort, ""], [sort, "asc"], [sort, "desc"]]))(
    "sort %s %s: pages of 4 give every account once, in the accounts page's order",
    async (sort, dir) => {
      const rows = await walk(`sort=${sort}${dir ? `&dir=${dir}` : ""}`, 4);
      const page = await listAccounts(manager, {
        q: "", sort, dir: (dir || null) as "asc" | "desc" | null, page: 1, size: 100,
        tier: [], segment: [], owner: [], industry: [], region: [], stage: [], loyalty: [], usage: [], tech: [], category: [], lacks: [], whitespace: [], hosting: [], device: [], adoption: [],
      });
      expect(rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
      expect(new Set(rows.map((r) => r.id)).size).toBe(37);
    },
  );

  test("filters as the page's: tier, segment, region and search, comma-separated or repeated", async () => {
    const enterprise = await walk("tier=enterprise", 3);
    expect(enterprise.length).toBeGreaterThan(0);
    expect(enterprise.every((r) => r.tier?.key === "enterprise")).toBe(true);

    const onPrem = await walk(`segment=${segments.onPrem}`, 5);
    expect(onPrem).toHaveLength(18);

    const twoRegions = await walk("region=EMEA,APAC", 50);
    const repeated = await walk("region=EMEA&region=APAC", 50);
    expect(twoRegions.map((r) => r.id)).toEqual(repeated.map((r) => r.id));
    expect(twoRegions).toHaveLength(18);

    const search = await walk("q=company%2003", 10);
    expect(search.map((r) => r.name)).toEqual(["Company 03"]);

    const unassigned = await walk("owner=unassigned&sort=name", 100);
    expect(unassigned.every((r) => r.owner === null)).toBe(true);
  });

  test("accounts added while walking: no page repeats one, none seen before is lost", async () => {
    let added = 0;
    const rows = await walk("sort=name", 5, async () => {
      // One name that sorts before every page read so far and one after: neither may shift a page.
      await createAccount({ name: `AAA inserted ${added}` });
      await createAccount({ name: `zzz inserted ${added++}` });
    });
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const original = await db.account.findMany({ where: { name: { startsWith: "Company" } }, select: { id: true } });
    for (const { id } of original) expect(ids).toContain(id);
    await db.account.deleteMany({ where: { name: { contains: "inserted" } } });
  });

  test("bad parameters: 422 naming the parameter; a tampered or foreign cursor is refused", async () => {
    for (const [query, field] of [
      ["sort=colour", "sort"],
      ["region=MARS", "region.0"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["colour=red", "colour"],
      ["cursor=not-a-cursor", "cursor"],
    ] as const) {
      const answer = await apiGet<ApiError>(list, key, `/api/v1/accounts?${query}`);
      expect(answer.status, query).toBe(422);
      expect(Object.keys(answer.body.error.details?.fieldErrors ?? {}), query).toContain(field);
    }
    const first = await apiGet<Page>(list, key, "/api/v1/accounts?sort=ltv&limit=2");
    const other = await apiGet<ApiError>(list, key, `/api/v1/accounts?sort=name&limit=2&cursor=${first.body.next_cursor}`);
    expect(other.status).toBe(422);
    const forged = Buffer.from(JSON.stringify(["accounts:ltv:", "1e999x", "1"])).toString("base64url");
    const tampered = await apiGet<ApiError>(list, key, `/api/v1/accounts?sort=ltv&cursor=${forged}`);
    expect(tampered.status).toBe(422);
    expect(tampered.body.error.details?.fieldErrors).toHaveProperty("cursor");
  });
});

describe("one account", () => {
  test("tier, score breakdown, segments, plays and the explanation trace", async () => {
    const account = await db.account.findFirstOrThrow({ where: { name: "Company 01" } });
    const answer = await apiGet<Record<string, unknown> & { explanation: { tier: { attempts: unknown[] }; segments: { name: string; member: boolean }[] } }>(
      getOne, key, `/api/v1/accounts/${account.id}`, { id: String(account.id) },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: account.id,
      domain: account.domain,
      tier: null,
      technographics: { hostingPreference: "ON_PREMISE", technologies: [] },
      segments: [{ id: segments.onPrem, name: "On-prem" }],
      plays: [],
      score: { components: expect.any(Array) },
    });
    expect(answer.body.explanation.tier.attempts).toHaveLength(2);
    expect(answer.body.explanation.segments.find((s) => s.name === "On-prem")?.member).toBe(true);
  });

  test("an unknown id is 404, a malformed one 422", async () => {
    expect((await apiGet<ApiError>(getOne, key, "/api/v1/accounts/999999", { id: "999999" })).status).toBe(404);
    const bad = await apiGet<ApiError>(getOne, key, "/api/v1/accounts/abc", { id: "abc" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details?.fieldErrors).toHaveProperty("id");
  });

  test("a key without accounts:read is refused (403)", async () => {
    const writer = await apiKey(["accounts:write"]);
    expect((await apiGet<ApiError>(list, writer, "/api/v1/accounts")).status).toBe(403);
  });
});
