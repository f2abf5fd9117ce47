import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ImportJob, Prisma } from "@/lib/generated/prisma/client";
import { isBlankRecord, readCsvRecords } from "@/lib/import/csv-reader";
import { errorsCsvStream, readErrorsPage, writeErrors, ERRORS_PAGE_SIZE } from "@/lib/import/errors-file";
import { adaptMapping, checkMapping, headerNames, recogniseHeaders, type MappingProblem } from "@/lib/import/headers";
import {
  EMPTY_SUMMARY,
  HEARTBEAT_MS,
  RUNNING_STATUSES,
  STALE_AFTER_MS,
  isImportStatus,
  mappingKey,
  type ImportJobView,
  type ImportStatus,
  type ImportSummary,
  type RunMode,
  type RunPhase,
  type SavedMapping,
} from "@/lib/import/job";
import { isImportKind, type ColumnMapping, type ImportKind } from "@/lib/import/kinds";
import type { RowError } from "@/lib/import/rows";
export type { SavedMapping };
import { ImportFileError, runImport, type RunOutcome } from "@/lib/import/run";
import { cleanMapping } from "@/lib/validation/import";
import { appendChunk, createUploadFile, fileProblem, removeImportFiles, sweepOldFiles, uploadPath, uploadedSize } from "@/lib/import/storage";

/**
 * Data access for CSV imports (ADMIN only): uploads, the job's state, saved mappings, dry runs
 * and commits. Runs are started here and continue in the background; the page polls the job.
 */

const SAMPLE_ROWS = 3;
const SAMPLE_CELL_CHARS = 80;
const RECENT_JOBS = 12;

/** Thrown for a mapping that does not fit the file; the page shows each message by its field. */
export class MappingError extends AppError {
  constructor(readonly problems: MappingProblem[]) {
    super("INVALID", problems[0]?.message ?? "The mapping does not fit the file.");
  }
}

// ---- Reading jobs ------------------------------------------------------------

function summaryOf(job: Pick<ImportJob, "summary">): ImportSummary {
  const stored = job.summary && typeof job.summary === "object" && !Array.isArray(job.summary) ? (job.summary as Partial<ImportSummary>) : {};
  return { ...EMPTY_SUMMARY, ...stored };
}

function statusOf(job: Pick<ImportJob, "status">): ImportStatus {
  return isImportStatus(job.status) ? job.status : "FAILED";
}

function toView(job: ImportJob, users: ReadonlyMap<string, { name: string; email: string }>, now = Date.now()): ImportJobView {
  const summary = summaryOf(job);
  const status = statusOf(job);
  const heartbeat = summary.progress ? Date.parse(summary.progress.heartbeatAt) : job.createdAt.getTime();
  return {
    id: job.id,
    kind: isImportKind(job.kind) ? job.kind : "accounts",
    fileName: job.fileName,
    status,
    totalRows: job.totalRows,
    processed: job.processed,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdBy: job.createdById ? (users.get(job.createdById) ?? null) : null,
    summary,
    stale: RUNNING_STATUSES.includes(status) && now - heartbeat > STALE_AFTER_MS,
  };
}

async function usersById(ids: (string | null)[]): Promise<Map<string, { name: string; email: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}

async function findJob(jobId: string): Promise<ImportJob> {
  const job = typeof jobId === "string" && jobId.length <= 40 ? await db.importJob.findUnique({ where: { id: jobId } }) : null;
  if (!job) throw new AppError("NOT_FOUND", "That import no longer exists. Start again by uploading the file.");
  return job;
}

export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJobView | null> {
  assertRole(actor, "ADMIN");
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) return null;
  return toView(job, await usersById([job.createdById]));
}

export async function listImportJobs(actor: Actor, limit = RECENT_JOBS): Promise<ImportJobView[]> {
  assertRole(actor, "ADMIN");
  const jobs = await db.importJob.findMany({ where: { status: { notIn: ["UPLOADING", "DISCARDED"] } }, orderBy: { createdAt: "desc" }, take: limit });
  const users = await usersById(jobs.map((j) => j.createdById));
  return jobs.map((job) => toView(job, users));
}

async function saveSummary(jobId: string, summary: ImportSummary, data: Prisma.ImportJobUpdateInput = {}): Promise<void> {
  await db.importJob.update({ where: { id: jobId }, data: { ...data, summary: summary as unknown as Prisma.InputJsonValue } });
}

/** Move a job from one of `from` to `to`; false when another request got there first. */
async function transition(jobId: string, from: readonly ImportStatus[], to: ImportStatus, data: Prisma.ImportJobUpdateManyMutationInput = {}): Promise<boolean> {
  const { count } = await db.importJob.updateMany({ where: { id: jobId, status: { in: [...from] } }, data: { ...data, status: to } });
  return count === 1;
}

