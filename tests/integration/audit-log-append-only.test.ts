import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";

// The audit log's triggers (prisma/post-migrate.sql) refuse every way of changing or emptying it,
// whatever the role: even this test's connection, which owns the tables, is refused.

beforeAll(async () => {
  await resetDatabase();
  await db.auditLog.createMany({ data: [{ action: "SIGN_IN", actorEmail: "a@test.local" }, { action: "EXPORT" }] });
});

afterAll(() => db.$disconnect());

test.each([
  ["TRUNCATE", "TRUNCATE audit_log"],
  ["TRUNCATE ... CASCADE", "TRUNCATE audit_log RESTART IDENTITY CASCADE"],
  ["TRUNCATE with other tables", "TRUNCATE import_mappings, audit_log"],
  ["UPDATE", "UPDATE audit_log SET action = 'X'"],
  ["DELETE", "DELETE FROM audit_log"],
])("%s on audit_log fails and leaves the rows", async (_, sql) => {
  await expect(db.$executeRawUnsafe(sql)).rejects.toThrow(/audit_log is append-only/);
  expect(await db.auditLog.count()).toBe(2);
  expect(await db.auditLog.count({ where: { action: "X" } })).toBe(0);
});

test("the test reset can still empty it, and the trigger is back on afterwards", async () => {
  await resetDatabase();
  expect(await db.auditLog.count()).toBe(0);
  await db.auditLog.create({ data: { action: "SIGN_IN" } });
  await expect(db.$executeRawUnsafe("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  const rows = await db.$queryRaw<{ enabled: string }[]>`
    SELECT tgenabled::text AS enabled FROM pg_trigger WHERE tgname = 'audit_log_no_truncate'`;
  expect(rows.map((row) => row.enabled)).toEqual(["O"]);
});
