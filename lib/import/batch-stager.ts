/**
 * Staging rows in batches while the next batch is parsed: the database inserts one batch while
 * the CSV reader and row checks (JavaScript, the other core) work on the next, with at most one
 * INSERT in flight. Memory holds at most two batches, never the file.
 */
export interface BatchStager<R> {
  add(row: R): void;
  /** Send the rows gathered so far once there are `batchRows` of them (waits for the previous INSERT). */
  flushIfFull(): Promise<void>;
  /** Send the rest and wait for every INSERT; rethrows the first failure. */
  finish(): Promise<void>;
}

export function batchStager<R>(insert: (rows: R[]) => Promise<void>, batchRows: number): BatchStager<R> {
  let pending: R[] = [];
  let inflight: Promise<void> | null = null;
  const send = async () => {
    // The previous batch first: a failure surfaces here, and the order of lines is kept.
    if (inflight) await inflight;
    inflight = null;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    inflight = insert(rows);
    // Awaited at the next send or in finish; until then a rejection is not "unhandled".
    inflight.catch(() => {});
  };
  return {
    add: (row) => void pending.push(row),
    flushIfFull: async () => {
      if (pending.length >= batchRows) await send();
    },
    finish: async () => {
      await send();
      if (inflight) await inflight;
      inflight = null;
    },
  };
}
