import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const { DATABASE_URL: connectionString, DATABASE_POOL_SIZE } = env();
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start and npm test set it for you)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: DATABASE_POOL_SIZE }),
    // Password hashes are only ever read by the sign-in check, which asks for them explicitly.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { tierwiseDb?: Db };

function instance(): Db {
  // Kept on globalThis so dev reloads do not open new pools.
  globalForDb.tierwiseDb ??= createClient();
  return globalForDb.tierwiseDb;
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
    return typeof value === "function" ? value.bind(client) : value;
  },
});
