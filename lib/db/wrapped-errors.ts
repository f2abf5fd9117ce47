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

/** Whether `error` or anything it wraps carries this SQLSTATE, wherever Prisma's driver adapter put it. */
export function hasSqlState(error: unknown, sqlState: string): boolean {
  for (const value of wrappedErrors(error)) if (value.code === sqlState || value.originalCode === sqlState) return true;
  return false;
}

/** 55P03 lock_not_available: a lock was not granted within lock_timeout, or at once under NOWAIT. */
export function isLockNotAvailable(error: unknown): boolean {
  return hasSqlState(error, "55P03");
}

/** 23505 unique_violation: a row with the same key is already there. */
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, "23505");
}

