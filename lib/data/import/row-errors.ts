import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { ERRORS_PAGE_SIZE, errorsCsvStream, readErrorsPage } from "@/lib/import/errors-file";
import type { RowError } from "@/lib/import/rows";
import { findJob } from "./jobs";

/** The bad rows of a job's last run (ADMIN only): a page at a time, or all of them as CSV. */

export interface RowErrorsPage {
  rows: RowError[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
}

export async function importErrorsPage(actor: Actor, jobId: string, page: number): Promise<RowErrorsPage> {
  assertRole(actor, "ADMIN");
  await findJob(jobId);
  const { rows, total } = await readErrorsPage(jobId, page);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / ERRORS_PAGE_SIZE)), size: ERRORS_PAGE_SIZE };
}

export async function importErrorsCsv(actor: Actor, jobId: string): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  const base = job.fileName.replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "import";
  return { stream: errorsCsvStream(job.id), fileName: `${base}-errors.csv` };
}
