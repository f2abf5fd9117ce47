import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isBlankRecord, readCsvRecords } from "@/lib/import/csv-reader";
import { ImportFileError } from "@/lib/import/file-error";
import { adaptMapping, headerNames, recogniseHeaders } from "@/lib/import/headers";
import { EMPTY_SUMMARY, type ImportJobView, type ImportSummary } from "@/lib/import/job";
import { saveSummary, summaryOf, transition } from "@/lib/import/job-store";
import { isImportKind } from "@/lib/import/kinds";
import { appendChunk, createUploadFile, fileProblem, removeImportFiles, sweepOldFiles, uploadPath, uploadedSize } from "@/lib/import/storage";
import { logUnexpected } from "@/lib/log";
import type { UploadStart } from "@/lib/validation/import";
import { findJob, getImportJob } from "./jobs";

/**
 * Uploading a file (ADMIN only): the job is created, the file arrives in parts, and once it is
 * whole its header and a sample are read and a mapping is proposed.
 */

const SAMPLE_ROWS = 3;
const SAMPLE_CELL_CHARS = 80;

export async function createUpload(actor: Actor, input: UploadStart): Promise<{ id: string }> {
  assertRole(actor, "ADMIN");
  const problem = fileProblem(input.fileName, input.contentType, input.size);
  if (problem) throw new AppError("INVALID", problem);
  void sweepOldFiles();
  const summary: ImportSummary = { ...EMPTY_SUMMARY, fileSize: input.size };
  if (input.replaces) {
    const previous = await db.importJob.findUnique({ where: { id: input.replaces } });
    const previousMapping = previous && previous.kind === input.kind ? summaryOf(previous).mapping : null;
    if (previousMapping) summary.mapping = previousMapping;
  }
  const job = await db.importJob.create({
    data: {
      kind: input.kind,
      fileName: input.fileName.slice(0, 255),
      status: "UPLOADING",
      createdById: actor.id,
      summary: summary as unknown as Prisma.InputJsonValue,
    },
  });
  await createUploadFile(job.id);
  return { id: job.id };
}

/** Append the next part of the file; returns the bytes received so far. */
export async function appendUpload(actor: Actor, jobId: string, offset: number, body: AsyncIterable<Uint8Array>): Promise<number> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  if (job.status !== "UPLOADING") throw new AppError("CONFLICT", "This upload is already complete.");
  try {
    return await appendChunk(job.id, offset, body, summaryOf(job).fileSize);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID") await abandonUpload(job.id, error.message);
    throw error;
  }
}

async function abandonUpload(jobId: string, message: string): Promise<void> {
  await transition(jobId, ["UPLOADING"], "DISCARDED", { finishedAt: new Date() });
  await removeImportFiles(jobId);
  console.info(`import ${jobId} upload refused: ${message}`);
}

/** The whole file has arrived: read its header and a sample, count its rows, propose a mapping. */
export async function completeUpload(actor: Actor, jobId: string): Promise<ImportJobView> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  if (job.status !== "UPLOADING") return (await getImportJob(actor, jobId))!;
  const summary = summaryOf(job);
  const received = await uploadedSize(job.id);
  if (received !== summary.fileSize) {
    throw new AppError("INVALID", `Only ${received} of ${summary.fileSize} bytes arrived. Upload the file again.`);
  }

  let headers: string[] | null = null;
  const sample: string[][] = [];
  let rows = 0;
  try {
    for await (const batch of readCsvRecords(uploadPath(job.id))) {
      for (const record of batch) {
        if (!headers) {
          headers = headerNames(record.cells);
          continue;
        }
        if (isBlankRecord(record.cells)) continue;
        rows += 1;
        if (sample.length < SAMPLE_ROWS) sample.push(record.cells.map((c) => c.slice(0, SAMPLE_CELL_CHARS)));
      }
    }
  } catch (error) {
    // A file-level problem the reader names (a record past its length cap) is said as is.
    if (error instanceof ImportFileError) {
      await abandonUpload(job.id, error.message);
      throw new AppError("INVALID", error.message);
    }
    logUnexpected(`import ${job.id}: reading the upload`, error);
    await abandonUpload(job.id, "unreadable");
    throw new AppError("INVALID", "The file could not be read as text. Save it as “CSV UTF-8” and upload it again.");
  }
  if (!headers || headers.every((h) => /^Column \d+$/.test(h))) {
    await abandonUpload(job.id, "no header");
    throw new AppError("INVALID", "The file has no header row. The first line must name the columns.");
  }
  if (rows === 0) {
    await abandonUpload(job.id, "no rows");
    throw new AppError("INVALID", "The file has a header row but no data rows.");
  }
  const kind = isImportKind(job.kind) ? job.kind : "accounts";
  const seen = new Set<string>();
  const duplicateHeaders = headers.filter((h) => (seen.has(h) ? true : (seen.add(h), false)));
  const mapping = summary.mapping ? adaptMapping(kind, summary.mapping, headers) : recogniseHeaders(kind, headers);
  const next: ImportSummary = {
    ...summary,
    receivedBytes: received,
    headers,
    sample,
    duplicateHeaders: [...new Set(duplicateHeaders)],
    mapping,
    mappingSource: summary.mapping ? "previous upload" : "recognised",
  };
  await saveSummary(job.id, next, { status: "UPLOADED", totalRows: rows });
  return (await getImportJob(actor, jobId))!;
}
