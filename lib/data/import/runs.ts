import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ImportJob, Prisma } from "@/lib/generated/prisma/client";
import { checkMapping } from "@/lib/import/headers";
import { mappingKey, RUNNING_STATUSES, type ImportJobView, type ImportStatus, type ImportSummary, type RunMode } from "@/lib/import/job";
import { statusOf, transition } from "@/lib/import/job-store";
import type { ColumnMapping } from "@/lib/import/kinds";
import type { ImportRunPayload } from "@/lib/import/runner";
import { removeImportFiles } from "@/lib/import/storage";
import { enqueueJob, isJobPending } from "@/lib/jobs/queue";
import { runQueuedJobs } from "@/lib/jobs/run-once";
import { cleanMapping } from "@/lib/validation/import";
import { findJobView, getImportJob } from "./jobs";

/**
 * Dry runs, commits and discarding (ADMIN only). A run is claimed here and runs as an
 * "import-run" job on the queue (lib/jobs/, lib/import/runner.ts); the page polls the import.
 * With `wait` the call returns when the run ends (tests, scripts).
 */

const RESTARTABLE: readonly ImportStatus[] = ["UPLOADED", "CHECKED", "HAS_ERRORS", "FAILED"];
const BUSY = "This import is busy; wait for it to finish.";
const ALREADY_IMPORTED = "This file has already been imported.";

interface RunOptions {
  wait?: boolean;
}

/** Check the mapping against the file and start a dry run; a stale running job (the server restarted) may start again. */
export async function startDryRun(actor: Actor, jobId: string, mapping: ColumnMapping, options: RunOptions = {}): Promise<ImportJobView> {
  assertRole(actor, "ADMIN");
  const { job, view } = await findJobView(jobId);
  if (!RESTARTABLE.includes(view.status) && !view.stale) throw new AppError("CONFLICT", view.status === "COMMITTED" ? ALREADY_IMPORTED : BUSY);
  // Only the kind's fields, only mapped ones: whatever else the client sent is dropped.
  mapping = cleanMapping(view.kind, mapping);
  const problems = checkMapping(view.kind, mapping, view.summary.headers);
  if (problems.length) {
    throw new AppError("INVALID", "Some fields need a column.", { fieldErrors: Object.fromEntries(problems.map((p) => [p.field, p.message])) });
  }
  const previousKey = view.summary.mapping ? mappingKey(view.summary.mapping) : null;
  const summary: ImportSummary = {
    ...view.summary,
    mapping,
    mappingSource: previousKey === mappingKey(mapping) ? view.summary.mappingSource : "edited",
    dryRun: null,
  };
  return launch(actor, job, view, "dryRun", summary, { from: view.stale ? [view.status] : RESTARTABLE, data: { finishedAt: null } }, options);
}

/** Commit a checked file: only after a clean dry run, with the mapping that dry run used. */
export async function startCommit(actor: Actor, jobId: string, options: RunOptions = {}): Promise<ImportJobView> {
  assertRole(actor, "ADMIN");
  const { job, view } = await findJobView(jobId);
  if (view.status === "COMMITTED") throw new AppError("CONFLICT", ALREADY_IMPORTED);
  const dryRun = view.summary.dryRun;
  if (view.status === "HAS_ERRORS" || (dryRun && dryRun.errorCount > 0)) {
    throw new AppError("INVALID", "Some rows have problems. Fix the file or the mapping and run the dry run again: nothing is imported until every row is valid.");
  }
  if (view.status !== "CHECKED" || !dryRun || !view.summary.mapping || mappingKey(dryRun.mapping) !== mappingKey(view.summary.mapping)) {
    throw new AppError("INVALID", "Run a dry run first: the import is committed only after a dry run with the same mapping.");
  }
  return launch(actor, job, view, "commit", view.summary, { from: ["CHECKED"], data: {} }, options);
}

/**
 * Claim the import for the run (one request wins) and queue the "import-run" job that runs it, in
 * one transaction: the claim exists if and only if its job does. Any app instance's worker runs it.
 */
async function launch(
  actor: Actor,
  job: ImportJob,
  view: ImportJobView,
  mode: RunMode,
  summary: ImportSummary,
  claim: { from: readonly ImportStatus[]; data: Prisma.ImportJobUpdateManyMutationInput },
  options: RunOptions,
): Promise<ImportJobView> {
  const now = new Date().toISOString();
  const started: ImportSummary = { ...summary, failure: null, progress: { mode, phase: "waiting", startedAt: now, heartbeatAt: now } };
  const payload: ImportRunPayload = { importJobId: job.id, mode, claim: now, actor: { id: actor.id, email: actor.email }, fileName: job.fileName };
  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.importJob.updateMany({
      where: { id: job.id, status: { in: [...claim.from] } },
      data: { ...claim.data, processed: 0, status: mode === "dryRun" ? "CHECKING" : "COMMITTING", summary: started as unknown as Prisma.InputJsonValue },
    });
    if (count !== 1) return false;
    await enqueueJob("import-run", payload, { tx, key: `import-run:${job.id}` });
    return true;
  });
  if (!claimed) throw new AppError("CONFLICT", BUSY);
  if (options.wait) await untilFinished(job.id);
  return (await getImportJob(actor, job.id))!;
}

/** `wait`: run the queued import runs here (or let another worker finish this one) until this import's run ends. */
async function untilFinished(jobId: string): Promise<void> {
  for (;;) {
    const current = await db.importJob.findUnique({ where: { id: jobId }, select: { status: true } });
    if (!current || !RUNNING_STATUSES.includes(statusOf(current)) || !(await isJobPending(`import-run:${jobId}`))) return;
    await runQueuedJobs(["import-run"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Forget an upload that will not be committed: its file goes too. */
export async function discardImport(actor: Actor, jobId: string): Promise<void> {
  assertRole(actor, "ADMIN");
  const { job, view } = await findJobView(jobId);
  if (RUNNING_STATUSES.includes(view.status) && !view.stale) throw new AppError("CONFLICT", "Wait for the run to finish before discarding the import.");
  if (view.status === "COMMITTED") return;
  await transition(job.id, [view.status], "DISCARDED", { finishedAt: new Date() });
  await removeImportFiles(job.id);
}
