import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { databaseUnavailable, isDatabaseUnavailable, mapUnavailable } from "./unavailable";

/** An error as node-postgres raises it for a server message (code = SQLSTATE). */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: "FATAL" });
}

describe("isDatabaseUnavailable", () => {
  test.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 })],
    ["connection reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["57P01 admin_shutdown", pgError("57P01", "terminating connection due to administrator command")],
    ["57P03 cannot_connect_now", pgError("57P03", "the database system is starting up")],
    ["a cut connection (no code)", new Error("Connection terminated unexpectedly")],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" })],
    [
      "Prisma raw query failure wrapping 57P01",
      Object.assign(new Error("Raw query failed."), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } } }),
    ],
    ["Prisma adapter DatabaseNotReachable", Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } })],
    ["a wrapped cause", new Error("job failed", { cause: new Error("Connection terminated due to connection timeout") })],
  ])("%s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = mapUnavailable(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: "SERVICE_UNAVAILABLE", digest: databaseUnavailable().digest });
  });

  test.each([
    ["a unique violation", pgError("23505", "duplicate key value violates unique constraint")],
    ["a syntax error", pgError("42601", "syntax error at or near")],
    ["an AppError", new AppError("NOT_FOUND", "No such account.")],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error", "ECONNREFUSED"],
  ])("not: %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(mapUnavailable(error)).toBe(error);
  });

  test("the friendly error logs as one line: no stack frames, no fields printed", () => {
    const error = databaseUnavailable();
    expect(error.stack).not.toContain("\n");
    expect(inspect(error)).not.toContain("\n");
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", digest: "TIERWISE_DATABASE_UNAVAILABLE" });
  });
});
