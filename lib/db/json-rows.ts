import { Prisma } from "@/lib/generated/prisma/client";
import { pool } from "./client";
import { mapUnavailable } from "./unavailable";

/** A parameter as node-postgres should send it: times as UTC ISO text (as Prisma sends them), bigint and Decimal as their exact text. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(parameter);
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  return value;
}

/**
 * The rows of a read, each as one JSON object (`row_to_json`: the columns by their names; numbers,
 * text, booleans, arrays and JSON as themselves, timestamps and dates as text), through the
 * process's pg pool directly. For the reads of every request (the session, the data stamp) and of
 * the account page: Prisma's raw queries cost ~0.3 ms of Node CPU each on these machines, node-postgres
 * ~0.1 ms (docs/benchmarks.md, "Session 9: the account page, the session read, and the result"). Write a query's columns so JSON carries
 * them exactly: epoch milliseconds or text for times, ::float8 or ::text for numeric, ::int or text
 * for bigint. Outside transactions only (a transaction's reads go through its Prisma client).
 * An unreachable database fails as through Prisma: the friendly SERVICE_UNAVAILABLE error.
 */
export async function jsonRows<T>(query: Prisma.Sql): Promise<T[]> {
  try {
    const result = await pool().query<{ r: string }>(`SELECT row_to_json(q)::text AS r FROM (${query.text}) AS q`, query.values.map(parameter));
    return result.rows.map((row) => JSON.parse(row.r) as T);
  } catch (error) {
    throw mapUnavailable(error);
  }
}
