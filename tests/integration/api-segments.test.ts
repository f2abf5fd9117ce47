/**
 * Segments, the tier scheme, their members and the membership changes feed of /api/v1; the feed
 * read after an API write shows the live recompute's entry with reason DATA_CHANGE.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as feed } from "@/app/api/v1/membership-changes/route";
import { POST as postOrders } from "@/app/api/v1/orders/batch/route";
import { GET as segmentMembers } from "@/app/api/v1/segments/[id]/members/route";
import { GET as segmentList } from "@/app/api/v1/segments/route";
import { GET as tierMembers } from "@/app/api/v1/tiers/[key]/members/route";
import { GET as tierScheme } from "@/app/api/v1/tiers/route";
import { db } from "@/lib/db/client";
import { drainPendingRecomputes } from "@/lib/live/recompute";
import { apiGet, apiKey, apiPost, resetApiTables, type ApiError } from "../support/api-calls";
import { createAccount } from "../support/fixtures";
import { publishSegmentation } from "../support/import";
import { resetDatabase } from "../support/reset-db";

interface Page<T = { id: number; domain: string; tier: { key: string } | null }> {
  data: T[];
  next_cursor: string | null;
}
interface Change {
  id: string;
  scope: string;
  change: string;
  reason: string;
  ruleVersion: number | null;
  detail: string | null;
  account: { id: number; domain: string; name: string };
  tier: { key: string } | null;
  segment: { id: number; name: string } | null;
}
interface FeedPage {
  data: Change[];
  next_cursor: string | null;
  has_more: boolean;
}

let reader: string;
let segments: { onPrem: number; crm: number };

beforeAll(async () => {
  process.env.TIERWISE_API_RATE_LIMIT = "100000";
  await resetDatabase();
  await resetApiTables();
  for (let i = 0; i < 12; i++) {
    await createAccount({ name: `Firm ${i}`, employeeCount: i < 3 ? 5_000 : 100, hostingPreference: i % 3 === 0 ? "ON_PREMISE" : "CLOUD", lifetimeValue: i === 5 ? 50_000 : 0 });
  }
  await createAccount({ name: "Small Shop", domain: "small-shop.com", employeeCount: 10 });
  segments = await publishSegmentation();
  reader = await apiKey(["segments:read"]);
});
afterAll(() => db.$disconnect());

async function walk<T>(get: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(cursor);
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

const withCursor = (path: string, cursor: string | null) => (cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);

describe("segments", () => {
  test("published segments with their rule in plain language and size", async () => {
    const answer = await apiGet<{ data: { id: number; name: string; ruleText: string; size: number; version: number }[] }>(segmentList, reader, "/api/v1/segments");
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((s) => [s.name, s.size, s.version])).toEqual([
      ["CRM users", 0, 1],
      ["On-prem", 4, 1],
    ]);
    expect(answer.body.data[1]!.ruleText).toMatch(/On-premise/);
  });

  test("a segment's members in cursor pages; an unknown segment is 404", async () => {
    const members = await walk(async (cursor) => {
      const answer = await apiGet<Page>(segmentMembers, reader, withCursor(`/api/v1/segments/${segments.onPrem}/members?limit=3`, cursor), { id: String(segments.onPrem) });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    const stored = await db.accountSegment.findMany({ where: { segmentId: segments.onPrem }, select: { accountId: true } });
    expect(members.map((m) => m.id).sort((a, b) => a - b)).toEqual(stored.map((s) => s.accountId).sort((a, b) => a - b));
    expect((await apiGet<ApiError>(segmentMembers, reader, "/api/v1/segments/999/members", { id: "999" })).status).toBe(404);
  });
});

describe("tiers", () => {
  test("the published scheme top first with plain-language rules and sizes, then Untiered", async () => {
    const answer = await apiGet<{ version: number; tiers: { key: string; position: number; ruleText: string; size: number }[]; untiered: { size: number } }>(
      tierScheme, reader, "/api/v1/tiers",
    );
    expect(answer.body.version).toBe(1);
    expect(answer.body.tiers.map((t) => [t.key, t.position, t.size])).toEqual([
      ["enterprise", 1, 3],
      ["growth", 2, 1],
    ]);
    expect(answer.body.tiers[0]!.ruleText).toMatch(/Employee/i);
    expect(answer.body.untiered.size).toBe(9);
  });

  test("a tier's members and the untiered ones in cursor pages; an unknown tier is 404", async () => {
    const enterprise = await walk(async (cursor) => (await apiGet<Page>(tierMembers, reader, withCursor("/api/v1/tiers/enterprise/members?limit=2", cursor), { key: "enterprise" })).body);
    expect(enterprise).toHaveLength(3);
    expect(enterprise.every((a) => a.tier?.key === "enterprise")).toBe(true);
    const untiered = await walk(async (cursor) => (await apiGet<Page>(tierMembers, reader, withCursor("/api/v1/tiers/untiered/members?limit=4", cursor), { key: "untiered" })).body);
    expect(untiered).toHaveLength(9);
    expect((await apiGet<ApiError>(tierMembers, reader, "/api/v1/tiers/platinum/members", { key: "platinum" })).status).toBe(404);
  });

  test("a key without segments:read is refused", async () => {
    const other = await apiKey(["accounts:read"]);
    expect((await apiGet<ApiError>(tierScheme, other, "/api/v1/tiers")).status).toBe(403);
  });
});

describe("membership changes feed", () => {
  test("walks the whole ledger in order, once; the last page still gives a cursor to continue from", async () => {
    const seen: Change[] = [];
    let cursor: string | null = null;
    let last: FeedPage | null = null;
    for (let i = 0; i < 50; i++) {
      const answer: { status: number; body: FeedPage } = await apiGet<FeedPage>(feed, reader, withCursor("/api/v1/membership-changes?limit=3", cursor));
      expect(answer.status).toBe(200);
      last = answer.body;
      seen.push(...answer.body.data);
      cursor = answer.body.next_cursor;
      if (!answer.body.has_more) break;
    }
    const ledger = await db.membershipEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    expect(seen.map((c) => c.id)).toEqual(ledger.map((e) => String(e.id)));
    expect(last?.next_cursor).toBeTruthy();
    expect(seen.filter((c) => c.scope === "TIER" && c.tier?.key === "enterprise")).toHaveLength(3);
    expect(seen.every((c) => c.reason === "RULE_PUBLISHED" && c.ruleVersion === 1)).toBe(true);

    // Only tier changes: the same entries in the same order.
    const tiers = await apiGet<FeedPage>(feed, reader, "/api/v1/membership-changes?limit=500&scope=TIER");
    expect(tiers.body.data.map((c) => c.id)).toEqual(seen.filter((c) => c.scope === "TIER").map((c) => c.id));

    // Nothing new: an empty page with the same cursor to keep.
    const empty = await apiGet<FeedPage>(feed, reader, withCursor("/api/v1/membership-changes?limit=3", cursor));
    expect(empty.body).toEqual({ data: [], next_cursor: cursor, has_more: false });
  });

  test("an order posted through the API moves the account into a tier; the feed shows the data change after the saved cursor", async () => {
    const start = (await apiGet<FeedPage>(feed, reader, "/api/v1/membership-changes?limit=500")).body.next_cursor!;
    const writer = await apiKey(["accounts:write"], "CRM sync");
    const posted = await apiPost(postOrders, writer, "/api/v1/orders/batch", { items: [{ domain: "small-shop.com", orderedAt: "2026-11-20", amount: 25_000 }] });
    expect(posted.status).toBe(200);
    await drainPendingRecomputes();
    const after = await apiGet<FeedPage>(feed, reader, withCursor("/api/v1/membership-changes?limit=10", start));
    expect(after.body.data).toEqual([
      expect.objectContaining({
        scope: "TIER",
        change: "ENTERED",
        reason: "DATA_CHANGE",
        detail: "API write by key CRM sync",
        tier: expect.objectContaining({ key: "growth" }),
        account: expect.objectContaining({ domain: "small-shop.com", name: "Small Shop" }),
      }),
    ]);
    // The scheme's sizes (shared across requests while no data changes) follow the write.
    const scheme = (await apiGet<{ tiers: { key: string; size: number }[]; untiered: { size: number } }>(tierScheme, reader, "/api/v1/tiers")).body;
    expect(scheme.tiers.map((t) => [t.key, t.size])).toEqual([
      ["enterprise", 3],
      ["growth", 2],
    ]);
    expect(scheme.untiered.size).toBe(8);
  });

  test("a change still being written is not skipped: the read waits for its transaction, or says to ask again", async () => {
    const start = (await apiGet<FeedPage>(feed, reader, "/api/v1/membership-changes?limit=500")).body.next_cursor!;
    const account = await db.account.findFirstOrThrow({ where: { domain: "small-shop.com" } });
    const slow = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await slow.connect();
    try {
      // A writer takes the lower id and keeps its transaction open; another commits a higher id at once.
      await slow.query("BEGIN");
      await slow.query("INSERT INTO membership_events (account_id, scope, change, reason, detail) VALUES ($1, 'TIER', 'LEFT', 'DATA_CHANGE', 'slow writer')", [account.id]);
      await db.membershipEvent.create({ data: { accountId: account.id, scope: "TIER", change: "LEFT", reason: "DATA_CHANGE", detail: "fast writer" } });

      const url = withCursor("/api/v1/membership-changes?limit=10", start);
      const waited = await apiGet<FeedPage>(feed, reader, url);
      expect(waited.body).toEqual({ data: [], next_cursor: start, has_more: true });

      const reading = apiGet<FeedPage>(feed, reader, url);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await slow.query("COMMIT");
      expect((await reading).body.data.map((c) => c.detail)).toEqual(["slow writer", "fast writer"]);
    } finally {
      await slow.end();
    }
  });

  test("a bad cursor or since is 422", async () => {
    for (const query of ["cursor=abc", `cursor=${Buffer.from(JSON.stringify(["membership-changes", "x"])).toString("base64url")}`, "since=yesterday", "scope=ACCOUNT"]) {
      const answer = await apiGet<ApiError>(feed, reader, `/api/v1/membership-changes?${query}`);
      expect(answer.status, query).toBe(422);
    }
  });
});