// ---- Uploading -----------------------------------------------------------------

export interface UploadStart {
  kind: ImportKind;
  fileName: string;
  size: number;
  contentType: string;
  /** The job whose file this one corrects: its mapping carries over. */
  replaces?: string | null;
}

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
    console.error(`import ${job.id}: reading the upload failed`, error);
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

// ---- Saved mappings --------------------------------------------------------------

function toSavedMapping(row: { id: number; kind: string; name: string; mapping: unknown; createdAt: Date }): SavedMapping | null {
  if (!isImportKind(row.kind)) return null;
  const mapping = row.mapping as Partial<ColumnMapping> | null;
  if (!mapping || typeof mapping !== "object" || typeof mapping.fields !== "object") return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mapping: { fields: { ...mapping.fields }, dateFormat: mapping.dateFormat === "DMY" ? "DMY" : "MDY" },
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSavedMappings(actor: Actor): Promise<SavedMapping[]> {
  assertRole(actor, "ADMIN");
  const rows = await db.importMapping.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });
  return rows.flatMap((row) => toSavedMapping(row) ?? []);
}

/** Save (or overwrite, by kind and name) a mapping for next time. */
export async function saveMapping(actor: Actor, input: { kind: ImportKind; name: string; mapping: ColumnMapping }): Promise<SavedMapping> {
  assertRole(actor, "ADMIN");
  const mapping = { fields: input.mapping.fields, dateFormat: input.mapping.dateFormat } as unknown as Prisma.InputJsonValue;
  const row = await db.importMapping.upsert({
    where: { kind_name: { kind: input.kind, name: input.name } },
    create: { kind: input.kind, name: input.name, mapping, createdById: actor.id },
    update: { mapping, createdById: actor.id },
  });
  return toSavedMapping(row)!;
}

export async function deleteSavedMapping(actor: Actor, id: number): Promise<void> {
  assertRole(actor, "ADMIN");
  await db.importMapping.deleteMany({ where: { id } });
}

// ---- Runs ----------------------------------------------------------------------------

const RESTARTABLE: readonly ImportStatus[] = ["UPLOADED", "CHECKED", "HAS_ERRORS", "FAILED"];

/** Statuses a dry run may start from; a stale running job (the server restarted) counts as failed. */
function canStartDryRun(view: ImportJobView): boolean {
  return RESTARTABLE.includes(view.status) || view.stale;
}

/**
 * Check the mapping against the file and start a dry run. With `wait` the call returns when the
 * run ends (tests, scripts); otherwise at once, and the page polls the job.
 */
export async function startDryRun(actor: Actor, jobId: string, mapping: ColumnMapping, options: { wait?: boolean } = {}): Promise<ImportJobView> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  const view = toView(job, new Map());
  if (!canStartDryRun(view)) {
    throw new AppError("CONFLICT", view.status === "COMMITTED" ? "This file has already been imported." : "This import is busy; wait for it to finish.");
  }
  // Only the kind's fields, only mapped ones: whatever else the client sent is dropped.
  mapping = cleanMapping(view.kind, mapping);
  const problems = checkMapping(view.kind, mapping, view.summary.headers);
  if (problems.length) throw new MappingError(problems);

  const previousKey = view.summary.mapping ? mappingKey(view.summary.mapping) : null;
  const summary: ImportSummary = {
    ...view.summary,
    mapping,
    mappingSource: previousKey === mappingKey(mapping) ? view.summary.mappingSource : "edited",
    dryRun: null,
    failure: null,
    progress: newProgress("dryRun"),
  };
  const from = view.stale ? [view.status] : RESTARTABLE;
  if (!(await transition(job.id, from, "CHECKING", { processed: 0, finishedAt: null }))) {
    throw new AppError("CONFLICT", "This import is busy; wait for it to finish.");
  }
  await saveSummary(job.id, summary);
  const run = execute(actor, job, view.kind, summary, "dryRun");
  if (options.wait) await run;
  else void run;
  return (await getImportJob(actor, jobId))!;
}

