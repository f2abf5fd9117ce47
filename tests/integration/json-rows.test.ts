/**
 * lib/db/json-rows.ts: reads through the pg pool directly, each row as JSON. Parameters are sent as
 * Prisma sends them (a Date as its UTC instant, bigint and Decimal as exact text, arrays), values come
 * back as JSON carries them, and an unreachable database is the friendly SERVICE_UNAVAILABLE error.
 */
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { jsonRows } from "@/lib/db/json-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

afterAll(() => db.$disconnect());

test("parameters arrive as Prisma sends them, and the columns come back by name as JSON", async () => {
  const at = new Date("2026-03-15T22:45:00.123Z");
  const [row] = await jsonRows<Record<string, unknown>>(Prisma.sql`
    SELECT ${at}::timestamp AS wall, ${at}::timestamptz = '2026-03-15 22:45:00.123+00' AS same_instant,
      ${9_007_199_254_740_993n}::bigint::text AS big, ${new Prisma.Decimal("12345.67")}::numeric AS money,
      ${[3, 1, 2]}::int[] AS ids, '2026-01-05'::date AS day, json_build_object('a', 1) AS nested, NULL::text AS nothing`);
  expect(row).toEqual({
    wall: "2026-03-15T22:45:00.123",
    same_instant: true,
    big: "9007199254740993",
    money: 12345.67,
    ids: [3, 1, 2],
    day: "2026-01-05",
    nested: { a: 1 },
    nothing: null,
  });
  // The same statement through Prisma compares the same instant.
  const [viaPrisma] = await db.$queryRaw<{ wall: Date }[]>`SELECT ${at}::timestamp AS wall`;
  expect(viaPrisma?.wall.toISOString()).toBe(at.toISOString());
});

test("no rows is an empty list; a SQL error is thrown as it is", async () => {
  await expect(jsonRows(Prisma.sql`SELECT 1 AS one WHERE false`)).resolves.toEqual([]);
  await expect(jsonRows(Prisma.sql`SELECT no_such_column FROM accounts`)).rejects.toThrow(/no_such_column/);
});

test("a database that cannot be reached is the friendly SERVICE_UNAVAILABLE error", async () => {
  // The pool of the process pointed at a port nothing listens on, for this one query.
  const shared = pool();
  const original = shared.query.bind(shared);
  const dead = new pg.Pool({ connectionString: "postgresql://nobody:x@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 });
  shared.query = dead.query.bind(dead) as typeof shared.query;
  try {
    const error = await jsonRows(Prisma.sql`SELECT 1 AS one`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("SERVICE_UNAVAILABLE");
  } finally {
    shared.query = original;
    await dead.end();
  }
});
