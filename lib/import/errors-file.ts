/**
 * A run's bad rows, one JSON object per line in line order, beside the upload: the dry-run page
 * reads them a page at a time and the admin downloads them as CSV, however many there are.
 */
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import readline from "node:readline";
import { CSV_BOM, csvRow } from "@/lib/utils/csv";
import type { RowError } from "./rows";
import { errorsPath } from "./storage";

export const ERRORS_PAGE_SIZE = 50;

export async function writeErrors(jobId: string, errors: readonly RowError[]): Promise<void> {
  const file = errorsPath(jobId);
  if (errors.length === 0) {
    await fs.rm(file, { force: true });
    return;
  }
  const handle = await fs.open(`${file}.tmp`, "w");
  try {
    const BATCH = 1000;
    for (let i = 0; i < errors.length; i += BATCH) {
      await handle.write(errors.slice(i, i + BATCH).map((e) => `${JSON.stringify(e)}\n`).join(""));
    }
  } finally {
    await handle.close();
  }
  await fs.rename(`${file}.tmp`, file);
}

async function* readErrors(jobId: string): AsyncGenerator<RowError> {
  let stream;
  try {
    await fs.access(errorsPath(jobId));
    stream = createReadStream(errorsPath(jobId), { encoding: "utf8" });
  } catch {
    return;
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line) yield JSON.parse(line) as RowError;
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** One page (1-based) of the errors, and how many there are. */
export async function readErrorsPage(jobId: string, page: number, size = ERRORS_PAGE_SIZE): Promise<{ rows: RowError[]; total: number }> {
  const start = (Math.max(1, page) - 1) * size;
  const rows: RowError[] = [];
  let total = 0;
  for await (const error of readErrors(jobId)) {
    if (total >= start && rows.length < size) rows.push(error);
    total += 1;
  }
  return { rows, total };
}

export const ERRORS_CSV_HEADER = ["Line", "Column", "Value", "Problem"] as const;

/** The errors as a CSV download (formula injection neutralised by lib/utils/csv). */
export function errorsCsvStream(jobId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = readErrors(jobId);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(ERRORS_CSV_HEADER)));
      }
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = await source.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const e = next.value;
        chunk += csvRow([e.line, e.column ?? "", e.value ?? "", e.reason]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
