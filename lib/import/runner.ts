import "server-only";
import { z } from "@/lib/validation/zod";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import type { ImportJob } from "@/lib/generated/prisma/client";
import { logUnexpected } from "@/lib/log";
import { writeErrors } from "./errors-file";
import { HEARTBEAT_MS, type ImportSummary, type RunMode, type RunPhase } from "./job";
import { saveSummary, statusOf, summaryOf } from "./job-store";
import { isImportKind, type ImportKind } from "./kinds";
import { ImportFileError, runImport, type RunOutcome } from "./run";
import { removeImportFiles, uploadPath } from "./storage";

/** Progress is written at most this often (the page polls; a phase change is written at once). */
const PROGRESS_WRITE_MS = 750;

/** The "import-run" job's payload (lib/data/import/runs.ts enqueues it when it claims the import). */
export const importRunPayload = z.object({
  importJobId: z.string(),
  mode: z.enum(["dryRun", "commit"]),
  /** The claim's start time (summary.progress.startedAt): a run started again since is another claim. */
  claim: z.string(),
  actor: z.object({ id: z.string(), email: z.string().optional() }),
  /** For the admin Jobs page. */
  fileName: z.string(),
});
export type ImportRunPayload = z.infer<typeof importRunPayload>;

/**
 * The "import-run" job. Runs the claimed dry run or commit unless the import has moved on (it
 * finished, was discarded, or was started again: a later claim has its own job). After a crash
 * a dry run is run again by the queue; an interrupted commit (one transaction, so nothing of it
 * was kept) goes back to "ready to commit" for the admin to start again
 * (lib/data/import/interrupted.ts), never replayed behind their back.
 */
export async function runQueuedImport(payload: unknown): Promise<void> {
  const { importJobId, mode, claim, actor } = importRunPayload.parse(payload);
  const job = await db.importJob.findUnique({ where: { id: importJobId } });
  if (!job || statusOf(job) !== (mode === "dryRun" ? "CHECKING" : "COMMITTING")) return;
  const summary = summaryOf(job);
  if (summary.progress?.startedAt !== claim || !summary.mapping) return;
  // Only an ADMIN can claim a run (lib/data/import/runs.ts checks); the run acts as that admin.
  await runInBackground({ id: actor.id, role: "ADMIN", email: actor.email }, job, isImportKind(job.kind) ? job.kind : "accounts", summary, mode);
}

/**
 * A dry run or commit outside the request that started it (the "import-run" job): runs the
 * import, keeps the job's progress and heartbeat current while it runs (a job whose heartbeat
 * stops is stale and can be restarted), and records the outcome on the job. Never throws: a
 * failure is recorded as the job's failure.
 */
export async function runInBackground(actor: Actor, job: Pick<ImportJob, "id" | "fileName">, kind: ImportKind, summary: ImportSummary, mode: RunMode): Promise<void> {
  let phase: RunPhase = "waiting";
  let processed = 0;
  let lastWrite = 0;
  const beat = async (force = false) => {
    const now = Date.now();
    if (!force && now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    summary.progress = { ...summary.progress!, phase, heartbeatAt: new Date(now).toISOString() };
    await saveSummary(job.id, summary, { processed }).catch((error: unknown) => logUnexpected(`import ${job.id}: saving progress`, error));
  };
  const heartbeat = setInterval(() => void beat(true), HEARTBEAT_MS);
  heartbeat.unref?.();

  let outcome: RunOutcome | null = null;
  let failure: string | null = null;
  let fileGone = false;
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
    else if (isMissing(error, uploadPath(job.id))) {
      // Swept after a week unused (storage.ts), or this app instance does not share the folder the
      // upload went to: the admin can only upload it again; the log says where it was looked for.
      console.error(`[tierwise] import ${job.id} (${mode}): its upload ${uploadPath(job.id)} is gone (swept, or TIERWISE_IMPORT_DIR is not shared by every instance)`);
      failure = `The uploaded file is no longer on the server, so nothing was ${mode === "commit" ? "written" : "changed"}. Upload the file again.`;
      fileGone = true;
    } else {
      logUnexpected(`import ${job.id} (${mode})`, error);
      failure =
        mode === "commit"
          ? "The import failed and nothing was written: every change was rolled back. Try again; if it keeps failing, check the file."
          : "The dry run failed on our side; nothing was changed. Try again.";
    }
  } finally {
    clearInterval(heartbeat);
  }
  await record(job.id, summary, mode, outcome, failure, fileGone);
}

/** The run's outcome on the job: its report, its status, and its bad rows beside the upload. */
async function record(jobId: string, summary: ImportSummary, mode: RunMode, outcome: RunOutcome | null, failure: string | null, fileGone: boolean): Promise<void> {
  const finishedAt = new Date();
  summary.progress = null;
  if (!outcome) {
    summary.failure = { mode, message: failure ?? "The import failed.", at: finishedAt.toISOString(), ...(fileGone ? { fileGone } : {}) };
    await saveSummary(jobId, summary, { status: "FAILED", finishedAt });
    return;
  }
  const { report, errors } = outcome;
  await writeErrors(jobId, errors).catch((error: unknown) => logUnexpected(`import ${jobId}: saving its errors`, error));
  const counts = { processed: report.rows, totalRows: report.rows, finishedAt };
  if (mode === "dryRun" || outcome.refused) {
    summary.dryRun = report;
    if (outcome.refused) {
      summary.failure = {
        mode,
        message: `Nothing was imported: ${report.errorCount.toLocaleString("en-US")} ${report.errorCount === 1 ? "row has" : "rows have"} problems the dry run did not find (the data changed since). Review them below.`,
        at: finishedAt.toISOString(),
      };
    }
    await saveSummary(jobId, summary, { status: report.errorCount > 0 ? "HAS_ERRORS" : "CHECKED", ...counts });
    return;
  }
  summary.commit = report;
  await saveSummary(jobId, summary, { status: "COMMITTED", ...counts });
  await removeImportFiles(jobId).catch(() => {});
}

/** A file-system error saying that `file` does not exist. */
function isMissing(error: unknown, file: string): boolean {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return code === "ENOENT" && path === file;
}
