import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "../support/reset-db";

beforeAll(resetDatabase);
afterAll(() => db.$disconnect());

test("the audit log refuses updates and deletes", async () => {
  const entry = await db.auditLog.create({ data: { action: "TEST", actorEmail: "a@b.c" } });
  await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: "CHANGED" } })).rejects.toThrow();
  await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow();
  expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe("TEST");
});
