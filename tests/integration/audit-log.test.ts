import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "@/lib/data/audit-log";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";

const admin: Actor = { id: "u-admin", role: "ADMIN", email: "admin@test.local" };
const day = (d: string) => new Date(`${d}T00:00:00Z`);

beforeAll(async () => {
  await resetDatabase();
  const rows = [
    { at: new Date("2026-03-01T09:00:00Z"), actorEmail: "ann@test.local", action: "SIGN_IN" },
    { at: new Date("2026-03-01T23:59:59Z"), actorEmail: "bob@test.local", action: "EXPORT", details: { rows: 12 } },
    { at: new Date("2026-03-02T00:00:00Z"), actorEmail: "ANN@test.local", action: "EXPORT" },
    { at: new Date("2026-03-03T12:00:00Z"), actorEmail: "a_b@test.local", action: "USER_CREATED" },
    { at: new Date("2026-03-03T12:00:00Z"), actorEmail: "axb@test.local", action: "USER_CREATED" },
    { at: new Date("2026-03-04T08:00:00Z"), actorEmail: null, action: "SIGN_IN_FAILED" },
  ];
  for (const row of rows) await db.auditLog.create({ data: row });
  // Enough old entries for three pages.
  await db.auditLog.createMany({
    data: Array.from({ length: AUDIT_PAGE_SIZE * 2 + 5 }, (_, i) => ({ at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)), actorEmail: "old@test.local", action: "SIGN_IN" })),
  });
});

afterAll(() => db.$disconnect());

test("newest first, ties broken by the later entry, paginated", async () => {
  const first = await listAuditEntries(admin, { page: 1 });
  expect(first.total).toBe(6 + AUDIT_PAGE_SIZE * 2 + 5);
  expect(first.pageCount).toBe(3);
  expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
  expect(first.rows.slice(0, 3).map((r) => r.actorEmail)).toEqual([null, "axb@test.local", "a_b@test.local"]);
  const times = first.rows.map((r) => r.at.getTime());
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  const last = await listAuditEntries(admin, { page: 3 });
  expect(last.rows).toHaveLength(11);
  expect(last.rows.at(-1)?.at).toEqual(new Date(Date.UTC(2025, 0, 1, 0, 0, 0)));
  // A page past the end shows the last page rather than nothing.
  expect((await listAuditEntries(admin, { page: 99 })).page).toBe(3);
});

test("filters by action", async () => {
  const result = await listAuditEntries(admin, { action: "EXPORT", page: 1 });
  expect(result.rows.map((r) => r.actorEmail)).toEqual(["ANN@test.local", "bob@test.local"]);
  expect(result.rows[1]?.details).toEqual({ rows: 12 });
});

test("filters by part of the actor's e-mail, any case, with LIKE wildcards taken literally", async () => {
  const ann = await listAuditEntries(admin, { actorEmail: "ann@", page: 1 });
  expect(ann.rows.map((r) => r.actorEmail)).toEqual(["ANN@test.local", "ann@test.local"]);
  const underscore = await listAuditEntries(admin, { actorEmail: "a_b", page: 1 });
  expect(underscore.rows.map((r) => r.actorEmail)).toEqual(["a_b@test.local"]);
  for (const literal of ["%", "\\", "a%b"]) {
    expect((await listAuditEntries(admin, { actorEmail: literal, page: 1 })).total).toBe(0);
  }
});

test("filters by a date range, both days included (UTC)", async () => {
  const result = await listAuditEntries(admin, { from: day("2026-03-01"), to: day("2026-03-02"), page: 1 });
  expect(result.rows.map((r) => r.at.toISOString())).toEqual([
    "2026-03-02T00:00:00.000Z",
    "2026-03-01T23:59:59.000Z",
    "2026-03-01T09:00:00.000Z",
  ]);
  const from = await listAuditEntries(admin, { from: day("2026-03-03"), page: 1 });
  expect(from.total).toBe(3);
  const combined = await listAuditEntries(admin, { action: "USER_CREATED", actorEmail: "axb", to: day("2026-03-03"), page: 1 });
  expect(combined.rows.map((r) => r.actorEmail)).toEqual(["axb@test.local"]);
});
