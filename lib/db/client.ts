import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { mapUnavailable } from "./unavailable";

/**
 * The process's connection pool, shared by the Prisma client and the direct reads of
 * lib/db/json-rows.ts. Idle connections do not keep a script alive after its work (Prisma's
 * $disconnect leaves a pool it was given open).
 */
function createPool(): pg.Pool {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start and npm test set it for you)");
  const created = new pg.Pool({ connectionString, max: DATABASE_POOL_SIZE, allowExitOnIdle: true });
  // An idle connection cut by the server (a restart, a failover) is dropped by the pool; the next
  // query opens a new one or fails and is reported there. Without a listener the event would end
  // the process.
  created.on("error", () => {});
  // Each open connection by its server process id, for transactionWriter.
  created.on("connect", (client) => void connections.set(processId(client), client));
  created.on("remove", (client) => void connections.delete(processId(client)));
  return created;
}

/** The pool's open connections by their server process id. */
const connections = new Map<number | null, pg.PoolClient>();
/** node-postgres keeps it from the server's BackendKeyData; its types do not declare it. */
const processId = (client: pg.PoolClient) => (client as unknown as { processID: number | null }).processID;

/** One bulk statement with its parameters, in a transaction (transactionWriter). */
export type BulkWrite = (sql: string, values: readonly unknown[]) => Promise<void>;

/**
 * A bulk statement for the transaction `tx` (a Prisma interactive transaction on this pool), sent
 * on the transaction's own connection with node-postgres' parameters. Prisma's query compiler
 * copies every parameter in and out of its WebAssembly module: staging the 1.7 million values of
 * a 100,000-row accounts file took 0.4-0.5 s longer that way (docs/benchmarks.md, session 18).
 * The connection is found by its server process id; when it cannot be (another pool), the
 * statement goes through `tx`.
 * Call it only inside the transaction's callback and not beside the transaction's own queries
 * (they would queue on the one connection); errors are mapped as Prisma's are.
 */
export async function transactionWriter(tx: Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">): Promise<BulkWrite> {
  const [row] = await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
  const connection = connections.get(row?.pid ?? null);
  if (!connection) return async (sql, values) => void (await tx.$executeRawUnsafe(sql, ...values));
  return async (sql, values) => {
    try {
      await connection.query(sql, values as unknown[]);
    } catch (error) {
      throw mapUnavailable(error);
    }
  };
}

function createClient() {
  const client = new PrismaClient({
    adapter: new PrismaPg(pool()),
    // Password hashes are only ever read by the sign-in check, which asks for them explicitly.
    omit: { user: { passwordHash: true } },
  });
  const mapped = client.$extends({
    // Every query (models and raw SQL, inside transactions too): an unreachable database becomes
    // the friendly SERVICE_UNAVAILABLE error (lib/db/unavailable.ts), whoever called.
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw mapUnavailable(error);
        }
      },
    },
  });
  // A query-only extension changes no method or result type; keeping the plain client's type keeps
  // transaction clients assignable to Prisma.TransactionClient everywhere.
  return mapped as unknown as typeof client;
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { tierwiseDb?: Db; tierwisePool?: pg.Pool };

/** The one pg pool of the process (Prisma's too), created on first use. */
export function pool(): pg.Pool {
  globalForDb.tierwisePool ??= createPool();
  return globalForDb.tierwisePool;
}

function instance(): Db {
  // Kept on globalThis so dev reloads do not open new pools.
  globalForDb.tierwiseDb ??= createClient();
  return globalForDb.tierwiseDb;
}

/** A transaction that cannot even start (no connection) fails as its queries would. */
function mapTransaction(transaction: Db["$transaction"]): Db["$transaction"] {
  return ((...args: Parameters<Db["$transaction"]>) =>
    (transaction as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
      throw mapUnavailable(error);
    })) as Db["$transaction"];
}

/**
 * The one Prisma client of the process, created on first use (so `next build` can load the data
 * layer without a database; a missing DATABASE_URL or a bad DATABASE_POOL_SIZE fails at the first
 * query, naming the variable).
 */
export const db: Db = new Proxy({} as Db, {
  has: (_target, property) => Reflect.has(instance(), property),
  get(_target, property) {
    const client = instance();
    const value = Reflect.get(client, property, client);
    if (property === "$transaction") return mapTransaction(value.bind(client));
    return typeof value === "function" ? value.bind(client) : value;
  },
});
