/**
 * Statement cancellation of superseded previews (lib/data/rules/preview-slot.ts): while an admin
 * keeps typing, a newer preview from the same editor cancels the older one's query in PostgreSQL
 * (57014, not just an ignored answer) and is answered itself; the cancelled one comes back as
 * PREVIEW_SUPERSEDED, which the editor drops. The "slow preview" is a real one whose counting
 * query waits on a lock this test holds, so the test controls when it could finish.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";
import { createUser } from "../support/fixtures";
import { ltvAtLeast, seedPreviewAccounts } from "../support/preview-fixture";
import { resetDatabase } from "../support/reset-db";
import { session, sessionModuleMock } from "../support/session-mock";

vi.mock("@/lib/auth/session", () => sessionModuleMock());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { previewSegment, previewTierScheme } = await import("@/lib/actions/preview-rule");


let admin: SessionUser;
let otherAdmin: SessionUser;
let segmentId: number;
let locker: pg.Client;

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

/** Hold a lock the preview's counting query needs until `release` is called. */
async function holdLock(table: "account_segments" | "account_segmentation"): Promise<() => Promise<void>> {
  await locker.query("BEGIN");
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await locker.query("COMMIT");
  };
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createUser("ADMIN", "admin@test.local");
  otherAdmin = await createUser("ADMIN", "admin2@test.local");
  segmentId = await seedPreviewAccounts();
  locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
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
    const release = await holdLock("account_segments");
    try {
      const first = previewSegment(segmentId, ltvAtLeast(10_000), "editor-key-1");
      const [waiting] = await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.wait_event_type === "Lock");
      const second = previewSegment(segmentId, ltvAtLeast(100_000), "editor-key-1");
      // The first comes back as superseded while the lock is still held: its query was cancelled,
      // it did not run to its end. PREVIEW_SUPERSEDED is only ever the answer to 57014.
      expect(await first).toEqual({ ok: false, code: "CONFLICT", error: PREVIEW_SUPERSEDED });
      const [now] = await until("the second preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.pid !== waiting!.pid);
      expect(now!.application_name).toBe(waiting!.application_name);
      await release();
      const answer = await second;
      expect(answer.ok && answer.data.ok && answer.data.preview).toMatchObject({
        total: 5,
        matching: 2,
        diff: { entering: 0, leaving: 1 },
      });
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
    }
  });

  test("tier scheme editor: the same", async () => {
    const release = await holdLock("account_segmentation");
    try {
      const scheme = (amount: number) => ({ tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(amount) }] });
      const first = previewTierScheme(scheme(10_000), "tier-editor-key");
      await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1 && rows[0]!.wait_event_type === "Lock");
      const second = previewTierScheme(scheme(100_000), "tier-editor-key");
      expect(await first).toEqual({ ok: false, code: "CONFLICT", error: PREVIEW_SUPERSEDED });
      await release();
      const answer = await second;
      expect(answer.ok && answer.data.ok && answer.data.preview.tiers.map((t) => t.count)).toEqual([2]);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
    }
  });

  test("another editor's preview (or another admin's with the same key) is not cancelled", async () => {
    const release = await holdLock("account_segments");
    try {
      const first = previewSegment(segmentId, ltvAtLeast(10_000), "editor-key-A");
      await until("the first preview's query to wait", previewBackends, (rows) => rows.length === 1);
      const otherEditor = previewSegment(segmentId, ltvAtLeast(100_000), "editor-key-B");
      session.user = otherAdmin;
      const otherAdminSameKey = previewSegment(segmentId, ltvAtLeast(100_000), "editor-key-A");
      // All three wait on the lock: nothing was cancelled.
      await until("three waiting previews", previewBackends, (rows) => rows.length === 3);
      await release();
      for (const answer of await Promise.all([first, otherEditor, otherAdminSameKey])) expect(answer.ok && answer.data.ok).toBe(true);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
    }
  });
});

describe("the editors' phase argument", () => {
  test("'estimate' on a small database answers exactly, as without a phase; an unknown phase is refused", async () => {
    const exact = await previewSegment(segmentId, ltvAtLeast(10_000), "editor-key-P");
    const first = await previewSegment(segmentId, ltvAtLeast(10_000), "editor-key-P", "estimate");
    expect(exact.ok && exact.data.ok && exact.data.preview.estimate).toBeNull();
    expect(first).toEqual(exact);
    const scheme = { tiers: [{ key: "top", name: "Top", color: "#4f46e5", rule: ltvAtLeast(100_000) }] };
    const tiers = await previewTierScheme(scheme, "tier-editor-key-P", "estimate");
    expect(tiers.ok && tiers.data.ok && tiers.data.preview).toMatchObject({ estimate: null, tiers: [{ count: 2 }] });
    const refused = await previewSegment(segmentId, ltvAtLeast(10_000), "editor-key-P", "guess" as "exact");
    expect(refused).toMatchObject({ ok: false, code: "INVALID" });
  });
});
