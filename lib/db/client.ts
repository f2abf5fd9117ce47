import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start and npm test set it for you)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
    // Password hashes are only ever read by the sign-in check, which asks for them explicitly.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { tierwiseDb?: Db };

/** The one Prisma client of the process (kept on globalThis so dev reloads do not open new pools). */
export const db: Db = globalForDb.tierwiseDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.tierwiseDb = db;
