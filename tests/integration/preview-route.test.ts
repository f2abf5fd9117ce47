/**
 * app/api/rules/preview: the editors' live preview as a route handler. Admins only (each role and
 * no session tried), same-origin, the draft checked as the publish dialogs' preview actions check
 * it, the same answer as those actions; and, the reason it exists, two requests from one editor run
 * at once, so the newer one cancels the older one's query (409 with PREVIEW_SUPERSEDED) and is
 * answered. (Cancellation in detail, and the phase: preview-cancel.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";
import { createUser } from "../support/fixtures";
import { ltvAtLeast, seedPreviewAccounts, tableLocker } from "../support/preview-fixture";
import { previewRoute } from "../support/preview-route";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { post } = await previewRoute();
const { previewSegment, previewTierPublish } = await import("@/lib/actions/preview-rule");

const scheme = (amount: number) => ({ tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(amount) }] });

let admin: SessionUser;
let segmentId: number;
let locker: Awaited<ReturnType<typeof tableLocker>>;

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@route.test");
  segmentId = await seedPreviewAccounts();
  locker = await tableLocker();
});
afterAll(async () => {
  await locker.end();
  await db.$disconnect();
});
beforeEach(() => {
  session.user = admin;
});

describe("who may preview", () => {
  test("an admin gets the same answers as the publish dialogs' preview actions give", async () => {
    const segment = await post({ kind: "segment", segmentId, rule: ltvAtLeast(10_000), previewKey: "route-key-1" });
    expect(segment.status).toBe(200);
    const action = await previewSegment(segmentId, ltvAtLeast(10_000));
    expect(action.ok).toBe(true);
    expect(await segment.json()).toEqual(JSON.parse(JSON.stringify(action.ok && action.data)));

    // The tier publish dialog's answer is the live preview plus the accounts that would move.
    const tiers = await post({ kind: "tierScheme", scheme: scheme(100_000), phase: "exact" });
    const tierAction = await previewTierPublish(scheme(100_000));
    if (!tierAction.ok || !tierAction.data.ok) throw new Error("publish preview failed");
    const { movers, ...live } = tierAction.data;
    expect(movers).toBeDefined();
    expect(await tiers.json()).toEqual(JSON.parse(JSON.stringify(live)));
  });

  test.each(["REP", "MANAGER"] as const)("a %s is refused (403)", async (role) => {
    session.user = await createUser(role, `${role.toLowerCase()}@route.test`);
    const response = await post({ kind: "segment", segmentId: null, rule: ltvAtLeast(1) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  });

  test("without a session: 401", async () => {
    session.user = null;
    const response = await post({ kind: "segment", segmentId: null, rule: ltvAtLeast(1) });
    expect(response.status).toBe(401);
  });

  test("from another site: 403 before anything runs", async () => {
    const response = await post({ kind: "segment", segmentId: null, rule: ltvAtLeast(1) }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });
});

describe("what it accepts", () => {
  test("not JSON: 400 MALFORMED; over 1 MiB: 413; an unknown kind, a bad preview key or phase: 422 INVALID", async () => {
    const status = async (body: unknown) => {
      const response = await post(body);
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    };
    expect(await status("{not json")).toEqual([400, "MALFORMED"]);
    expect(await status({ kind: "segment", rule: ltvAtLeast(1), note: "x".repeat(1024 * 1024) })).toEqual([413, "TOO_LARGE"]);
    for (const body of [{ kind: "play" }, { kind: "segment", rule: ltvAtLeast(1), previewKey: "no spaces allowed" }, { kind: "tierScheme", scheme: scheme(1), phase: "guess" }]) {
      expect(await status(body), JSON.stringify(body)).toEqual([422, "INVALID"]);
    }
  });

  test("a rule with an unknown field is answered with its errors, as the action answers", async () => {
    const rule = { kind: "group", op: "and", children: [{ kind: "condition", id: "c1", field: "shoeSize", operator: "gte", value: 1 }] };
    const response = await post({ kind: "segment", segmentId, rule });
    const action = await previewSegment(segmentId, rule);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(action.ok ? action.data : action)));
  });
});

test("two requests from one editor run at once: the newer cancels the older one's query and is answered", async () => {
  await locker.hold("account_segments");
  try {
    const first = post({ kind: "segment", segmentId, rule: ltvAtLeast(10_000), previewKey: "route-editor" });
    for (let i = 0; ; i++) {
      const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'tw-preview:%' AND wait_event_type = 'Lock'`;
      if (row!.n === 1) break;
      if (i > 300) throw new Error("the first preview's query never waited on the lock");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const second = post({ kind: "segment", segmentId, rule: ltvAtLeast(100_000), previewKey: "route-editor" });
    const cancelled = await first;
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toEqual({ error: { code: "CONFLICT", message: PREVIEW_SUPERSEDED } });
    await locker.release();
    const answered = await second;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { preview: { matching: number } }).preview.matching).toBe(2);
  } finally {
    await locker.abandon();
  }
});