/** Commit a checked file: only after a clean dry run, with the mapping that dry run used. */
export async function startCommit(actor: Actor, jobId: string, options: { wait?: boolean } = {}): Promise<ImportJobView> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  const view = toView(job, new Map());
  if (view.status === "COMMITTED") throw new AppError("CONFLICT", "This file has already been imported.");
  const dryRun = view.summary.dryRun;
  if (view.status === "HAS_ERRORS" || (dryRun && dryRun.errorCount > 0)) {
    throw new AppError("INVALID", "Some rows have problems. Fix the file or the mapping and run the dry run again: nothing is imported until every row is valid.");
  }
  if (view.status !== "CHECKED" || !dryRun || !view.summary.mapping || mappingKey(dryRun.mapping) !== mappingKey(view.summary.mapping)) {
    throw new AppError("INVALID", "Run a dry run first: the import is committed only after a dry run with the same mapping.");
  }
  const summary: ImportSummary = { ...view.summary, failure: null, progress: newProgress("commit") };
  if (!(await transition(job.id, ["CHECKED"], "COMMITTING", { processed: 0 }))) {
    throw new AppError("CONFLICT", "This import is busy; wait for it to finish.");
  }
  await saveSummary(job.id, summary);
  const run = execute(actor, job, view.kind, summary, "commit");
  if (options.wait) await run;
  else void run;
  return (await getImportJob(actor, jobId))!;
}

function newProgress(mode: RunMode): ImportSummary["progress"] {
  const now = new Date().toISOString();
  return { mode, phase: "waiting", startedAt: now, heartbeatAt: now };
}

/** Run, report progress, and record the outcome on the job. Never throws. */
async function execute(actor: Actor, job: ImportJob, kind: ImportKind, summary: ImportSummary, mode: RunMode): Promise<void> {
  let phase: RunPhase = "waiting";
  let processed = 0;
  let lastWrite = 0;
  const beat = async (force = false) => {
    const now = Date.now();
    if (!force && now - lastWrite < 750) return;
    lastWrite = now;
    summary.progress = { ...summary.progress!, phase, heartbeatAt: new Date(now).toISOString() };
    await saveSummary(job.id, summary, { processed }).catch((error) => console.error(`import ${job.id}: progress not saved`, error));
  };
  const heartbeat = setInterval(() => void beat(true), HEARTBEAT_MS);
  heartbeat.unref?.();

  let outcome: RunOutcome | null = null;
  let failure: string | null = null;
  try {
    outcome = await runImport({
      jobId: job.id,
      kind,
      fileName: job.fileName,
      path: uploadPath(job.id),
      mapping: summary.mapping!,
      mode,
      actor,
      onProgress: async (progress) => {
        const changed = progress.phase !== phase;
        phase = progress.phase;
        processed = progress.processed;
        await beat(changed);
      },
    });
  } catch (error) {
    if (error instanceof ImportFileError) failure = error.message;
    else {
      console.error(`import ${job.id} (${mode}) failed`, error);
      failure =
        mode === "commit"
          ? "The import failed and nothing was written: every change was rolled back. Try again; if it keeps failing, check the file."
          : "The dry run failed on our side; nothing was changed. Try again.";
    }
  } finally {
    clearInterval(heartbeat);
  }

  const finishedAt = new Date();
  summary.progress = null;
  if (!outcome) {
    summary.failure = { mode, message: failure ?? "The import failed.", at: finishedAt.toISOString() };
    await saveSummary(job.id, summary, { status: "FAILED", finishedAt });
    return;
  }
  const { report, errors } = outcome;
  await writeErrors(job.id, errors).catch((error) => console.error(`import ${job.id}: errors not saved`, error));
  if (mode === "dryRun" || outcome.refused) {
    summary.dryRun = report;
    if (outcome.refused) {
      summary.failure = {
        mode,
        message: `Nothing was imported: ${report.errorCount.toLocaleString("en-US")} ${report.errorCount === 1 ? "row has" : "rows have"} problems the dry run did not find (the data changed since). Review them below.`,
        at: finishedAt.toISOString(),
      };
    }
    await saveSummary(job.id, summary, { status: report.errorCount > 0 ? "HAS_ERRORS" : "CHECKED", processed: report.rows, totalRows: report.rows, finishedAt });
    return;
  }
  summary.commit = report;
  await saveSummary(job.id, summary, { status: "COMMITTED", processed: report.rows, totalRows: report.rows, finishedAt });
  await removeImportFiles(job.id).catch(() => {});
}

/** Forget an upload that will not be committed: its file goes too. */
export async function discardImport(actor: Actor, jobId: string): Promise<void> {
  assertRole(actor, "ADMIN");
  const job = await findJob(jobId);
  const view = toView(job, new Map());
  if (RUNNING_STATUSES.includes(view.status) && !view.stale) throw new AppError("CONFLICT", "Wait for the run to finish before discarding the import.");
  if (view.status === "COMMITTED") return;
  await transition(job.id, [view.status], "DISCARDED", { finishedAt: new Date() });
  await removeImportFiles(job.id);
}

// ---- Errors ------------------------------------------------------------------------------

export async function importErrorsPage(actor: Actor, jobId: string, page: number): Promise<{ rows: RowError[]; total: number; page: number; pageCount: number; size: number }> {
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
