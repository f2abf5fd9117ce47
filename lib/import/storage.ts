/**
 * Uploaded files on disk: data/imports/<job id>.csv (TIERWISE_IMPORT_DIR overrides the folder),
 * written chunk by chunk as the browser sends them, and the job's error list beside it. A file
 * stays while its job may still be dry-run or committed; it is removed when the job is committed
 * or discarded, and files older than a week are swept.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from "./kinds";

const JOB_ID = /^[a-z0-9]{8,40}$/i;
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;

export function importDir(): string {
  // turbopackIgnore: a runtime data directory, not something the build should trace into its output.
  const fallback = path.join(/* turbopackIgnore: true */ process.cwd(), "data", "imports");
  return path.resolve(/* turbopackIgnore: true */ env().TIERWISE_IMPORT_DIR ?? fallback);
}

function fileFor(jobId: string, suffix: string): string {
  // Ids come from the database, but the path must never depend on anything else.
  if (!JOB_ID.test(jobId)) throw new Error(`invalid import job id ${JSON.stringify(jobId)}`);
  return path.join(/* turbopackIgnore: true */ importDir(), `${jobId}${suffix}`);
}

export const uploadPath = (jobId: string) => fileFor(jobId, ".csv");
export const errorsPath = (jobId: string) => fileFor(jobId, ".errors.jsonl");

// ---- What is accepted ----------------------------------------------------

/** Content types browsers send for .csv files (Windows with Excel installed says vnd.ms-excel). */
const CSV_TYPES = new Set(["", "text/csv", "text/plain", "text/x-csv", "application/csv", "application/x-csv", "application/vnd.ms-excel", "application/octet-stream"]);

/** The reason a file cannot be a CSV, judged by its name, type and size, or null. */
export function fileProblem(fileName: string, contentType: string, size: number): string | null {
  const lower = fileName.toLowerCase();
  if (/\.xlsx?$|\.xlsm$|\.numbers$|\.ods$/.test(lower)) {
    return "That is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8 (Comma delimited)” and upload that.";
  }
  if (!lower.endsWith(".csv")) return "Choose a .csv file.";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (!CSV_TYPES.has(type)) return `The file was sent as ${type}, not as CSV. Choose a .csv file.`;
  if (size <= 0) return "The file is empty.";
  if (size > MAX_FILE_BYTES) return `The file is ${formatBytes(size)}; the limit is ${MAX_FILE_LABEL}. Split it into smaller files.`;
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The reason the first bytes of a file say it is not text, or null. */
export function sniffProblem(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return "That is an Excel workbook renamed to .csv. Open it in Excel, save it as “CSV UTF-8 (Comma delimited)” and upload that.";
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return "The file is saved as UTF-16 (“Unicode Text”). Save it as “CSV UTF-8” and upload it again.";
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return "That is a PDF, not a CSV file.";
  return binaryProblem(head);
}

/** NUL bytes never occur in a UTF-8 text file. */
export function binaryProblem(bytes: Uint8Array): string | null {
  return bytes.includes(0) ? "The file contains binary data (NUL bytes), so it is not a CSV text file." : null;
}

// ---- Writing uploads ------------------------------------------------------

export async function createUploadFile(jobId: string): Promise<void> {
  await fs.mkdir(importDir(), { recursive: true });
  await fs.writeFile(uploadPath(jobId), new Uint8Array(), { flag: "wx" });
}

/**
 * Append one chunk at `offset` (which must be the file's current size, so a retried or
 * out-of-order chunk is refused rather than corrupting the file). Every chunk is checked for
 * binary content; the first one also for workbook, PDF and UTF-16 signatures. On any problem
 * the file is cut back to `offset` and an AppError says why.
 */
export async function appendChunk(jobId: string, offset: number, chunks: AsyncIterable<Uint8Array>, declaredSize: number): Promise<number> {
  const file = uploadPath(jobId);
  const handle = await fs.open(file, "r+");
  let written = 0;
  const size = (await handle.stat()).size;
  if (size !== offset) {
    // Nothing of this part is written: the file stays as it is.
    await handle.close();
    throw new AppError("CONFLICT", `The upload expected the part starting at byte ${size}, not ${offset}.`);
  }
  try {
    for await (const chunk of chunks) {
      const problem = offset + written === 0 ? sniffProblem(chunk) : binaryProblem(chunk);
      if (problem) throw new AppError("INVALID", problem);
      if (offset + written + chunk.byteLength > Math.min(declaredSize, MAX_FILE_BYTES)) {
        throw new AppError("INVALID", `The file is larger than announced or than the ${MAX_FILE_LABEL} limit.`);
      }
      await handle.write(chunk, 0, chunk.byteLength, offset + written);
      written += chunk.byteLength;
    }
    return offset + written;
  } catch (error) {
    await handle.truncate(offset).catch(() => {});
    throw error;
  } finally {
    await handle.close();
  }
}

export async function uploadedSize(jobId: string): Promise<number> {
  try {
    return (await fs.stat(uploadPath(jobId))).size;
  } catch {
    return -1;
  }
}

export async function removeImportFiles(jobId: string): Promise<void> {
  await Promise.all([fs.rm(uploadPath(jobId), { force: true }), fs.rm(errorsPath(jobId), { force: true })]);
}

/**
 * The names Tierwise writes in the import folder: <job id>.csv, <job id>.errors.jsonl and the
 * latter's .tmp while it is written (lib/import/errors-file.ts), where a job id is a Prisma cuid
 * ("c" and 24 lowercase letters or digits). The folder may be shared (TIERWISE_IMPORT_DIR), so a
 * name like "customers.csv" is never taken for ours.
 */
export const OWN_FILE = /^c[a-z0-9]{24}(?:\.csv|\.errors\.jsonl(?:\.tmp)?)$/;

/**
 * Remove Tierwise's own import files older than a week (abandoned uploads). Best effort. Only
 * names it writes, and only regular files: lstat, so a symlink (even one to an old file of ours)
 * and a directory are left alone.
 */
export async function sweepOldFiles(now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(/* turbopackIgnore: true */ importDir());
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => OWN_FILE.test(name))
      .map(async (name) => {
        const file = path.join(/* turbopackIgnore: true */ importDir(), name);
        try {
          const stat = await fs.lstat(/* turbopackIgnore: true */ file);
          if (stat.isFile() && now - stat.mtimeMs > MAX_AGE_MS) await fs.rm(file, { force: true });
        } catch {
          // Gone already, or not ours to remove.
        }
      }),
  );
}
