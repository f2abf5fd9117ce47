/**
 * An import job as stored (ImportJob: status, row counts, a JSON summary) and as the page sees it.
 * Types only and small pure helpers: shared by the server and the import page's client components.
 */
import type { ImportImpact } from "./impact";
import type { ColumnMapping, ImportKind } from "./kinds";

/** Every status a job can have, with its label (the list of statuses is this table's keys). */
export const STATUS_LABELS = {
  UPLOADING: "Uploading",
  UPLOADED: "Ready to map",
  CHECKING: "Dry run running",
  CHECKED: "Ready to commit",
  HAS_ERRORS: "Has errors",
  COMMITTING: "Committing",
  COMMITTED: "Committed",
  FAILED: "Failed",
  DISCARDED: "Discarded",
} as const satisfies Record<string, string>;
export type ImportStatus = keyof typeof STATUS_LABELS;

export type RunMode = "dryRun" | "commit";

/** A run's phases with their labels, in the order they happen (the progress shows "step n of m"). */
const PHASES = [
  ["waiting", "Waiting for another import to finish"],
  ["reading", "Reading and checking rows"],
  ["checking", "Checking rows against Tierwise data"],
  ["writing", "Writing changes"],
  ["recomputing", "Recomputing metrics, tiers and segments"],
  ["comparing", "Comparing tiers and segments"],
  ["finishing", "Finishing"],
] as const;
export type RunPhase = (typeof PHASES)[number][0];
export const RUN_PHASES: readonly RunPhase[] = PHASES.map(([phase]) => phase);
export const PHASE_LABELS = Object.fromEntries(PHASES) as Readonly<Record<RunPhase, string>>;

export interface RunProgress {
  mode: RunMode;
  phase: RunPhase;
  startedAt: string;
  heartbeatAt: string;
}

export interface RunReport {
  mode: RunMode;
  /** The mapping the run used: a commit must use the one its dry run checked. */
  mapping: ColumnMapping;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Data rows in the file (blank lines not counted). */
  rows: number;
  validRows: number;
  errorCount: number;
  /** Rows the upsert inserts, changes, or finds identical. */
  created: number;
  updated: number;
  unchanged: number;
  /** Accounts whose data changed (metrics, tiers and segments recomputed for them). */
  accountsAffected: number;
  impact: ImportImpact;
  schemeVersion: number | null;
  /** Milliseconds spent in each phase (the commit's "finishing" includes the audit entry). */
  phaseMs: Partial<Record<RunPhase, number>>;
  /** Milliseconds of the steps inside the phases (staging, check, fill, upsert, metrics, memberships, impact). */
  stepMs?: Record<string, number>;
}

export interface ImportSummary {
  fileSize: number;
  receivedBytes: number;
  headers: string[];
  /** The first few data rows, for the mapping screen. */
  sample: string[][];
  duplicateHeaders: string[];
  mapping: ColumnMapping | null;
  /** Where the mapping came from: "recognised", "saved: <name>", "previous upload", "edited". */
  mappingSource: string | null;
  progress: RunProgress | null;
  dryRun: RunReport | null;
  commit: RunReport | null;
  /** `fileGone`: the upload is no longer on the server, so only uploading it again can help. */
  failure: { mode: RunMode; message: string; at: string; fileGone?: boolean } | null;
}

export const EMPTY_SUMMARY: ImportSummary = {
  fileSize: 0,
  receivedBytes: 0,
  headers: [],
  sample: [],
  duplicateHeaders: [],
  mapping: null,
  mappingSource: null,
  progress: null,
  dryRun: null,
  commit: null,
  failure: null,
};

export interface ImportJobView {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  processed: number;
  createdAt: string;
  finishedAt: string | null;
  createdBy: { name: string; email: string } | null;
  summary: ImportSummary;
  /** A run that stopped reporting (the server restarted mid-run): it can be started again. */
  stale: boolean;
}

export interface SavedMapping {
  id: number;
  kind: ImportKind;
  name: string;
  mapping: ColumnMapping;
  createdAt: string;
}

export const RUNNING_STATUSES: readonly ImportStatus[] = ["CHECKING", "COMMITTING"];

export function isRunning(job: Pick<ImportJobView, "status" | "stale">): boolean {
  return RUNNING_STATUSES.includes(job.status) && !job.stale;
}

/** A running job whose heartbeat is older than this is considered interrupted. */
export const STALE_AFTER_MS = 2 * 60_000;
/** How often a running job reports that it is alive. */
export const HEARTBEAT_MS = 10_000;

/** The mapping as a stable string, to tell whether a commit uses what its dry run checked. */
export function mappingKey(mapping: ColumnMapping): string {
  const fields = Object.entries(mapping.fields)
    .filter(([, header]) => header)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ fields, dateFormat: mapping.dateFormat });
}

export function isImportStatus(value: string): value is ImportStatus {
  return Object.hasOwn(STATUS_LABELS, value);
}
