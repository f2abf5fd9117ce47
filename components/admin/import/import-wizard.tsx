"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { commitImport, deleteImportMapping, discardImportAction, runDryRun, saveImportMapping } from "@/lib/actions/import-data";
import { isRunning, type ImportJobView, type SavedMapping } from "@/lib/import/job";
import type { ColumnMapping, ImportKind } from "@/lib/import/kinds";
import { CommitSummary } from "./commit-summary";
import { DryRunReport } from "./dry-run-report";
import { MappingStep } from "./mapping-step";
import { RunProgress } from "./run-progress";
import { StepIndicator, STEPS, type StepNumber } from "./step-indicator";
import { Alert } from "@/components/ui/alert";
import { UploadStep } from "./upload-step";
import { useJobPolling } from "./use-job-polling";

type Override = "upload" | "map" | null;

const EMPTY_MAPPING: ColumnMapping = { fields: {}, dateFormat: "MDY" };

function stepOf(job: ImportJobView | null, override: Override): StepNumber {
  if (!job || override === "upload" || job.status === "UPLOADING" || job.status === "DISCARDED") return 1;
  if (override === "map") return 2;
  switch (job.status) {
    case "UPLOADED":
      return 2;
    case "COMMITTING":
    case "COMMITTED":
      return 4;
    default:
      return 3;
  }
}

function doneSteps(job: ImportJobView | null): StepNumber[] {
  if (!job || job.status === "UPLOADING" || job.status === "DISCARDED") return [];
  const done: StepNumber[] = [1];
  if (job.summary.dryRun || job.status !== "UPLOADED") done.push(2);
  if (job.status === "CHECKED" || job.status === "COMMITTING" || job.status === "COMMITTED") done.push(3);
  if (job.status === "COMMITTED") done.push(4);
  return done;
}

/**
 * The import page's four steps around one import job: upload, map columns, dry run, commit.
 * The job lives on the server (its id in the URL), so a reload or a mistake loses nothing:
 * the file, the mapping and the last results stay until the admin commits or discards.
 */
