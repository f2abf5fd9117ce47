/** An error's fields the database layers fill in (pg, Prisma's driver adapter, Prisma itself). */
export type DriverErrorFields = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

/**
 * `error` and everything it wraps, breadth first: its cause, and Prisma's driver adapter error
 * and that error's cause (where pg's SQLSTATE ends up). Each object once.
 */
export function* wrappedErrors(error: unknown): Generator<DriverErrorFields & object> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const value = queue.shift();
    if (!value || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    const fields = value as DriverErrorFields & object;
    yield fields;
    const adapter = (fields.meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError;
    queue.push(fields.cause, adapter, adapter?.cause);
  }
}
