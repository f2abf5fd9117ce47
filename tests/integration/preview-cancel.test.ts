/**
 * Statement cancellation of superseded previews (lib/data/rules/preview-slot.ts): while an admin
 * keeps typing, a newer preview from the same editor cancels the older one's query in PostgreSQL
 * (57014, not just an ignored answer) and is answered itself; the cancelled one comes back as
 * PREVIEW_SUPERSEDED (409), which the editor drops. The "slow preview" is a real one whose counting
 * query waits on a lock this test holds, so the test controls when it could finish. Previews go
 * through the editors' entry point, the route handler app/api/rules/preview.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";
import { createUser } from "../support/fixtures";
import { ltvAtLeast, seedPreviewAccounts, tableLocker } from "../support/preview-fixture";
import { data, failure, previewRoute } from "../support/preview-route";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { segment: previewSegmentRoute, tierScheme: previewTierRoute } = await previewRoute();


let admin: SessionUser;
let otherAdmin: SessionUser;
let segmentId: number;
let locker: Awaited<ReturnType<typeof tableLocker>>;

/** Preview backends (any editor) and what they wait for. */
const previewBackends = () =>
  db.$queryRaw<{ pid: number; application_name: string; wait_event_type: string | null; state: string }[]>`
    SELECT pid, application_name, wait_event_type, state FROM pg_stat_activity
    WHERE application_name LIKE 'tw-preview:%' AND state = 'active' ORDER BY backend_start`;

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  otherAdmin = await createUser("ADMIN", "admin2@test.local");
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

describe("a newer preview from the same editor cancels the older one's query", () => {
  test("segment editor: the first preview's query is cancelled (57014), the second is answered", async () => {
    await locker.hold("account_segments");
    try {
      const first = previewSegmentRoute(segmentId, ltvAtLeast(10_000), "editor-key-1");
      const [waiting] = await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.wait_event_type === "Lock");
      const second = previewSegmentRoute(segmentId, ltvAtLeast(100_000), "editor-key-1");
      // The first comes back as superseded while the lock is still held: its query was cancelled,
      // it did not run to its end. PREVIEW_SUPERSEDED is only ever the answer to 57014.
      expect(failure(await first)).toEqual({ status: 409, code: "CONFLICT", message: PREVIEW_SUPERSEDED });
      const [now] = await until("the second preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.pid !== waiting!.pid);
      expect(now!.application_name).toBe(waiting!.application_name);
      await locker.release();
      const answer = data(await second);
      expect(answer?.ok && answer.preview).toMatchObject({
        total: 5,
        matching: 2,
        diff: { entering: 0, leaving: 1 },
      });
    } finally {
      await locker.abandon();
    }
  });

  test("tier scheme editor: the same", async () => {
    await locker.hold("account_segmentation");
    try {
      const scheme = (amount: number) => ({ tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(amount) }] });
      const first = previewTierRoute(scheme(10_000), "tier-editor-key");
      await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.wait_event_type === "Lock");
      const second = previewTierRoute(scheme(100_000), "tier-editor-key");
      expect(failure(await first)).toEqual({ status: 409, code: "CONFLICT", message: PREVIEW_SUPERSEDED });
      await locker.release();
      const answer = await second;
      const tiers = data(answer);
      expect(tiers?.ok && tiers.preview.tiers.map((t) => t.count)).toEqual([2]);
    } finally {
      await locker.abandon();
    }
  });

  test("another editor's preview (or another admin's with the same key) is not cancelled", async () => {
    await locker.hold("account_segments");
    try {
      const first = previewSegmentRoute(segmentId, ltvAtLeast(10_000), "editor-key-A");
      await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1);
      const otherEditor = previewSegmentRoute(segmentId, ltvAtLeast(100_000), "editor-key-B");
      session.user = otherAdmin;
      const otherAdminSameKey = previewSegmentRoute(segmentId, ltvAtLeast(100_000), "editor-key-A");
      // All three wait on the lock: nothing was cancelled.
      await until("three waiting previews", previewBackends, (rows) => rows.length === 3);
      await locker.release();
      for (const answer of await Promise.all([first, otherEditor, otherAdminSameKey])) expect(data(answer)?.ok).toBe(true);
    } finally {
      await locker.abandon();
    }
  });
});

describe("the editors' phase argument", () => {
  test("'estimate' on a small database answers exactly, as without a phase; an unknown phase is refused", async () => {
    const exact = await previewSegmentRoute(segmentId, ltvAtLeast(10_000), "editor-key-P");
    const first = await previewSegmentRoute(segmentId, ltvAtLeast(10_000), "editor-key-P", "estimate");
    const exactData = data(exact);
    expect(exactData?.ok && exactData.preview.estimate).toBeNull();
    expect(first).toEqual(exact);
    const scheme = { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(100_000) }] };
    const tiers = await previewTierRoute(scheme, "tier-editor-key-P", "estimate");
    const tierData = data(tiers);
    expect(tierData?.ok && tierData.preview).toMatchObject({ estimate: null, tiers: [{ count: 2 }] });
    const refused = await previewSegmentRoute(segmentId, ltvAtLeast(10_000), "editor-key-P", "guess" as "exact");
    expect(failure(refused)).toMatchObject({ status: 422, code: "INVALID" });
  });
});