export function ImportWizard({ initialJob, savedMappings, missingJob }: { initialJob: ImportJobView | null; savedMappings: SavedMapping[]; missingJob: boolean }) {
  const router = useRouter();
  const [job, setJob] = useState(initialJob);
  const [override, setOverride] = useState<Override>(null);
  const [replacing, setReplacing] = useState(false);
  const [draft, setDraft] = useState<ColumnMapping>(initialJob?.summary.mapping ?? EMPTY_MAPPING);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saved, setSaved] = useState(savedMappings);
  const [pending, startTransition] = useTransition();
  // A different import chosen by navigation (recent imports, "Import another file") replaces
  // this one; the server's copy of the job shown here (after a refresh) does not: polling keeps it current.
  const [shownJobId, setShownJobId] = useState(initialJob?.id ?? null);
  if ((initialJob?.id ?? null) !== shownJobId) {
    setShownJobId(initialJob?.id ?? null);
    if ((initialJob?.id ?? null) !== (job?.id ?? null)) {
      setJob(initialJob);
      setDraft(initialJob?.summary.mapping ?? EMPTY_MAPPING);
      setOverride(null);
      setReplacing(false);
      setFieldErrors({});
      setFormError(null);
      setActionError(null);
    }
  }
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = stepOf(job, override);
  const previousStep = useRef(step);

  // Move focus to the new step's heading, so keyboard and screen-reader users follow along.
  useEffect(() => {
    if (previousStep.current !== step) headingRef.current?.focus();
    previousStep.current = step;
  }, [step]);

  const onPolled = useCallback(
    (next: ImportJobView) => {
      setJob(next);
      if (!isRunning(next)) router.refresh();
    },
    [router],
  );
  const onGone = useCallback(() => router.push("/admin/import"), [router]);
  useJobPolling(job, onPolled, onGone);

  const clearMessages = () => {
    setFieldErrors({});
    setFormError(null);
    setActionError(null);
  };

  const onUploaded = (uploaded: ImportJobView) => {
    setJob(uploaded);
    setDraft(uploaded.summary.mapping ?? EMPTY_MAPPING);
    setOverride(null);
    setReplacing(false);
    clearMessages();
    // The URL names the job (a reload resumes it) without re-rendering the page mid-step.
    window.history.replaceState(null, "", `/admin/import?job=${uploaded.id}`);
    router.refresh();
  };

  const run = () => {
    if (!job) return;
    clearMessages();
    startTransition(async () => {
      const result = await runDryRun(job.id, draft);
      if (result.ok) {
        setJob(result.data);
        setOverride(null);
      } else if (result.fieldErrors) {
        setFieldErrors(result.fieldErrors);
        setOverride("map");
      } else {
        setFormError(result.error);
      }
    });
  };

  const commit = () => {
    if (!job) return;
    clearMessages();
    startTransition(async () => {
      const result = await commitImport(job.id);
      if (result.ok) setJob(result.data);
      else setActionError(result.error);
    });
  };

  const discard = () => {
    if (!job) return;
    startTransition(async () => {
      const result = await discardImportAction(job.id);
      if (result.ok) router.push("/admin/import");
      else setActionError(result.error);
    });
  };

  const save = async (name: string): Promise<string | null> => {
    if (!job) return "Upload a file first.";
    const result = await saveImportMapping({ kind: job.kind, name, mapping: draft });
    if (!result.ok) return result.error;
    setSaved((list) => [...list.filter((m) => !(m.kind === result.data.kind && m.name === result.data.name)), result.data].sort((a, b) => a.name.localeCompare(b.name)));
    return null;
  };

  const deleteSaved = (id: number) => {
    startTransition(async () => {
      const result = await deleteImportMapping(id);
      if (result.ok) setSaved((list) => list.filter((m) => m.id !== id));
    });
  };

  const replaceFile = () => {
    clearMessages();
    setReplacing(true);
    setOverride("upload");
  };

  const startAgain = () => router.push("/admin/import");

  const changeMapping = () => {
    clearMessages();
    setOverride("map");
  };
  const cancelReplace = () => {
    setReplacing(false);
    setOverride(null);
  };

  /** A step's content under its heading (focused when the step changes). */
  const section = (n: StepNumber, content: ReactNode) => (
    <div className="space-y-4">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none" data-testid="step-heading">
        {n}. {STEPS[n - 1]}
      </h2>
      {content}
    </div>
  );
  // What the mapping step and the dry-run report both offer.
  const fileActions = { pending, onReplaceFile: replaceFile, onDiscard: discard };

  return (
    <div className="space-y-5">
      <StepIndicator current={step} done={doneSteps(job)} />
      {missingJob && !job && (
        <Alert tone="warning" title="That import no longer exists">
          <p>It may have been discarded. Upload the file again to start over.</p>
        </Alert>
      )}

      {step === 1 &&
        section(
          1,
          <UploadStep
            key={replacing ? `replace-${job?.id}` : "new"}
            initialKind={(job?.kind ?? "accounts") as ImportKind}
            lockedKind={replacing}
            replaces={replacing && job ? { id: job.id, fileName: job.fileName } : null}
            onUploaded={onUploaded}
            onCancelReplace={replacing ? cancelReplace : undefined}
          />,
        )}

      {step === 2 &&
        job &&
        section(
          2,
          <MappingStep
            job={job}
            draft={draft}
            onChange={(mapping) => {
              setDraft(mapping);
              setFieldErrors({});
            }}
            fieldErrors={fieldErrors}
            formError={formError}
            savedMappings={saved}
            onRun={run}
            onSave={save}
            onDeleteSaved={deleteSaved}
            {...fileActions}
          />,
        )}

      {step === 3 &&
        job &&
        section(
          3,
          isRunning(job) ? (
            <RunProgress job={job} />
          ) : (
            <DryRunReport job={job} actionError={actionError ?? formError} onCommit={commit} onChangeMapping={changeMapping} onRerun={run} {...fileActions} />
          ),
        )}

      {step === 4 && job && section(4, job.status === "COMMITTING" ? <RunProgress job={job} /> : <CommitSummary job={job} onStartAgain={startAgain} />)}
    </div>
  );
}
