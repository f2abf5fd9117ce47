import { AppError, UNAVAILABLE_DIGEST, UNAVAILABLE_ERROR } from "@/lib/errors";
import { wrappedErrors, type DriverErrorFields } from "./wrapped-errors";

/**
 * The one place that decides "the database cannot be reached right now" (PostgreSQL restarting,
 * failing over, the network gone) and turns such an error into the friendly AppError
 * SERVICE_UNAVAILABLE. The Prisma client maps every query's error through it (lib/db/client.ts),
 * and the route boundary checks it again for errors that did not pass the client (lib/http/route.ts).
 * The pg pool drops a broken connection by itself and the next query opens a new one, so the app
 * recovers without a restart once the database is back.
 */

/** Socket errors of a connection that cannot be opened or was cut. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * SQLSTATEs of a server going away or not there yet: 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up, shutting down), class 08 connection exceptions.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
/** Prisma's own codes: P1001 cannot reach the server, P1002 timed out reaching it, P1017 the server closed the connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
/** What the pg driver adapter calls these (meta.driverAdapterError.cause.kind). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** node-postgres reports a cut connection with a message only, no code. */
const MESSAGES = /Connection terminated|Can't reach database server|Server has closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/i;

function matches(value: DriverErrorFields): boolean {
  const codes = [value.code, value.originalCode].filter((code): code is string => typeof code === "string");
  if (codes.some((code) => SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code))) return true;
  if (typeof value.kind === "string" && ADAPTER_KINDS.has(value.kind)) return true;
  return typeof value.message === "string" && MESSAGES.test(value.message);
}

/** Whether `error` (or what it wraps: its cause, Prisma's driver adapter error) says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const value of wrappedErrors(error)) {
    if (value instanceof AppError) return value.code === "SERVICE_UNAVAILABLE";
    if (matches(value)) return true;
  }
  return false;
}

/**
 * The friendly error for an unreachable database. Its digest survives Next.js's error handling,
 * so the error pages show the database message. Next.js logs a failed page's error as it is:
 * with a one-line stack and its fields hidden from printing, that is one line per failed
 * request, not a stack trace each.
 */
export function databaseUnavailable(): AppError & { digest: string } {
  const error = new AppError("SERVICE_UNAVAILABLE", UNAVAILABLE_ERROR) as AppError & { digest: string };
  for (const [key, value] of [["code", error.code], ["fieldErrors", undefined], ["digest", UNAVAILABLE_DIGEST]] as const) {
    Object.defineProperty(error, key, { value, enumerable: false, writable: false, configurable: true });
  }
  error.stack = `AppError: ${UNAVAILABLE_ERROR}`;
  return error;
}

/** `error` as the friendly AppError when it means an unreachable database, else as it is. */
export function mapUnavailable(error: unknown): unknown {
  if (error instanceof AppError || !isDatabaseUnavailable(error)) return error;
  logOutage(error);
  return databaseUnavailable();
}

/** At most one line per few seconds while the database is out: a page's parallel queries all fail at once. */
const LOG_EVERY_MS = 5_000;
const globalForOutage = globalThis as unknown as { tierwiseOutageLoggedAt?: number; tierwiseOutageSuppressed?: number };

function logOutage(error: unknown): void {
  const now = Date.now();
  const last = globalForOutage.tierwiseOutageLoggedAt ?? 0;
  if (now - last < LOG_EVERY_MS) {
    globalForOutage.tierwiseOutageSuppressed = (globalForOutage.tierwiseOutageSuppressed ?? 0) + 1;
    return;
  }
  const suppressed = globalForOutage.tierwiseOutageSuppressed ?? 0;
  globalForOutage.tierwiseOutageLoggedAt = now;
  globalForOutage.tierwiseOutageSuppressed = 0;
  const reason = error instanceof Error ? error.message.replace(/\s+/g, " ").trim().slice(-200) : String(error);
  const more = suppressed > 0 ? ` (${suppressed} more since the last line)` : "";
  console.error(`[tierwise] database unavailable: ${reason}${more}`);
}
