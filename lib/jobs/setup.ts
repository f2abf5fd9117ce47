/**
 * What every use of graphile-worker shares: its logger and its schema migrations. No
 * "server-only" here: the start and test scripts install the queue's schema through it
 * (scripts/lib/migrate.ts) under plain Node.
 */
import { Logger, runMigrations } from "graphile-worker";

/**
 * graphile-worker's own log: warnings and errors as one line each on the server log (a failed
 * job's stack trace is left out, as lib/log.ts does), its chatter dropped.
 */
export const queueLogger = new Logger(() => (level, message) => {
  const name = String(level);
  if (name === "error" || name === "warning") console.error(`[jobs] ${message.split("\n")[0]}`);
});

/**
 * Create or upgrade the queue's tables and functions (schema `graphile_worker`; the library
 * manages it, Prisma never sees it). Idempotent and safe when several instances start at once.
 */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: queueLogger, maxPoolSize: 2 });
}
