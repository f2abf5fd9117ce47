/**
 * transactionWriter (lib/db/client.ts) sends an import's bulk statements on its transaction's own
 * connection, past Prisma's query compiler: what it writes is the transaction's (a temporary table
 * of the transaction's session, rolled back with it), a failure fails the transaction, and when
 * the connection cannot be found the statement goes through the transaction itself.
 */
import { afterAll, describe, expect, test } from "vitest";
import { db, transactionWriter } from "@/lib/db/client";
import { LONG_TRANSACTION } from "@/lib/db/transaction";

class Rollback extends Error {}

afterAll(() => db.$disconnect());

const rows = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => tx.$queryRawUnsafe<{ n: number; v: string }[]>("SELECT n, v FROM writer_probe ORDER BY n");
const insert = "INSERT INTO writer_probe (n, v) SELECT * FROM unnest($1::int[], $2::text[])";

describe("transactionWriter", () => {
  test("writes in the transaction's own session: its temporary table, seen by its next query, gone with its rollback", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("CREATE TEMP TABLE writer_probe (n int PRIMARY KEY, v text) ON COMMIT DROP");
        // Prisma's raw statements counted: none may carry the write.
        let throughPrisma = 0;
        const counted = {
          $queryRawUnsafe: tx.$queryRawUnsafe.bind(tx),
          $executeRawUnsafe: (...args: Parameters<typeof tx.$executeRawUnsafe>) => ((throughPrisma += 1), tx.$executeRawUnsafe(...args)),
        } as unknown as typeof tx;
        const write = await transactionWriter(counted);
        await write(insert, ["{1,2}", '{"a, \\"quoted\\"",NULL}']);
        expect(throughPrisma).toBe(0);
        expect(await rows(tx)).toEqual([
          { n: 1, v: 'a, "quoted"' },
          { n: 2, v: null },
        ]);
        throw new Rollback();
      }, LONG_TRANSACTION),
    ).rejects.toBeInstanceOf(Rollback);
  });

  test("a failing statement fails the transaction", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("CREATE TEMP TABLE writer_probe (n int PRIMARY KEY, v text) ON COMMIT DROP");
        const write = await transactionWriter(tx);
        await write(insert, ["{1,1}", "{a,b}"]);
      }, LONG_TRANSACTION),
    ).rejects.toThrow(/duplicate key/);
  });

  test("a connection it cannot find: the statement goes through the transaction", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("CREATE TEMP TABLE writer_probe (n int PRIMARY KEY, v text) ON COMMIT DROP");
        const elsewhere = { $queryRawUnsafe: async () => [{ pid: -1 }], $executeRawUnsafe: tx.$executeRawUnsafe.bind(tx) } as unknown as typeof tx;
        const write = await transactionWriter(elsewhere);
        await write(insert, ["{3}", "{c}"]);
        expect(await rows(tx)).toEqual([{ n: 3, v: "c" }]);
        throw new Rollback();
      }, LONG_TRANSACTION),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
