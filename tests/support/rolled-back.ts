import { db } from "@/lib/db/client";
import { LONG_TRANSACTION } from "@/lib/db/transaction";

/** A transaction of the Prisma client, as `db.$transaction` passes it. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

class Rollback extends Error {
  constructor(readonly result: unknown) {
    super("rolled back");
  }
}

/** Run `work` in a transaction that is then rolled back; returns what `work` returned. */
export async function rolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.$transaction(async (tx) => {
      throw new Rollback(await work(tx));
    }, LONG_TRANSACTION);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
  throw new Error("unreachable: the transaction always rolls back");
}
